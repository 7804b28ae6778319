"""(conferences menu entries and workbench cards: stub.)"""

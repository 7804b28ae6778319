"""(summary menu entries and workbench cards: stub.)"""

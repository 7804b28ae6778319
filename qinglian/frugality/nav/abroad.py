"""(abroad menu entries and workbench cards: stub.)"""

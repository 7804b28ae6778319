"""(standards menu entries and workbench cards: stub.)"""

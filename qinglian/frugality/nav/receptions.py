"""(receptions menu entries and workbench cards: stub.)"""

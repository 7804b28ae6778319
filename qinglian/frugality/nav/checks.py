"""(checks menu entries and workbench cards: stub.)"""

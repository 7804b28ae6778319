"""(cars menu entries and workbench cards: stub.)"""

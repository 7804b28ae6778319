"""(travel menu entries and workbench cards: stub.)"""

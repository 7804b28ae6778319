"""(imports menu entries and workbench cards: stub.)"""

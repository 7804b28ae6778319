"""(plans menu entries and workbench cards: stub.)"""

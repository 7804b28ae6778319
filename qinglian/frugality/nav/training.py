"""(training menu entries and workbench cards: stub.)"""

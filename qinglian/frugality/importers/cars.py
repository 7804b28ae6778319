"""(cars importers: stub, written by the cars helper.)"""

"""(cars selectors: stub, written by the cars helper.)"""

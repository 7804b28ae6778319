"""(cars schemas: stub, written by the cars helper.)"""

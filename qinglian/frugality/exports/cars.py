"""(cars exports: stub, written by the cars helper.)"""

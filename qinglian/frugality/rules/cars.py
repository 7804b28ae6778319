"""(cars rules: stub, written by the cars helper.)"""

"""(cars forms: stub, written by the cars helper.)"""

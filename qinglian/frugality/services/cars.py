"""(cars services: stub, written by the cars helper.)"""

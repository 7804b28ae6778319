"""(checks schemas: stub, written by the checks helper.)"""

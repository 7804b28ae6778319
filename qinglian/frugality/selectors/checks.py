"""(checks selectors: stub, written by the checks helper.)"""

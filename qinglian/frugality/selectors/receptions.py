"""(receptions selectors: stub, written by the receptions helper.)"""

"""(standards selectors: stub, written by the standards helper.)"""

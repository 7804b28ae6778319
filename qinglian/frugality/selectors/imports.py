"""(imports selectors: stub, written by the imports helper.)"""

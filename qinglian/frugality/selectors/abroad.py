"""(abroad selectors: stub, written by the abroad helper.)"""

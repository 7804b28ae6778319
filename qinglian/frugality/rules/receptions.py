"""(receptions rules: stub, written by the receptions helper.)"""

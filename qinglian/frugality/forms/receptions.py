"""(receptions forms: stub, written by the receptions helper.)"""

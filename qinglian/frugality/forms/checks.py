"""(checks forms: stub, written by the checks helper.)"""

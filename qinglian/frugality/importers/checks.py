"""(checks importers: stub, written by the checks helper.)"""

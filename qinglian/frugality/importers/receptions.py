"""(receptions importers: stub, written by the receptions helper.)"""

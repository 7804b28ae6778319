"""(receptions schemas: stub, written by the receptions helper.)"""

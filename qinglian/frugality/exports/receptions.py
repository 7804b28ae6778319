"""(receptions exports: stub, written by the receptions helper.)"""

"""(receptions services: stub, written by the receptions helper.)"""

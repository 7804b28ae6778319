"""(checks services: stub, written by the checks helper.)"""

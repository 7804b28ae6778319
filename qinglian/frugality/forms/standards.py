"""(standards forms: stub, written by the standards helper.)"""

"""(standards importers: stub, written by the standards helper.)"""

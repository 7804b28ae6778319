"""(standards schemas: stub, written by the standards helper.)"""

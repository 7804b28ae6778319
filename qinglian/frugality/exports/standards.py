"""(standards exports: stub, written by the standards helper.)"""

"""(standards services: stub, written by the standards helper.)"""

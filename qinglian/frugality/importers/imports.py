"""(imports importers: stub, written by the imports helper.)"""

"""(imports forms: stub, written by the imports helper.)"""

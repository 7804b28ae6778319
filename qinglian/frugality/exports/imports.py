"""(imports exports: stub, written by the imports helper.)"""

"""(imports schemas: stub, written by the imports helper.)"""

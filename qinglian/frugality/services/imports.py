"""(imports services: stub, written by the imports helper.)"""

"""(abroad schemas: stub, written by the abroad helper.)"""

"""(abroad exports: stub, written by the abroad helper.)"""

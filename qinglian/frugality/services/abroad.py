"""(abroad services: stub, written by the abroad helper.)"""

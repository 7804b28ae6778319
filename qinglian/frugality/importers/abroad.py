"""(abroad importers: stub, written by the abroad helper.)"""

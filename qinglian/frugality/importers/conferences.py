"""(conferences importers: stub, written by the conferences helper.)"""

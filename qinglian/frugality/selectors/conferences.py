"""(conferences selectors: stub, written by the conferences helper.)"""

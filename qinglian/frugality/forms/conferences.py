"""(conferences forms: stub, written by the conferences helper.)"""

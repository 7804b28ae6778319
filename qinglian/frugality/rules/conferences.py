"""(conferences rules: stub, written by the conferences helper.)"""

"""(conferences exports: stub, written by the conferences helper.)"""

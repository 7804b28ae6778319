"""(conferences schemas: stub, written by the conferences helper.)"""

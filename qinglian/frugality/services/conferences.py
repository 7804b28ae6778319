"""(conferences services: stub, written by the conferences helper.)"""

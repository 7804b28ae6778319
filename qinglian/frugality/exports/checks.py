"""(checks exports: stub, written by the checks helper.)"""

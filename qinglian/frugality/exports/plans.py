"""(plans exports: stub, written by the plans helper.)"""

"""(plans forms: stub, written by the plans helper.)"""

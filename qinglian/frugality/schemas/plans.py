"""(plans schemas: stub, written by the plans helper.)"""

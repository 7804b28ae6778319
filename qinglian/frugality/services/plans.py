"""(plans services: stub, written by the plans helper.)"""

"""(plans selectors: stub, written by the plans helper.)"""

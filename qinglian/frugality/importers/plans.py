"""(plans importers: stub, written by the plans helper.)"""

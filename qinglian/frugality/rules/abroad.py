"""(abroad rules: stub, written by the abroad helper.)"""

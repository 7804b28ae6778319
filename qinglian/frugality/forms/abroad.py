"""(abroad forms: stub, written by the abroad helper.)"""

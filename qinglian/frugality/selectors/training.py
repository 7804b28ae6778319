"""(training selectors: stub, written by the training helper.)"""

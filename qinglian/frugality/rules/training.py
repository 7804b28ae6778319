"""(training rules: stub, written by the training helper.)"""

"""(training forms: stub, written by the training helper.)"""

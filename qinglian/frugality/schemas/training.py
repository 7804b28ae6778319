"""(training schemas: stub, written by the training helper.)"""

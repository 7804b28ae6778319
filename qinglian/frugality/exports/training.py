"""(training exports: stub, written by the training helper.)"""

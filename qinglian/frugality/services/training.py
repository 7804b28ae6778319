"""(training services: stub, written by the training helper.)"""

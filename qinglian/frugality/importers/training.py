"""(training importers: stub, written by the training helper.)"""

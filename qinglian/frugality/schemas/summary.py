"""(summary schemas: stub, written by the summary helper.)"""

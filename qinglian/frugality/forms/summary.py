"""(summary forms: stub, written by the summary helper.)"""

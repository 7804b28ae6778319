"""(summary selectors: stub, written by the summary helper.)"""

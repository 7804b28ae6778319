"""(summary importers: stub, written by the summary helper.)"""

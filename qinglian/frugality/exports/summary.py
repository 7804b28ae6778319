"""(summary exports: stub, written by the summary helper.)"""

"""(summary services: stub, written by the summary helper.)"""

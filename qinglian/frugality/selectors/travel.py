"""(travel selectors: stub, written by the travel helper.)"""

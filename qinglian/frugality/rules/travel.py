"""(travel rules: stub, written by the travel helper.)"""

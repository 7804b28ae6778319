"""(travel importers: stub, written by the travel helper.)"""

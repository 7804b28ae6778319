"""(travel schemas: stub, written by the travel helper.)"""

"""(travel services: stub, written by the travel helper.)"""

"""(travel forms: stub, written by the travel helper.)"""

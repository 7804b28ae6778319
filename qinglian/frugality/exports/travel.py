"""(travel exports: stub, written by the travel helper.)"""

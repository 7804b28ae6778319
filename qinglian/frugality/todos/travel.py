"""(travel sources of 我的待办: stub.)"""

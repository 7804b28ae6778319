"""(imports sources of 我的待办: stub.)"""

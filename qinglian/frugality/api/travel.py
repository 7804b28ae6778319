"""(travel API: stub, written by the travel helper.)"""

from ninja import Router

router = Router()

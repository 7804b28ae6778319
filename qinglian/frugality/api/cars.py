"""(cars API: stub, written by the cars helper.)"""

from ninja import Router

router = Router()

"""(receptions API: stub, written by the receptions helper.)"""

from ninja import Router

router = Router()

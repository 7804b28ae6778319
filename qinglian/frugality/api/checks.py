"""(checks API: stub, written by the checks helper.)"""

from ninja import Router

router = Router()

"""(abroad API: stub, written by the abroad helper.)"""

from ninja import Router

router = Router()

"""(plans API: stub, written by the plans helper.)"""

from ninja import Router

router = Router()

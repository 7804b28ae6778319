"""(conferences API: stub, written by the conferences helper.)"""

from ninja import Router

router = Router()

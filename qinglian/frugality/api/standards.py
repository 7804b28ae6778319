"""(standards API: stub, written by the standards helper.)"""

from ninja import Router

router = Router()

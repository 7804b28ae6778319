"""(summary API: stub, written by the summary helper.)"""

from ninja import Router

router = Router()

"""API of the 廉政 personal ledger (to be built)."""

from ninja import Router

router = Router()

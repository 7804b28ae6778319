"""API of the 廉政 risks ledger (to be built)."""

from ninja import Router

router = Router()

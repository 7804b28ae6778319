"""API of the 廉政 gifts ledger (to be built)."""

from ninja import Router

router = Router()

"""API of the 廉政 rectification ledger (to be built)."""

from ninja import Router

router = Router()

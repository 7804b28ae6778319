"""API of the 廉政 opinions ledger (to be built)."""

from ninja import Router

router = Router()

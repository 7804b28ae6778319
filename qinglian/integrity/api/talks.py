"""API of the 廉政 talks ledger (to be built)."""

from ninja import Router

router = Router()

"""API of the 廉政 inquiries ledger (to be built)."""

from ninja import Router

router = Router()

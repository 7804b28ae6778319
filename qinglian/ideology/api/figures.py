"""API of this part: written by the part's owner."""

from ninja import Router

router = Router()

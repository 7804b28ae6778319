"""The duty API."""

from ninja import Router

router = Router()

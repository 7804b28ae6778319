"""The npc API."""

from ninja import Router

router = Router()

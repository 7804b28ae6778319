"""The demo organ's 八项规定 ledgers: a year of receptions, trips, conferences and courses, the car register, trips
abroad, the yearly plans, the city's example standard tables and one special check — with a handful of honest
violations the FRG rules find, and nothing else.

Each part builds its ledger through the services on the replayed clock, in this order: the standard tables and the
plans first (the ledgers read them), the special check last (it samples the others)."""

from __future__ import annotations

from qinglian.core.demo import DemoContext
from qinglian.frugality.demo import abroad, cars, checks, conferences, plans, receptions, standards, training, travel


def build(ctx: DemoContext) -> None:
    for part in (standards, plans, receptions, travel, conferences, training, cars, abroad, checks):
        part.build(ctx)

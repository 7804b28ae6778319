"""The demo organ's 意识形态 work: its outlets (one new-media account going silent), a year of pieces through the
three-stage review with the proofreading engine in the loop, forums filed under 一会一报 (one late), the analysis
and reporting schedule, and a few public-opinion events — with the planted lapses the IDEO rules find, and nothing
else. Each part builds through the services on the replayed clock; outlets first (the pieces need them)."""

from __future__ import annotations

from qinglian.core.demo import DemoContext
from qinglian.ideology.demo import forums, opinion, outlets, pieces, reports


def build(ctx: DemoContext) -> None:
    for part in (outlets, pieces, forums, reports, opinion):
        part.build(ctx)

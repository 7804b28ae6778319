"""The demo organ's 廉政 ledgers: two years of talks, opinion requests, personal-matters reports and checks, risk
points, rectification, proposals, inquiry letters and gifts — with honest gaps the INT rules find, and nothing else.

Each part builds its ledger through the services on the replayed clock; the order matters only where one part
reads another's rows (opinion summaries read talks, reports and rectification)."""

from __future__ import annotations

from qinglian.core.demo import DemoContext
from qinglian.integrity.demo import gifts, inquiries, opinions, personal, rectification, risks, talks


def build(ctx: DemoContext) -> None:
    for part in (talks, personal, risks, rectification, inquiries, gifts, opinions):
        part.build(ctx)

"""One read of a ledger per rule run, shared by the domain apps' rules.

Several rules read the same ledger (eight read the receptions, four the published pieces). `ledger_rows` reads the
rows of a window once per run and keeps them in the run's memo (Context.memo) for the next rule; nothing outlives
the run. Rows are those dated on or before D and not soft-deleted by D (core.asof): a rule for D never sees a row
dated D+1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Model

from qinglian.compliance.registry import Context
from qinglian.core import asof


def ledger_rows(
    ctx: Context,
    model: type[Model],
    *,
    date_field: str,
    start: dt.date,
    related: Sequence[str] = (),
    prefetch: Sequence[str] = (),
) -> list[Any]:
    """The model's rows (its `all_objects`) of the run's organ dated from `start` to D, live on D, with `related`
    and `prefetch` loaded — read once per run whichever rule asks first. Callers must not modify them."""
    key = f"ledger:{model._meta.label}:{start}:{date_field}:{','.join(related)}:{','.join(prefetch)}"
    if key not in ctx.memo:
        ctx.memo[key] = list(
            model.all_objects.filter(  # type: ignore[attr-defined]
                asof.live_on(ctx.as_of),
                organ_id=ctx.organ_id,
                **{f"{date_field}__lte": ctx.as_of, f"{date_field}__gte": start},
            )
            .select_related(*related)
            .prefetch_related(*prefetch)
            .order_by(date_field, "pk")
        )
    return ctx.memo[key]

"""INT-060: a gift received in official dealings that could not be refused is registered and handed in within one
month of receipt — of coming back to the unit, for a gift received elsewhere.

Done means 登记并上交: the day it was handed in, or for a gift returned to the giver (退还送礼人, nothing to hand
in) the day it was registered. Checked for a day D: a gift received after D is not seen, a date after D had not
happened, and whether the gift was returned is read as it stood on D (core.asof). Findings go to the recipient
and their unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.deadlines import deadline_verdict
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.models import Gift
from qinglian.integrity.rules.inquiries import CATEGORY, LOOK_BACK, WARN, first_year


def gift_start(received_on: dt.date, back_on: dt.date | None) -> dt.date:
    return back_on or received_on


def gift_due(received_on: dt.date, back_on: dt.date | None, months: int) -> dt.date:
    """一个月内: the same day a month later (民法典 Art.201–203), from coming back when received elsewhere."""
    return workdays.add_months(gift_start(received_on, back_on), months)


def gift_done_on(handling: str, registered_on: dt.date | None, handed_in_on: dt.date | None) -> dt.date | None:
    """The day a gift was 登记上交: handed in; a returned gift, registered (it was never handed in)."""
    if handed_in_on is not None:
        return handed_in_on
    return registered_on if handling == GiftHandling.RETURNED else None


def collect_gifts(ctx: Context) -> Iterator[Subject]:
    rows = list(
        Gift.all_objects.filter(
            asof.live_on(ctx.as_of),
            organ_id=ctx.organ_id,
            received_on__lte=ctx.as_of,
            received_on__gte=dt.date(first_year(ctx), 1, 1),
        ).select_related("person")
    )
    handling = asof.values_on(Gift, ctx.as_of, "handling", ids=[g.pk for g in rows]) if rows else {}
    for g in rows:
        registered_on = asof.known(g.registered_on, ctx.as_of)
        yield Subject(
            type="integrity.gift",
            id=str(g.pk),
            label=f"{g.person.name}{g.received_on:%Y-%m-%d}收受的{g.description}",
            period=str(g.received_on.year),
            link=f"/integrity/gifts/{g.pk}/",
            unit_id=g.person.unit_id,
            person_id=g.person_id,
            data={
                "received_on": g.received_on,
                "back_on": g.back_on,
                "done_on": gift_done_on(handling.get(g.pk, g.handling) or "", registered_on, g.handed_in_on),
            },
        )


@rule(
    code="INT-060",
    title="收受礼品一个月内登记上交",
    basis=(
        "《关于对党和国家机关工作人员在国内交往中收受的礼品实行登记制度的规定》（中共中央办公厅、国务院办公厅"
        "1995年）：收受的礼品应自收受之日（在外地接受的，自回本单位之日）起一个月内登记上交（条号未核实）；"
        "期间按《中华人民共和国民法典》第二百零一条至第二百零三条计算"
    ),
    category=CATEGORY,
    subjects="礼品登记（受礼人本人）",
    severity_policy="逾期才登记上交为红色（违规记录）；逾期仍未登记上交为红色；到期前N个工作日未上交为黄色",
    params=[
        Param("register_months", "登记上交期限（月）", unit="个月", minimum=1, maximum=12, period="months"),
        WARN,
        LOOK_BACK,
    ],
    collect=collect_gifts,
    short="礼品逾期登记上交",
)
def gift_handed_in(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    due = gift_due(subject.data["received_on"], subject.data["back_on"], int(p.register_months))
    warn = int(p.warn_working_days)
    return deadline_verdict(subject.label, "登记上交", due, subject.data["done_on"], ctx.as_of, warn)

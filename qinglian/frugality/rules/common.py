"""What the 八项规定 rules share: their category, the look-back window, who answers for a voucher, and one read of a
ledger per run.

Several rules read the same ledger (eight read the receptions): `ledger_rows` reads a window's rows once per run
(compliance.reading), dated on or before D and not soft-deleted by D — a rule for D never sees a voucher of D+1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Model

from qinglian.compliance import reading
from qinglian.compliance.registry import Context, Owner, Param, Params, Subject
from qinglian.frugality.standards.lookup import StandardBook
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant

CATEGORY = "八项规定"
LOOK_BACK = Param("look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="2 = 本年度和上一年度")
WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=30, period="working_days")
RECEPTION_RULES = "《党政机关国内公务接待管理规定》（中共中央办公厅、国务院办公厅2013年）"
TRAVEL_RULES = "《中央和国家机关差旅费管理办法》（财行〔2013〕531号）"
CONFERENCE_RULES = "《中央和国家机关会议费管理办法》（财行〔2016〕214号）"
TRAINING_RULES = "《中央和国家机关培训费管理办法》（2016年，文号未核实）"
CAR_RULES = "《党政机关公务用车管理办法》（中共中央办公厅、国务院办公厅2017年）"
ABROAD_RULES = "《关于进一步加强因公临时出国管理的若干规定》（中办发〔2013〕，文号未核实）"
FRUGALITY_RULES = "《党政机关厉行节约反对浪费条例》"


def first_day(ctx: Context) -> dt.date:
    """The first day of the window: 1 January of the earliest year looked back on."""
    return dt.date(ctx.as_of.year - int(ctx.params.look_back_years) + 1, 1, 1)


def finance_office(organ_id: int) -> Owner:
    """The finance officer (财务专责人员) who keeps the ledgers: the earliest active grant's person and unit."""
    row = (
        RoleGrant.objects.active()
        .filter(organ_id=organ_id, role=Role.FINANCE_OFFICER, user__person__isnull=False)
        .order_by("granted_at", "pk")
        .values_list("user__person__unit_id", "user__person_id")
        .first()
    )
    return Owner(*row) if row else Owner(None, None)


def voucher_label(noun: str, row: Any) -> str:
    """How a finding names a voucher: "凭证号 记-0123 2026-03-05 接待某某单位" (the number first: a check reads it)."""
    number = f"凭证号{row.voucher_no} " if getattr(row, "voucher_no", "") else "（无凭证号）"
    return f"{number}{noun}"


# --- one read of a ledger per run -----------------------------------------------------------------------------


def ledger_rows(
    ctx: Context,
    model: type[Model],
    *,
    date_field: str,
    related: Sequence[str] = (),
    prefetch: Sequence[str] = (),
    since: dt.date | None = None,
) -> list[Any]:
    """The ledger's rows dated from `since` (default: the window's first day) to D, live on D, read once per run
    (compliance.reading). Callers must not modify them."""
    start = since or first_day(ctx)
    return reading.ledger_rows(ctx, model, date_field=date_field, start=start, related=related, prefetch=prefetch)


def standard_book(ctx: Context) -> StandardBook:
    """The standard tables the organ may use, read once per run."""
    if "frugality:standards" not in ctx.memo:
        ctx.memo["frugality:standards"] = StandardBook.load(ctx.organ_id)
    return ctx.memo["frugality:standards"]


# --- amounts over the standard, for the special check's report ---------------------------------------------------
# A rule that compares an amount with a standard registers how much over it a subject is (0 when within), so the
# special check (专项检查) can total "超标准金额" per rule without parsing reasons. Every FRG subject's data carries
# "on" (the record's date: a reception's first day, a trip's departure…) and "amount" (its total), which the special
# check reads to keep the subjects of its period.

ExcessFn = Callable[[Subject, Params, Context], Decimal]
EXCESS: dict[str, ExcessFn] = {}


def excess(code: str) -> Callable[[ExcessFn], ExcessFn]:
    def register(fn: ExcessFn) -> ExcessFn:
        EXCESS[code] = fn
        return fn

    return register

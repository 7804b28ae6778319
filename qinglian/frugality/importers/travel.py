"""差旅导入 on the core import framework, in the shape finance systems export trips: one row per stay or ticket line,
the trip's columns repeated on each, the rows of one trip sharing its 凭证号 (a trip with neither stay nor ticket is
one row of trip columns). The trip's columns must agree within a voucher, else the row that differs is refused.

Each voucher is written at once through services.travel.trip_save (imported: the voucher number is kept and the
row is marked 财务导入), with the forms' checks: dates in order, stays and tickets inside the trip, no more nights
than days, a class of its mode, amounts read by amounts.parse_amount. A 报销合计 column, when given, must equal the
sum of lodging, fares and allowances. All or nothing.

The ledger's own export (exports/travel.py) re-imports as it is: a voucher already in the ledger with the same
content is 无变化; with other content it is refused — an import never changes a recorded trip. A trip recorded
without a voucher number is matched by traveller, dates and purpose, and only as 无变化.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass, field
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.frugality.importers.travel_columns import (
    APPROVED,
    APPROVER,
    ARRIVE,
    BAND,
    BAND_LABELS,
    CITY,
    END,
    FARE,
    FROM,
    LEAVE,
    LOCAL,
    LOCAL_DAYS,
    LODGING,
    MEAL,
    MEAL_DAYS,
    MODE,
    MODE_LABELS,
    NIGHTS,
    NOTE,
    PAID,
    PROVINCE,
    PURPOSE,
    SEAT,
    SEAT_LABELS,
    SHARED,
    START,
    STAY_COLUMNS,
    TICKET_COLUMNS,
    TICKET_ON,
    TO,
    TOTAL,
    TRAVELLER,
    TRAVELLER_UNIT,
    UNIT,
    VOUCHER,
    read_amount,
    read_count,
    read_date,
    shown,
    trip_columns,
)
from qinglian.frugality.models import Trip
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.services.travel import (
    ZERO,
    StayLine,
    TicketLine,
    band_for,
    check_stay,
    check_ticket,
    check_trip_dates,
    trip_save,
)
from qinglian.integrity.importers.common import Roster
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of


@dataclass
class _Row:
    """One sheet row after its own cells are judged, before the rows of its voucher are compared."""

    row: SheetRow
    key: tuple[str, ...]  # the voucher number, or for a row without one the traveller, dates and purpose
    shared: dict[str, Any]  # the trip's columns (SHARED) as judged: what the rows of one voucher must agree on
    trip: dict[str, Any] = field(default_factory=dict)
    stay: StayLine | None = None
    ticket: TicketLine | None = None

    @property
    def ok(self) -> bool:
        return not self.row.errors


class TripImport(LedgerImport[RowPlan]):
    title = "差旅台账"
    sheet = "差旅"
    upload_noun = "差旅报销明细表"
    row_noun = "差旅的住宿和交通票据明细"
    change_reason = "财务导入"
    refusal = "只有财务专责人员可以导入差旅台账"
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增明细 {} 行", Action.UNCHANGED: "无变化 {} 行"}
    export_only = ("序号", "来源")
    text_columns = (VOUCHER,)

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_ledgers(user)

    def columns(self) -> list[Column]:
        return trip_columns()

    def notes(self) -> list[str]:
        return [
            "每行填写一条住宿明细或一张交通票据；同一差旅的各行凭证号相同，出差人、事由、日期、补助等差旅信息各行应一致。"
            "没有住宿和票据的差旅填写一行差旅信息即可。本页导出的差旅台账可直接上传。",
            "出差人按本机关花名册中的姓名识别（不含派驻纪检监察组）；同名人员请填写所在委室。",
            "金额可写 1,280.50、1280.5元、0.3万元；天数填写整数。出差人员级别不填的，按出发日的职级确定。",
            "返回日期不能早于出发日期；住宿和乘坐日期应在出差期间内，离开日期不能早于到达日期，住宿晚数不能超过到达至离开的天数。",
            "系统中已有的凭证号：内容相同的显示为“无变化”，内容不同的不能导入（导入不修改已有记录）。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据。",
        ]

    # --- one row ------------------------------------------------------------------------------------------

    def _judge_row(self, row: SheetRow, people: Roster, units: dict[str, int], today: dt.date) -> _Row:
        voucher = row.judge_text(VOUCHER, 40)
        traveller = people.find(row, TRAVELLER, TRAVELLER_UNIT)
        unit_name = row.judge_text(UNIT, 60)
        if unit_name and unit_name not in units:
            row.error(UNIT, f"本机关没有“{unit_name}”")
        approver_name = row.text(APPROVER)
        approver = people.find(row, APPROVER, "") if approver_name else None
        shared = {
            TRAVELLER: traveller.pk if traveller else None,
            TRAVELLER_UNIT: row.text(TRAVELLER_UNIT),
            UNIT: units.get(unit_name) if unit_name else None,
            BAND: row.judge_choice(BAND, BAND_LABELS, noun="出差人员级别"),
            PURPOSE: row.judge_text(PURPOSE, 200, required=True),
            START: read_date(row, START, required=True),
            END: read_date(row, END, required=True),
            APPROVED: read_date(row, APPROVED, today=today),
            APPROVER: approver.pk if approver else None,
            MEAL_DAYS: read_count(row, MEAL_DAYS),
            MEAL: read_amount(row, MEAL),
            LOCAL_DAYS: read_count(row, LOCAL_DAYS),
            LOCAL: read_amount(row, LOCAL),
            PAID: read_date(row, PAID, today=today),
            TOTAL: read_amount(row, TOTAL),
            NOTE: row.judge_text(NOTE, 500),
        }
        key = (voucher,) if voucher else ("", row.text(TRAVELLER), shown(shared[START]), shared[PURPOSE])
        judged = _Row(row, key, shared)
        self._lines(judged)
        if traveller is not None and traveller.pk == scope_of(self.user).person_id:
            row.error(TRAVELLER, "不能导入本人的差旅（由他人录入）")
        if approver is not None and traveller is not None and approver.pk == traveller.pk:
            row.error(APPROVER, "审批人不能是出差人本人")
        return judged

    def _lines(self, judged: _Row) -> None:
        """The row's stay or ticket, checked against the trip's dates."""
        row, start, end = judged.row, judged.shared[START], judged.shared[END]
        has_stay = any(row.text(h) for h in STAY_COLUMNS)
        has_ticket = any(row.text(h) for h in TICKET_COLUMNS)
        if has_stay and has_ticket:
            row.error(PROVINCE, "一行只填写一条住宿明细或一张交通票据")
            return
        if start is not None and end is not None:
            try:
                check_trip_dates(start_on=start, end_on=end, approved_on=None, paid_on=judged.shared[PAID])
            except InvalidInput as exc:
                row.error(END, exc.message)
        if has_stay:
            judged.stay = self._stay(row, start, end)
        elif has_ticket:
            judged.ticket = self._ticket(row, start, end)

    def _stay(self, row: SheetRow, start: dt.date | None, end: dt.date | None) -> StayLine | None:
        province, city = row.judge_text(PROVINCE, 30, required=True), row.judge_text(CITY, 40, required=True)
        arrive, leave = read_date(row, ARRIVE, required=True), read_date(row, LEAVE, required=True)
        nights = read_count(row, NIGHTS)
        if nights is None and not row.text(NIGHTS):
            row.error(NIGHTS, "必填")
        lodging = read_amount(row, LODGING)
        if row.errors or start is None or end is None:
            return None
        line = StayLine(province, city, arrive, leave, nights, lodging or ZERO)
        try:
            check_stay(line, start, end)
        except InvalidInput as exc:
            row.error(ARRIVE, exc.message)
            return None
        return line

    def _ticket(self, row: SheetRow, start: dt.date | None, end: dt.date | None) -> TicketLine | None:
        on = read_date(row, TICKET_ON, required=True)
        mode = row.judge_choice(MODE, MODE_LABELS, required=True, noun="交通工具")
        seat = row.judge_choice(SEAT, SEAT_LABELS, required=True, noun="座位/舱位")
        from_city, to_city = row.judge_text(FROM, 40), row.judge_text(TO, 40)
        fare = read_amount(row, FARE)
        if row.errors or start is None or end is None:
            return None
        line = TicketLine(on, mode, seat, from_city, to_city, fare or ZERO)
        try:
            check_ticket(line, start, end)
        except InvalidInput as exc:
            row.error(SEAT if "座位" in exc.message else TICKET_ON, exc.message)
            return None
        return line

    # --- the rows of one voucher ---------------------------------------------------------------------------------

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        people = Roster(self.organ)
        units = dict(Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).values_list("name", "pk"))
        today = clock.today()
        judged = [self._judge_row(SheetRow(n, record), people, units, today) for n, record in sheet.rows]
        groups: dict[tuple[str, ...], list[_Row]] = {}
        for j in judged:
            self._join(j, groups.setdefault(j.key, []))
        existing = _Ledger(self.organ)
        plans: dict[int, RowPlan] = {}
        for key, group in groups.items():
            self._plan_group(key, group, existing, plans)
        return [plans[j.row.number] for j in judged]

    def _join(self, j: _Row, group: list[_Row]) -> None:
        """Compare a row's trip columns with the first row of its voucher (a cell already refused is not compared)."""
        if group:
            first = group[0]
            refused = {h for h, _ in j.row.errors} | {h for h, _ in first.row.errors}
            for header in SHARED:
                if header not in refused and j.shared[header] != first.shared[header]:
                    n, shown = first.row.number, first.row.text(header) or "空"
                    j.row.error(header, f"与第{n}行同一凭证号，{header}应一致（第{n}行为“{shown}”）")
        group.append(j)

    def _plan_group(
        self, key: tuple[str, ...], group: list[_Row], existing: _Ledger, plans: dict[int, RowPlan]
    ) -> None:
        if all(j.ok for j in group):
            self._judge_group(key, group, existing)
        for j in group:
            plan = RowPlan(row=j.row.number, name=self._name(j), errors=j.row.errors)
            plans[j.row.number] = plan
        if not all(j.ok for j in group):
            return
        action = Action.UNCHANGED if group[0].trip.get("unchanged") else Action.CREATE
        for j in group:
            plans[j.row.number].action = action
        if action == Action.CREATE:
            plans[group[0].row.number].values = group[0].trip

    def _judge_group(self, key: tuple[str, ...], group: list[_Row], existing: _Ledger) -> None:
        """The voucher as a whole: its total, and whether the ledger already has it (same content: 无变化)."""
        first, s = group[0], group[0].shared
        stays = [j.stay for j in group if j.stay is not None]
        tickets = [j.ticket for j in group if j.ticket is not None]
        total = sum((x.lodging_amount for x in stays), ZERO) + sum((t.amount for t in tickets), ZERO)
        total += (s[MEAL] or ZERO) + (s[LOCAL] or ZERO)
        if s[TOTAL] is not None and s[TOTAL] != total:
            first.row.error(
                TOTAL, f"报销合计{s[TOTAL]:,.2f}元与住宿费、票价、伙食补助费、市内交通费之和{total:,.2f}元不一致"
            )
            return
        trip = {
            "voucher_no": key[0],
            "traveller_id": s[TRAVELLER],
            "unit_id": s[UNIT],
            "band": s[BAND] or band_for(s[TRAVELLER], s[START]),
            "purpose": s[PURPOSE],
            "start_on": s[START],
            "end_on": s[END],
            "approved_on": s[APPROVED],
            "approver_id": s[APPROVER],
            "meal_days": s[MEAL_DAYS] or 0,
            "meal_amount": s[MEAL] or ZERO,
            "transport_days": s[LOCAL_DAYS] or 0,
            "transport_amount": s[LOCAL] or ZERO,
            "paid_on": s[PAID],
            "note": s[NOTE],
            "stays": stays,
            "tickets": tickets,
        }
        current = existing.find(trip)
        if current is not None:
            if existing.same(current, trip):
                first.trip = {"unchanged": True}
                return
            where = f"凭证号{key[0]}" if key[0] else "同一出差人、出发日期和事由"
            first.row.error(VOUCHER, f"系统中已有{where}的差旅，内容不同；导入不修改已有记录，请在差旅台账中修改")
            return
        if not key[0]:
            first.row.error(VOUCHER, "请填写凭证号（财务导入的差旅须有凭证号）")
            return
        first.trip = trip

    def _name(self, j: _Row) -> str:
        what = f"住宿 {j.stay.city}" if j.stay else (f"票据 {j.row.text(TICKET_ON)}" if j.ticket else "差旅")
        return f"{j.row.text(VOUCHER) or '（无凭证号）'} {j.row.text(TRAVELLER)} {what}".strip()

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = dict(row.values)
        if not v:  # a line written with the first row of its voucher
            return Action.CREATE
        stays, tickets = v.pop("stays"), v.pop("tickets")
        trip = Trip(organ=self.organ, **v)
        trip_save(trip=trip, stays=stays, tickets=tickets, by=by, imported=True)
        result.tally["trips"] += 1
        return Action.CREATE

    def audit_detail(self, result: Any) -> dict[str, Any]:
        return super().audit_detail(result) | {"trips": result.tally["trips"]}


class _Ledger:
    """The organ's recorded trips an import compares with: by voucher number, and those without one by traveller,
    departure and purpose."""

    def __init__(self, organ: Any) -> None:
        rows = Trip.objects.filter(organ=organ).prefetch_related("stays", "tickets")
        self.by_voucher = {t.voucher_no: t for t in rows if t.voucher_no}
        self.unnumbered = {(t.traveller_id, t.start_on, t.purpose): t for t in rows if not t.voucher_no}

    def find(self, trip: dict[str, Any]) -> Trip | None:
        if trip["voucher_no"]:
            return self.by_voucher.get(trip["voucher_no"])
        return self.unnumbered.get((trip["traveller_id"], trip["start_on"], trip["purpose"]))

    @staticmethod
    def same(current: Trip, trip: dict[str, Any]) -> bool:
        names = [k for k in trip if k not in ("stays", "tickets", "unit_id")]
        if any(getattr(current, k) != trip[k] for k in names):
            return False
        if trip["unit_id"] is not None and trip["unit_id"] != current.unit_id:
            return False
        stays = sorted(astuple(s) for s in trip["stays"])
        tickets = sorted(astuple(t) for t in trip["tickets"])
        have_stays = sorted(
            (s.province, s.city, s.arrive_on, s.leave_on, s.nights, s.lodging_amount) for s in current.stays.all()
        )
        have_tickets = sorted(
            (t.on, t.mode, t.seat_class, t.from_city, t.to_city, t.amount) for t in current.tickets.all()
        )
        return stays == have_stays and tickets == have_tickets


TRIP_PAGE = ImportPage(
    importer=TripImport,
    heading="导入差旅台账",
    template_url="frugality_trip_import_template",
    testid="trip-import",
    intro=(
        "用于导入财务系统导出的差旅报销明细：每行一条住宿明细或一张交通票据，同一差旅的各行凭证号相同。"
        "请先下载模板；本页导出的差旅台账可直接上传。任何一行有问题都不会写入任何数据。"
    ),
    file_label="差旅报销明细表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的差旅明细和存在的问题，不写入任何数据",
    name_header="凭证号 出差人 明细",
    counts=(
        Count("新增（明细行）", Action.CREATE, "text-success"),
        Count("无变化（行）", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("frugality_trip_list", "查看差旅台账"),
)

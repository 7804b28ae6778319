"""IDEO-001…004: the outlet register (意识形态阵地) as it stood on D.

An outlet counts for D when it was opened on or before D and not closed by D (`closed_on` read through
`asof.known`: a closing recorded later with an earlier date counts from that date), and its row was not
soft-deleted by D. Its responsible person and unit are read as they stood at the end of D (history); whether that
person was still in the organ is `org.selectors.people_on(D)`. A publication counts when its piece was published on
or before D and still stood in the ledger that day; a filing when its date is on or before D. One read of the
register per run serves the four rules (rules.common.ledger_rows; the rest in the run's memo).

Findings go to the outlet's unit and its responsible person (else the unit's head; a finding naming nobody goes to
the party-affairs office, which keeps the register).

IDEO-001 counts silence in plain calendar days, without the holiday roll-forward of a deadline: the national check
(国办秘函〔2019〕19号) looks at the two weeks before any monitoring day, holidays included. IDEO-004 is yellow while
the filing period runs (a reminder with its due date) and red once it has passed; a late filing, once recorded,
clears it (the dates stay on the outlet's page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from qinglian.compliance.choices import Severity
from qinglian.compliance.owners import first_heads, party_office
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import asof, workdays
from qinglian.ideology.choices import NEW_MEDIA_KINDS, ONLINE_KINDS, OutletKind, Platform
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.rules.common import CATEGORY, CHECK_INDICATORS, NEW_MEDIA, RESPONSIBILITY, ledger_rows
from qinglian.org.models import Person
from qinglian.org.selectors import people_on

SUBJECTS_OPEN = "检查日开设中的意识形态阵地（检查日及之前开设、尚未关停）"
SUBJECTS_ONLINE = "检查日开设中的门户网站栏目和政务新媒体账号"
SUBJECTS_NEW_MEDIA = "检查日开设中的政务新媒体账号（微信公众号、视频号等）"


@dataclass(frozen=True)
class OutletOn:
    """An outlet as it stood on D."""

    outlet: Outlet
    unit_id: int
    owner_id: int | None  # the responsible person recorded on D
    owner_name: str
    owner_in_organ: bool  # that person was in the organ at the end of D
    head_id: int | None  # the first head of its unit


def outlets_on(ctx: Context) -> list[OutletOn]:
    """The outlets open on D with their unit and responsible person of that day (read once per run)."""
    key = "ideology.outlets_on"
    if key not in ctx.memo:
        rows = ledger_rows(ctx, Outlet, date_field="opened_on", since=dt.date.min)
        rows = [o for o in rows if asof.known(o.closed_on, ctx.as_of) is None]
        state = asof.fields_on(Outlet, ctx.as_of, ["owner_id", "unit_id"], ids=[o.pk for o in rows])
        people = people_on(ctx.organ_id, ctx.as_of)
        units = {state.get(o.pk, {}).get("unit_id") or o.unit_id for o in rows}
        heads = first_heads(ctx.organ_id, units)
        found = []
        for o in rows:
            unit_id = state.get(o.pk, {}).get("unit_id") or o.unit_id
            owner_id = state.get(o.pk, {}).get("owner_id", o.owner_id)
            person = people.get(owner_id) if owner_id else None
            name = person.name if person else _name_of(owner_id)
            found.append(OutletOn(o, unit_id, owner_id, name, person is not None, heads.get(unit_id)))
        ctx.memo[key] = found
    return ctx.memo[key]


def _name_of(person_id: int | None) -> str:
    if person_id is None:
        return ""
    return Person.all_objects.filter(pk=person_id).values_list("name", flat=True).first() or ""


def _subject(row: OutletOn, data: dict[str, Any]) -> Subject:
    o = row.outlet
    return Subject(
        type="ideology.outlet",
        id=str(o.pk),
        label=f"{o.name}（{OutletKind(o.kind).label}）",
        link=f"/ideology/outlets/{o.pk}/",
        unit_id=row.unit_id,
        person_id=row.owner_id if row.owner_in_organ else row.head_id,
        data={"opened_on": o.opened_on, **data},
    )


# --- IDEO-001: an online outlet that has stopped publishing -------------------------------------------------------


def last_publications(ctx: Context) -> dict[int, dt.date]:
    """Outlet id → its latest publication on or before D (pieces that stood in the ledger on D)."""
    rows = (
        Piece.all_objects.filter(asof.live_on(ctx.as_of), organ_id=ctx.organ_id, published_on__lte=ctx.as_of)
        .values("outlet_id")
        .annotate(last=Max("published_on"))
        .order_by()
    )
    return {row["outlet_id"]: row["last"] for row in rows}


def collect_silent(ctx: Context) -> Iterator[Subject]:
    online = [r for r in outlets_on(ctx) if r.outlet.kind in ONLINE_KINDS]
    last = last_publications(ctx) if online else {}
    for row in online:
        yield _subject(row, {"last": last.get(row.outlet.pk)})


@rule(
    code="IDEO-001",
    title="网站栏目和政务新媒体持续更新",
    basis=(
        f"{CHECK_INDICATORS}：政务新媒体监测时间点前2周内无更新的，单项否决；"
        f"{NEW_MEDIA}：加强内容建设，及时更新；提前提醒天数为本机关设定"
    ),
    category=CATEGORY,
    subjects=SUBJECTS_ONLINE,
    severity_policy=(
        "自最近一次发布（尚无发布的自开设日）起连续未更新达到“连续未更新天数”为红色，达到“提醒天数”为黄色；"
        "按日历日连续计算，节假日不顺延"
    ),
    params=[
        Param("silent_days", "连续未更新天数（红色）", unit="天", minimum=1, maximum=90, period="days"),
        Param("warn_days", "提醒天数（黄色）", unit="天", minimum=1, maximum=90, period="days"),
    ],
    collect=collect_silent,
    short="阵地长期未更新",
    keeper=party_office,
)
def outlet_keeps_publishing(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    last: dt.date | None = d["last"]
    since = last or d["opened_on"]
    days = (ctx.as_of - since).days
    where = f"最近一次发布为{last:%Y-%m-%d}" if last else f"开设（{since:%Y-%m-%d}）以来尚无发布"
    if days >= p.silent_days:
        return Verdict(
            Severity.RED,
            f"{subject.label}：{where}，已连续{days}天未更新（{p.silent_days}天内无更新即单项否决），请及时更新或按规定关停",
        )
    if days >= p.warn_days:
        due = since + dt.timedelta(days=p.silent_days - 1)
        return Verdict(
            Severity.YELLOW,
            f"{subject.label}：{where}，已{days}天未更新，请于{due:%Y-%m-%d}前更新（连续{p.silent_days}天无更新即单项否决）",
            due=due,
        )
    return None


# --- IDEO-002: an outlet without a responsible person ------------------------------------------------------------


def collect_owners(ctx: Context) -> Iterator[Subject]:
    for row in outlets_on(ctx):
        yield _subject(row, {"owner_id": row.owner_id, "owner": row.owner_name, "in_organ": row.owner_in_organ})


@rule(
    code="IDEO-002",
    title="每个阵地明确责任人",
    basis=(
        f"{RESPONSIBILITY}：按照属地管理、分级负责和谁主管谁负责的原则管好阵地；"
        f"{NEW_MEDIA}第（七）项：明确主管主办单位和责任人"
    ),
    category=CATEGORY,
    subjects=SUBJECTS_OPEN,
    severity_policy=(
        "开设超过“明确责任人期限”仍未登记责任人，或登记的责任人在检查日已不在本机关（调离、退休、停用）为红色；"
        "期限内尚未登记的为黄色"
    ),
    params=[
        Param(
            "grace_days", "开设后明确责任人的期限", unit="日", minimum=0, maximum=90, period="days", help="0 = 开设当天"
        )
    ],
    collect=collect_owners,
    short="阵地未明确责任人",
    keeper=party_office,
)
def outlet_has_owner(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["owner_id"] is not None and d["in_organ"]:
        return None
    due = workdays.after(d["opened_on"], p.grace_days, "days")
    if d["owner_id"] is not None:
        what = f"登记的责任人{d['owner'] or ''}在{ctx.as_of:%Y-%m-%d}已不在本机关"
    else:
        what = "未明确责任人"
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{subject.label}：{what}，请主管委室明确阵地责任人（谁主管谁负责、谁主办谁负责）")
    return Verdict(Severity.YELLOW, f"{subject.label}：{what}，请于{due:%Y-%m-%d}前明确阵地责任人", due=due)


# --- IDEO-003: more than one account on one platform -------------------------------------------------------------


def collect_platforms(ctx: Context) -> Iterator[Subject]:
    accounts = [r for r in outlets_on(ctx) if r.outlet.kind in NEW_MEDIA_KINDS and r.outlet.platform]
    by_platform: dict[str, list[OutletOn]] = {}
    for row in sorted(accounts, key=lambda r: (r.outlet.opened_on, r.outlet.pk)):
        by_platform.setdefault(row.outlet.platform, []).append(row)
    for platform, rows in by_platform.items():
        names = [r.outlet.name for r in rows]
        for rank, row in enumerate(rows, start=1):
            yield _subject(row, {"platform": Platform(platform).label, "rank": rank, "names": names})


@rule(
    code="IDEO-003",
    title="同一平台只开设一个政务新媒体账号",
    basis=f"{NEW_MEDIA}：一个单位原则上在同一第三方平台只开设一个政务新媒体账号",
    category=CATEGORY,
    subjects=SUBJECTS_NEW_MEDIA,
    severity_policy="同一平台开设中的账号超过“同一平台账号数上限”的，按开设日期在后的每个账号为黄色（请整合或关停）",
    params=[Param("max_accounts", "同一平台账号数上限", unit="个", minimum=1, maximum=10)],
    collect=collect_platforms,
    short="同一平台多个账号",
    keeper=party_office,
)
def one_account_per_platform(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["rank"] <= p.max_accounts:
        return None
    names = "、".join(d["names"])
    return Verdict(
        Severity.YELLOW,
        f"{subject.label}：本机关在{d['platform']}已开设{len(d['names'])}个账号（{names}），"
        f"原则上同一平台只开设{p.max_accounts}个，请整合或关停",
    )


# --- IDEO-004: a new-media account not filed ---------------------------------------------------------------------


def collect_filing(ctx: Context) -> Iterator[Subject]:
    for row in outlets_on(ctx):
        if row.outlet.kind in NEW_MEDIA_KINDS:
            yield _subject(row, {"filed_on": asof.known(row.outlet.filed_on, ctx.as_of)})


@rule(
    code="IDEO-004",
    title="政务新媒体开设后按时备案",
    basis=f"{NEW_MEDIA}：政务新媒体开设、变更、关停须按要求备案；备案期限按本省规定设置",
    category=CATEGORY,
    subjects=SUBJECTS_NEW_MEDIA,
    severity_policy="开设后超过“备案期限”仍未备案为红色；期限内尚未备案为黄色（提醒）；备案后不再预警",
    params=[Param("filing_days", "开设后完成备案的期限", unit="日", minimum=1, maximum=180, period="days")],
    collect=collect_filing,
    short="政务新媒体未备案",
    keeper=party_office,
)
def new_media_filed(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["filed_on"] is not None:
        return None
    due = workdays.after(d["opened_on"], p.filing_days, "days")
    opened = f"{d['opened_on']:%Y-%m-%d}开设"
    if ctx.as_of > due:
        return Verdict(Severity.RED, f"{subject.label}：{opened}，应于{due:%Y-%m-%d}前备案，逾期仍未备案")
    return Verdict(Severity.YELLOW, f"{subject.label}：{opened}，尚未备案，请于{due:%Y-%m-%d}前完成备案", due=due)

"""意识形态工作年度数据: the year's figures for the annual report (全面从严治党暨党风廉政建设和意识形态工作会议), each
the count of a list the reader can open (`figure_rows`), read from the ledgers as they stood on the figures' day —
31 December of the year, or today for the current year.

What each figure counts (the page prints the same words under each):
- 稿件: pieces whose 终审 approval was signed in the year (审核); pieces published in the year (发布), each split into
  signed here and copied in from paper; published pieces whose earliest approval of each stage, signed by the day,
  names fewer than three people other than the drafter (IDEO-010's count).
- 审校: for each piece published in the year, the engine's errors (severity 错误) present in any earlier version and
  absent from the latest, matched by proofing.issue_key — errors caught and fixed before publication, per category;
  the final reviewer's overrides of political findings made in the year.
- 阵地: outlets open on the day; the online ones, active when a piece of theirs was published within IDEO-001's
  `silent_days` up to the day (counted from the opening day when nothing was ever published), silent otherwise.
- 一会一报: forums held in the year and filed by the day; approved before the event (every required step — the
  unit, the leader, the foreign-affairs office when foreign participants attend, 机关党委 — approved on or before
  the event's day); with foreign participants.
- 分析研判和报告: per kind, items done in the year (done_on) beside items due in the year (due_on).
- 舆情: events found in the year, per level; reported upward and closed by the day.

Every read starts from `visible_to(user)`: the organ readers get the organ's figures, anybody else those of the rows
they may see. An outlet's last publication is the outlet's own fact (read over the organ's pieces). The number of
queries does not grow with the rows (about a dozen).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from qinglian.compliance.params import sets_in_force
from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.ideology import proofing
from qinglian.ideology.choices import (
    ONLINE_KINDS,
    ForumStep,
    OpinionLevel,
    OpinionStatus,
    ReportKind,
    ReviewDecision,
    SignoffSource,
    Stage,
)
from qinglian.ideology.models import (
    Forum,
    ForumApproval,
    OpinionEvent,
    Outlet,
    Piece,
    PieceVersion,
    PoliticalOverride,
    ReportItem,
    ReviewSignoff,
)
from qinglian.org.scope import scope_of
from qinglian.proofread.model import Category

SILENCE_RULE = "IDEO-001"
FIRST_YEAR = 2000
REFUSAL = "无权查看意识形态工作年度数据"
# The engine's six categories, in its order, with the key each figure takes.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("political", Category.POLITICAL.value),
    ("fact", Category.FACT.value),
    ("format", Category.FORMAT.value),
    ("wording", Category.WORDING.value),
    ("punctuation", Category.PUNCTUATION.value),
    ("number", Category.NUMBER.value),
)
REPORT_KINDS: tuple[tuple[str, str], ...] = (
    (ReportKind.ANALYSIS, "开展意识形态形势分析研判"),
    (ReportKind.ANNUAL_REPORT, "向上级报告责任制落实情况"),
    (ReportKind.BRIEFING, "党内通报意识形态领域情况"),
)


def may_read_figures(user: Any) -> bool:
    """Any business account (no query: the scope is cached); what it sees is what its visible_to allows."""
    scope = scope_of(user)
    return scope.is_business and scope.organ_id is not None


def reads_organ(user: Any) -> bool:
    """The organ readers (机关党委, leaders, the stationed group): the menu entry is theirs. Scope only."""
    scope = scope_of(user)
    return scope.is_business and scope.reads_organ


@dataclass(frozen=True)
class Figure:
    key: str  # the figure's name (data-figure, the API's key, the drill-down's path)
    label: str
    count: int
    link: str
    ids: frozenset[int] = field(default=frozenset(), repr=False, compare=False)  # the rows behind it


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    figures: tuple[Figure, ...]
    note: str = ""  # how the group counts (printed under it)


@dataclass(frozen=True)
class SilentOutlet:
    outlet_id: int
    name: str
    kind: str
    unit: str
    owner: str
    last_published: dt.date | None
    days: int  # days since the last publication (or the opening) up to the figures' day


@dataclass
class YearFigures:
    year: int
    day: dt.date  # the figures stand as on this day
    current: bool  # the current year: the day is today
    silent_days: int | None  # IDEO-001's figure in force on the day, None when none is
    groups: list[Group]
    silent: list[SilentOutlet] = field(default_factory=list)
    caught: dict[int, list[proofing.Issue]] = field(default_factory=dict)  # piece → errors fixed before publication

    def figure(self, key: str) -> Figure:
        for group in self.groups:
            for figure in group.figures:
                if figure.key == key:
                    return figure
        raise KeyError(key)

    def count(self, key: str) -> int:
        try:
            return self.figure(key).count
        except KeyError:
            return 0

    @property
    def period(self) -> str:
        """The span in words: 全年, or 1月1日至<today> for the current year."""
        return f"1月1日至{self.day.month}月{self.day.day}日" if self.current else "全年"


def drill_link(key: str, year: int) -> str:
    return f"{reverse('ideology_figures_list', args=[key])}?year={year}"


def figures_day(year: int, today: dt.date | None = None) -> tuple[dt.date, bool]:
    """The day the figures of `year` stand on and whether it is today; a future year is refused."""
    today = today or clock.today()
    if year < FIRST_YEAR or year > today.year:
        raise InvalidInput(f"年度应在{FIRST_YEAR}年至{today.year}年之间")
    end = dt.date(year, 12, 31)
    return (today, True) if today < end else (end, False)


class _Builder:
    """Collects the figures of one group, each with its link."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.figures: list[Figure] = []

    def add(self, key: str, label: str, ids: set[int] | frozenset[int], count: int | None = None) -> None:
        ids = frozenset(ids)
        self.figures.append(Figure(key, label, len(ids) if count is None else count, drill_link(key, self.year), ids))

    def group(self, key: str, title: str, note: str = "") -> Group:
        return Group(key, title, tuple(self.figures), note)


# --- pieces and the engine ------------------------------------------------------------------------------------


def _pieces(user: Any, year: int, start: dt.date, day: dt.date) -> tuple[Group, Group, dict[int, list]]:
    pieces = Piece.objects.visible_to(user).order_by()
    final = ReviewSignoff.objects.filter(
        piece=OuterRef("pk"), stage=Stage.FINAL, decision=ReviewDecision.APPROVE, signed_on__range=(start, day)
    )
    reviewed = dict(pieces.filter(Exists(final)).values_list("pk", "entry_source"))
    in_year = pieces.filter(published_on__range=(start, day))
    published = {
        pk: (source, drafter) for pk, source, drafter in in_year.values_list("pk", "entry_source", "drafter_id")
    }
    paper = SignoffSource.PAPER
    b = _Builder(year)
    b.add("pieces_reviewed", "终审通过稿件", set(reviewed))
    b.add("pieces_reviewed_system", "其中系统内审签", {pk for pk, s in reviewed.items() if s != paper})
    b.add("pieces_reviewed_paper", "其中纸质审签单补录", {pk for pk, s in reviewed.items() if s == paper})
    b.add("pieces_published", "发布稿件", set(published))
    b.add("pieces_published_system", "其中系统内审签", {pk for pk, (s, _) in published.items() if s != paper})
    b.add("pieces_published_paper", "其中纸质审签单补录", {pk for pk, (s, _) in published.items() if s == paper})
    b.add("pieces_short_reviewed", "其中未经三个不同的人审核", _short_reviewed(in_year, published, day))
    pieces_group = b.group(
        "pieces",
        "稿件审核（三审三校）",
        (
            "终审通过：终审签署日期在本年度；发布：发布日期在本年度；未经三个不同的人审核：截至统计日各环节签署人"
            "（撰稿人本人不计）不足三人，与IDEO-010规则的口径相同。"
        ),
    )
    caught = _caught(in_year)
    overridden = PoliticalOverride.objects.filter(
        version__piece__in=pieces.values("pk"), at__date__range=(start, day)
    ).values_list("pk", flat=True)
    e = _Builder(year)
    total = sum(len(found) for found in caught.values())
    e.add("caught_total", "发布前纠正的错误", set(caught), count=total)
    for key, category in CATEGORIES:
        with_it = {pk: sum(1 for i in found if i.get("category") == category) for pk, found in caught.items()}
        e.add(f"caught_{key}", f"其中{category}类", {pk for pk, n in with_it.items() if n}, count=sum(with_it.values()))
    e.add("overridden", "政治性问题经终审人说明理由放行", set(overridden))
    note = "本年度发布的稿件，其较早稿次中审校引擎提示的“错误”在发布稿（最新稿）中已不存在的，计为发布前纠正。"
    return pieces_group, e.group("caught", "审校发现并纠正的错误", note), caught


def _short_reviewed(in_year, published: dict[int, tuple[str, int]], day: dt.date) -> set[int]:
    """Published pieces whose earliest approval of each stage (signed by the day) names fewer than three people
    other than the drafter: what IDEO-010 counts."""
    approvals = (
        ReviewSignoff.objects.filter(
            piece__in=in_year.values("pk"), decision=ReviewDecision.APPROVE, signed_on__lte=day
        )
        .order_by("piece_id", "signed_on", "signed_at", "pk")
        .values_list("piece_id", "stage", "reviewer_id")
    )
    first: dict[int, dict[int, int]] = defaultdict(dict)
    for piece_id, stage, reviewer in approvals:
        first[piece_id].setdefault(stage, reviewer)
    short = set()
    for pk, (_, drafter) in published.items():
        people = {reviewer for reviewer in first.get(pk, {}).values() if reviewer != drafter}
        if len(people) < len(Stage):
            short.add(pk)
    return short


def _caught(in_year) -> dict[int, list[proofing.Issue]]:
    """Per published piece, the errors of its earlier versions that its latest version no longer has."""
    versions: dict[int, list[list[proofing.Issue]]] = defaultdict(list)
    rows = PieceVersion.objects.filter(piece__in=in_year.values("pk")).order_by("piece_id", "number")
    for piece_id, issues in rows.values_list("piece_id", "issues"):
        versions[piece_id].append(issues or [])
    caught: dict[int, list[proofing.Issue]] = {}
    for piece_id, lists in versions.items():
        *earlier, latest = lists
        kept = {key for key, _ in proofing.keyed(latest)}
        fixed: dict[str, proofing.Issue] = {}
        for issues in earlier:
            for key, issue in proofing.keyed(issues):
                if proofing.is_error(issue) and key not in kept:
                    fixed.setdefault(key, issue)
        if fixed:
            caught[piece_id] = list(fixed.values())
    return caught


# --- outlets --------------------------------------------------------------------------------------------------


def _silent_days(organ_id: int | None, day: dt.date) -> int | None:
    found = sets_in_force(organ_id=organ_id or 0, on=day, codes=[SILENCE_RULE]).get(SILENCE_RULE)
    value = found.values.get("silent_days") if found is not None else None
    return int(value) if value is not None else None


def _outlets(user: Any, year: int, day: dt.date) -> tuple[Group, list[SilentOutlet], int | None]:
    organ_id = scope_of(user).organ_id
    outlets = list(Outlet.objects.visible_to(user).open_on(day).select_related("unit", "owner"))
    online = [o for o in outlets if o.kind in ONLINE_KINDS]
    # The last publication is the outlet's own fact: read over the organ's pieces, not the reader's.
    last = dict(
        Piece.objects.filter(organ_id=organ_id, outlet__in=[o.pk for o in online], published_on__lte=day)
        .order_by()
        .values("outlet_id")
        .annotate(last=Max("published_on"))
        .values_list("outlet_id", "last")
    )
    silent_days = _silent_days(organ_id, day)
    b = _Builder(year)
    b.add("outlets_open", "在用意识形态阵地", {o.pk for o in outlets})
    b.add("outlets_online", "其中网络阵地", {o.pk for o in online})
    silent: list[SilentOutlet] = []
    if silent_days is not None:
        for o in online:
            since = last.get(o.pk) or o.opened_on
            days = (day - since).days
            if days >= silent_days:
                owner = o.owner.name if o.owner else "（未明确）"
                silent.append(
                    SilentOutlet(o.pk, o.name, o.get_kind_display(), o.unit.name, owner, last.get(o.pk), days)
                )
        quiet = {s.outlet_id for s in silent}
        b.add("outlets_active", f"{silent_days}天内有更新的网络阵地", {o.pk for o in online} - quiet)
        b.add("outlets_silent", f"连续{silent_days}天以上未更新的网络阵地", quiet)
    silent.sort(key=lambda s: (-s.days, s.name))
    when = "年末" if day.month == 12 and day.day == 31 else f"{day.month}月{day.day}日"
    note = f"{when}开设未关停的阵地；网络阵地更新情况按{SILENCE_RULE}规则参数（发布日期）计算。"
    return b.group("outlets", "意识形态阵地", note), silent, silent_days


# --- 一会一报, analysis and reporting, public opinion ------------------------------------------------------------


def _forums(user: Any, year: int, day: dt.date) -> Group:
    forums = Forum.objects.visible_to(user).order_by().filter(held_on__year=year, filed_on__lte=day)
    rows = list(forums.values_list("pk", "held_on", "foreign_participants"))
    approved: dict[int, dict[int, dt.date]] = defaultdict(dict)
    steps = ForumApproval.objects.filter(forum__in=forums.values("pk"), decision=ReviewDecision.APPROVE)
    for forum_id, step, on in steps.filter(decided_on__lte=day).values_list("forum_id", "step", "decided_on"):
        approved[forum_id][step] = on
    base = {ForumStep.UNIT, ForumStep.LEADER, ForumStep.PARTY_OFFICE}
    before = set()
    for pk, held_on, foreign in rows:
        required = base | {ForumStep.FOREIGN_AFFAIRS} if foreign else base
        if all(step in approved[pk] and approved[pk][step] <= held_on for step in required):
            before.add(pk)
    b = _Builder(year)
    b.add("forums_filed", "报备的论坛、讲座、报告会、研讨会", {pk for pk, _, _ in rows})
    b.add("forums_approved", "举办前完成审批", before)
    b.add("forums_foreign", "有境外人员参加", {pk for pk, _, foreign in rows if foreign})
    note = "举办日期在本年度的报备；审批完成以审批链各环节（有境外人员参加的含外事部门）同意日期不晚于举办日期计。"
    return b.group("forums", "一会一报", note)


def _reports(user: Any, year: int, start: dt.date, day: dt.date) -> Group:
    items = ReportItem.objects.visible_to(user).order_by()
    rows = items.filter(Q(due_on__year=year) | Q(done_on__range=(start, day))).values_list(
        "pk", "kind", "due_on", "done_on"
    )
    rows = list(rows)
    b = _Builder(year)
    for kind, label in REPORT_KINDS:
        done = {pk for pk, k, _, on in rows if k == kind and on is not None and start <= on <= day}
        due = {pk for pk, k, due_on, _ in rows if k == kind and due_on.year == year}
        b.add(f"reports_{kind}_done", f"{label}（完成）", done)
        b.add(f"reports_{kind}_planned", f"{label}（计划）", due)
    note = "完成：完成日期在本年度；计划：应完成日期在本年度。"
    return b.group("reports", "分析研判和报告", note)


def _opinion(user: Any, year: int, start: dt.date, day: dt.date) -> Group:
    events = OpinionEvent.objects.visible_to(user).order_by().filter(found_at__date__range=(start, day))
    rows = list(events.values_list("pk", "level", "reported_upward", "reported_at", "status", "closed_on"))
    b = _Builder(year)
    b.add("opinion_total", "登记舆情事件", {r[0] for r in rows})
    for level in (OpinionLevel.MAJOR, OpinionLevel.SERIOUS, OpinionLevel.GENERAL):
        b.add(f"opinion_{level}", f"其中{level.label}", {r[0] for r in rows if r[1] == level})
    by_day = clock_end(day)
    b.add("opinion_reported", "向上级报告", {r[0] for r in rows if r[2] and (r[3] is None or r[3] <= by_day)})
    closed = {r[0] for r in rows if r[4] == OpinionStatus.CLOSED and (r[5] is None or r[5] <= day)}
    b.add("opinion_closed", "已办结", closed)
    return b.group("opinion", "舆情事件", "发现时间在本年度的舆情事件。")


def clock_end(day: dt.date) -> dt.datetime:
    """The last moment of `day` in the organ's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


# --- the whole year -------------------------------------------------------------------------------------------

PARTS = frozenset({"pieces", "outlets", "forums", "reports", "opinion"})


def year_figures(user: Any, year: int, *, parts: frozenset[str] = PARTS, today: dt.date | None = None) -> YearFigures:
    """The figures of `year` that `user` may see (`parts`: only some groups, e.g. for the workbench card)."""
    day, current = figures_day(year, today)
    start = dt.date(year, 1, 1)
    groups: list[Group] = []
    caught: dict[int, list] = {}
    silent: list[SilentOutlet] = []
    silent_days = None
    if "pieces" in parts:
        pieces_group, caught_group, caught = _pieces(user, year, start, day)
        groups += [pieces_group, caught_group]
    if "outlets" in parts:
        outlets_group, silent, silent_days = _outlets(user, year, day)
        groups.append(outlets_group)
    if "forums" in parts:
        groups.append(_forums(user, year, day))
    if "reports" in parts:
        groups.append(_reports(user, year, start, day))
    if "opinion" in parts:
        groups.append(_opinion(user, year, start, day))
    return YearFigures(year, day, current, silent_days, groups, silent, caught)

"""一会一报登记台账导入 on the core import framework: the party-affairs office copies in the organ's earlier paper
register — one row per forum with the signatures and dates of its paper approval form — written through
services.forums.forum_record_paper, kept as it happened (a late or missing approval is for IDEO-020…022 to judge).

A forum is known by its hosting unit, name and event day: a row the register already holds is 无变化 and skipped,
never written twice, so the register's own export (exports/forums.py: 序号 and 状态 read past) re-imports as it is.
Refused in Chinese: an event dated before its filing, a date in the future, unknown units or people, a step's
person without its date (or the other way round). All or nothing: one bad row writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.ideology.choices import ForumKind, ForumStatus, ForumStep, HostRole
from qinglian.ideology.models import Forum
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.services.forums import FILED_AFTER, PAPER_REFUSAL, PaperApproval, forum_record_paper
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

KIND, TITLE, TOPIC, UNIT, HOST, CO_HOSTS, APPLICANT = (
    "类型",
    "活动名称",
    "主题",
    "主办委室",
    "主办方式",
    "合办单位",
    "经办人",
)
SPEAKER, SPEAKER_TITLE, OUTLINE, AUDIENCE, SIZE = "报告人", "报告人单位及职务", "内容提纲", "参加对象", "参加人数"
VENUE, ONLINE, FOREIGN, FOREIGN_DETAIL = "地点", "线上举办或直播", "有境外人员参加", "境外人员情况"
FILED, HELD = "报备日期", "举办日期"
STEP_COLUMNS = {
    ForumStep.UNIT: ("委室负责人审核人", "委室负责人审核日期"),
    ForumStep.LEADER: ("分管领导审批人", "分管领导审批日期"),
    ForumStep.PARTY_OFFICE: ("机关党委备案人", "机关党委备案日期"),
}
FOREIGN_ON, FOREIGN_REF = "外事部门批复日期", "外事部门批复文号"
CANCELLED, CANCEL_REASON = "已取消", "取消原因"
EXPORT_ONLY = ("序号", "状态")
KINDS = {label: value for value, label in ForumKind.choices}
HOSTS = {label: value for value, label in HostRole.choices}
YES_NO = {"是": True, "否": False}


def register_columns(units: list[str]) -> list[Column]:
    """The register's columns, in its order (the export writes these between 序号 and 状态)."""
    yes_no = list(YES_NO)
    return [
        Column(KIND, 10, required=True, choices=list(KINDS)),
        Column(TITLE, 30, required=True),
        Column(TOPIC, 30, required=True),
        Column(UNIT, 18, required=True, choices=units),
        Column(HOST, 10, choices=list(HOSTS), note="不填为主办"),
        Column(CO_HOSTS, 18),
        Column(APPLICANT, 10, required=True, note="本机关人员姓名"),
        Column(SPEAKER, 12, required=True),
        Column(SPEAKER_TITLE, 24),
        Column(OUTLINE, 30),
        Column(AUDIENCE, 18, required=True),
        Column(SIZE, 8),
        Column(VENUE, 16),
        Column(ONLINE, 8, choices=yes_no, note="是或否，不填为否"),
        Column(FOREIGN, 8, choices=yes_no, note="是或否，不填为否"),
        Column(FOREIGN_DETAIL, 24, note="有境外人员参加的必填"),
        Column(FILED, 12, required=True),
        Column(HELD, 12, required=True, note="不能早于报备日期"),
        Column("委室负责人审核人", 10),
        Column("委室负责人审核日期", 12),
        Column("分管领导审批人", 10),
        Column("分管领导审批日期", 12),
        Column(FOREIGN_ON, 12, note="有境外人员参加的，填写外事部门书面批复的日期"),
        Column(FOREIGN_REF, 18),
        Column("机关党委备案人", 10),
        Column("机关党委备案日期", 12),
        Column(CANCELLED, 8, choices=yes_no, note="活动取消的填“是”并写明原因"),
        Column(CANCEL_REASON, 20),
    ]


def register_cells(forum: Forum) -> tuple:
    """One forum in the import's column order (the export writes these)."""
    approvals = {a.step: a for a in forum.approvals.all() if a.decision == "approve"}

    def who(step: int) -> str:
        return approvals[step].approver.name if step in approvals else ""

    def when(step: int) -> dt.date | None:
        return approvals[step].decided_on if step in approvals else None

    foreign = approvals.get(ForumStep.FOREIGN_AFFAIRS)
    cancelled = forum.status == ForumStatus.CANCELLED
    return (
        forum.get_kind_display(),
        forum.title,
        forum.topic,
        forum.unit.name,
        forum.get_host_role_display(),
        forum.co_hosts,
        forum.applicant.name,
        forum.speaker,
        forum.speaker_title,
        forum.outline,
        forum.audience,
        forum.audience_size,
        forum.venue,
        "是" if forum.online else "否",
        "是" if forum.foreign_participants else "否",
        forum.foreign_detail,
        forum.filed_on,
        forum.held_on,
        who(ForumStep.UNIT),
        when(ForumStep.UNIT),
        who(ForumStep.LEADER),
        when(ForumStep.LEADER),
        foreign.decided_on if foreign else None,
        foreign.opinion if foreign else "",
        who(ForumStep.PARTY_OFFICE),
        when(ForumStep.PARTY_OFFICE),
        "是" if cancelled else "否",
        forum.cancelled_reason,
    )


@dataclass
class ForumRow(RowPlan):
    pass


class ForumImport(LedgerImport[ForumRow]):
    title = "一会一报登记台账"
    sheet = "一会一报登记台账"
    upload_noun = "一会一报登记台账"
    row_noun = "活动"
    change_reason = "纸质一会一报登记台账补录"
    refusal = PAPER_REFUSAL
    phrases: ClassVar = {Action.CREATE: "补录 {} 场", Action.UNCHANGED: "已在台账中 {} 场"}
    modes = ("all",)
    text_columns = (TITLE, APPLICANT, FOREIGN_REF, *(c[0] for c in STEP_COLUMNS.values()))
    export_only = EXPORT_ONLY
    row_class = ForumRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_register(user)

    def columns(self) -> list[Column]:
        return register_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "用于补录系统启用前按纸质审批表办理的一会一报；每行填写一场活动。表头带 * 的列为必填。",
            "经办人、审核人、审批人、备案人填写本机关人员姓名；审批表缺少某一环节的，该环节留空，按原件如实填写。",
            "有境外人员参加的，填写境外人员情况和外事部门批复日期、文号。系统按一会一报规则检查审批是否及时。",
            "同一主办委室、同一活动名称、同一举办日期的活动视为已在台账中，不会重复登记。本页导出的台账可直接上传。",
            "日期写作 2026-01-15，不能晚于今天，举办日期不能早于报备日期。任何一行有问题时整个文件不导入。",
        ]

    def _units(self) -> dict[str, int]:
        rows = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk")
        return dict(rows.values_list("name", "pk"))

    def _people(self) -> dict[str, list[tuple[int, int, bool]]]:
        people: dict[str, list[tuple[int, int, bool]]] = {}
        rows = Person.objects.filter(organ=self.organ).order_by("-is_active", "pk")
        for pk, name, unit_id, active in rows.values_list("pk", "name", "unit_id", "is_active"):
            people.setdefault(name, []).append((pk, unit_id, active))
        return people

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[ForumRow]:
        units, people = self._units(), self._people()
        held = set(Forum.objects.filter(organ=self.organ).values_list("unit_id", "title", "held_on"))
        seen: dict[tuple, int] = {}
        today = clock.today()
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            plan = ForumRow(row=number, name=row.text(TITLE), errors=row.errors)
            unit_id = row.judge_choice(UNIT, units, required=True, noun="委室") or None
            title = row.judge_text(TITLE, 200, required=True)
            held_on = row.judge_date(HELD, required=True, today=today)
            if not row.errors:
                key = (unit_id, title, held_on)
                if key in seen:
                    row.error(TITLE, f"与第{seen[key]}行是同一场活动（主办委室、活动名称、举办日期相同）")
                seen.setdefault(key, number)
                if not row.errors and key in held:
                    plan.action = Action.UNCHANGED
            if plan.action != Action.UNCHANGED:
                plan.values = self._values(row, people, unit_id, title, held_on, today)
                if not row.errors:
                    plan.action = Action.CREATE
            plans.append(plan)
        return plans

    def _values(self, row: SheetRow, people: dict, unit_id: Any, title: str, held_on: Any, today: dt.date) -> dict:
        filed_on = row.judge_date(FILED, required=True, today=today)
        if filed_on and held_on and held_on < filed_on:
            row.error(HELD, FILED_AFTER)
        foreign = bool(row.judge_choice(FOREIGN, YES_NO)) if row.text(FOREIGN) else False
        values: dict[str, Any] = {
            "kind": row.judge_choice(KIND, KINDS, required=True),
            "title": title,
            "topic": row.judge_text(TOPIC, 300, required=True),
            "unit_id": unit_id,
            "host_role": row.judge_choice(HOST, HOSTS) or HostRole.HOST,
            "co_hosts": row.judge_text(CO_HOSTS, 200),
            "applicant_id": _person(row, APPLICANT, people, unit_id, required=True),
            "speaker": row.judge_text(SPEAKER, 100, required=True),
            "speaker_title": row.judge_text(SPEAKER_TITLE, 200),
            "outline": row.judge_text(OUTLINE, 5000),
            "audience": row.judge_text(AUDIENCE, 200, required=True),
            "audience_size": _size(row),
            "venue": row.judge_text(VENUE, 200),
            "online": bool(row.judge_choice(ONLINE, YES_NO)) if row.text(ONLINE) else False,
            "foreign_participants": foreign,
            "foreign_detail": row.judge_text(FOREIGN_DETAIL, 300),
            "filed_on": filed_on,
            "held_on": held_on,
            "approvals": [],
            "cancelled": bool(row.judge_choice(CANCELLED, YES_NO)) if row.text(CANCELLED) else False,
            "cancelled_reason": row.judge_text(CANCEL_REASON, 300),
        }
        if foreign and not values["foreign_detail"]:
            row.error(FOREIGN_DETAIL, "有境外人员参加的，请填写境外人员情况")
        if values["host_role"] == HostRole.CO_HOST and not values["co_hosts"]:
            row.error(CO_HOSTS, "合办、协办的活动请填写合办单位")
        if values["cancelled"] and not values["cancelled_reason"]:
            row.error(CANCEL_REASON, "已取消的活动请填写取消原因")
        for step, (who, when) in STEP_COLUMNS.items():
            person_id = _person(row, who, people, unit_id)
            day = row.judge_date(when, today=today)
            if person_id and day is None and not _has_error(row, when):
                row.error(when, f"填写了{who}，请填写{when}")
            elif day is not None and not row.text(who):
                row.error(who, f"填写了{when}，请填写{who}")
            elif person_id and day is not None:
                values["approvals"].append((int(step), person_id, day, ""))
        foreign_on = row.judge_date(FOREIGN_ON, today=today)
        reference = row.judge_text(FOREIGN_REF, 200)
        if foreign_on is not None:
            values["approvals"].append((int(ForumStep.FOREIGN_AFFAIRS), 0, foreign_on, reference or "外事部门书面批复"))
        elif reference:
            row.error(FOREIGN_ON, f"填写了{FOREIGN_REF}，请填写{FOREIGN_ON}")
        return values

    def write(self, row: ForumRow, by: Any, result: Any) -> Action:
        v = dict(row.values)
        approvals, cancelled = v.pop("approvals"), v.pop("cancelled")
        recorder = scope_of(by).person_id
        ids = {pk or recorder for _, pk, _, _ in approvals} | {v["applicant_id"]}
        people = {p.pk: p for p in Person.objects.filter(organ=self.organ, pk__in=ids)}
        if any(pk == 0 for _, pk, _, _ in approvals) and recorder not in people:
            raise InvalidInput("您的账号未关联人员，不能登记外事部门批复")
        forum = Forum(organ=self.organ, **v)
        forum_record_paper(
            forum=forum,
            approvals=[
                PaperApproval(step, people[pk or recorder], day, opinion=opinion)
                for step, pk, day, opinion in approvals
            ],
            cancelled=cancelled,
            by=by,
        )
        return Action.CREATE


def _person(row: SheetRow, header: str, people: dict, unit_id: Any, *, required: bool = False) -> int:
    """The person named in the cell (0 when blank or unknown, with the row's error); namesakes are told apart by
    the hosting unit, then by who is still in post."""
    name = row.text(header)
    if not name:
        if required:
            row.error(header, "必填")
        return 0
    found = people.get(name, [])
    if not found:
        row.error(header, f"本机关没有名为“{name}”的人员")
        return 0
    for narrowed in ([p for p in found if p[1] == unit_id], [p for p in found if p[2]], found):
        if len(narrowed) == 1:
            return narrowed[0][0]
    row.error(header, f"本机关有{len(found)}位名为“{name}”的人员，无法确定是哪一位，请在人员信息中核对")
    return 0


def _size(row: SheetRow) -> int | None:
    text = row.text(SIZE).replace(",", "").strip()
    if not text:
        return None
    if not text.isdigit():
        row.error(SIZE, f"“{row.text(SIZE)}”应为整数")
        return None
    return int(text)


def _has_error(row: SheetRow, header: str) -> bool:
    return any(column == header for column, _ in row.errors)


FORUM_PAGE = ImportPage(
    importer=ForumImport,
    heading="补录纸质一会一报登记台账",
    template_url="ideology_forum_import_template",
    testid="forum-import",
    intro=(
        "用于把系统启用前按纸质审批表办理的论坛、讲座、报告会、研讨会补录进系统，使全年的报备情况完整：请先下载模板，"
        "每行填写一场活动及其各审批环节的签字人和日期。本页导出的登记台账可直接上传，已在台账中的活动不会重复登记。"
    ),
    file_label="一会一报登记台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将补录的活动和存在的问题，不写入任何数据",
    name_header="活动名称",
    counts=(
        Count("补录", Action.CREATE, "text-success"),
        Count("已在台账中", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("ideology_forum_list", "查看一会一报登记台账"),
)

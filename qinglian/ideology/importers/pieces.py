"""发布登记台账导入 on the core import framework: the party-affairs office copies in the organ's paper publication
ledger for pieces published before the system went live. One row is one published piece with the signatures of its
paper sign-off sheet and its proofreading dates, written through services.paper (piece_record_paper).

A piece is known by its outlet, title and publication date: a row the ledger already holds is 无变化 and skipped,
never written twice, so the ledger's own export (exports/pieces.py: 序号 and 状态 read past) re-imports as it is —
including its pieces still in review, which have no publication date yet. People and units are the organ's, by
name. Dates must not be in the future and a new row needs its publication date; a publication dated before a
sign-off is kept as the paper shows it (the rules judge it). All or nothing: one bad row writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.ideology.choices import PieceKind, Stage
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.permissions import can_keep_register
from qinglian.ideology.services.paper import REFUSAL, PaperProof, PaperSignoff, piece_record_paper
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit

OUTLET, KIND, TITLE, UNIT, DRAFTER, SENSITIVE = "阵地", "稿件类型", "标题", "撰稿委室", "撰稿人", "重大敏感"
STAGE_COLUMNS = {
    Stage.FIRST: ("初审人", "初审日期"),
    Stage.SECOND: ("复审人", "复审日期"),
    Stage.FINAL: ("终审人", "终审日期"),
}
PROOF_DATES = {1: "一校日期", 2: "二校日期", 3: "三校日期"}
PROOFREADER, PUBLISHED, URL = "校对人", "发布日期", "发布网址或刊期"
EXPORT_ONLY = ("序号", "状态")
KINDS = {label: value for value, label in PieceKind.choices}
YES_NO = {"是": True, "否": False}
NAME_SPLIT = re.compile(r"[、，,；;/／\s]+")


def ledger_columns(outlets: list[str], units: list[str]) -> list[Column]:
    """The publication ledger's columns, in its order (the export writes these between 序号 and 状态)."""
    return [
        Column(OUTLET, 18, required=True, choices=outlets),
        Column(KIND, 12, required=True, choices=list(KINDS)),
        Column(TITLE, 36, required=True),
        Column(UNIT, 18, required=True, choices=units),
        Column(DRAFTER, 10, required=True),
        Column(SENSITIVE, 8, choices=list(YES_NO), note="是或否，不填为否"),
        Column("初审人", 10, note="审签单上签字的人，须为本机关人员"),
        Column("初审日期", 12),
        Column("复审人", 10),
        Column("复审日期", 12),
        Column("终审人", 10),
        Column("终审日期", 12),
        Column("一校日期", 12, note="内部刊物、宣传栏等印制类稿件填写三次校对的日期"),
        Column("二校日期", 12),
        Column("三校日期", 12),
        Column(PROOFREADER, 14, note="一人校对三次填一个姓名；各校次不同人的，按一校、二校、三校顺序以顿号分隔"),
        Column(PUBLISHED, 12, required=True),
        Column(URL, 30, note="网站、新媒体填写网址；刊物填写刊期，如 2026年第1期"),
    ]


@dataclass
class PieceRow(RowPlan):
    pass


class PieceImport(LedgerImport[PieceRow]):
    title = "发布登记台账"
    sheet = "发布登记台账"
    upload_noun = "发布登记台账"
    row_noun = "已发布稿件"
    change_reason = "纸质发布登记台账补录"
    refusal = REFUSAL
    phrases: ClassVar = {Action.CREATE: "补录 {} 篇", Action.UNCHANGED: "已在台账中 {} 篇"}
    modes = ("all",)
    text_columns = (TITLE, DRAFTER, PROOFREADER, URL, *(c[0] for c in STAGE_COLUMNS.values()))
    export_only = EXPORT_ONLY
    row_class = PieceRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_register(user)

    def columns(self) -> list[Column]:
        return ledger_columns(sorted(self._outlets()), list(self._units()))

    def notes(self) -> list[str]:
        return [
            "用于补录系统启用前按纸质审签单审核、已经发布的稿件；每行填写一篇。表头带 * 的列为必填。",
            "阵地、撰稿委室从下拉列表选择；撰稿人、审核人、校对人填写本机关人员姓名。",
            "审签单缺少某一环节签字的，该环节留空，按纸质原件如实填写；系统按三审三校规则检查。",
            "同一阵地、同一标题、同一发布日期的稿件视为已在台账中，不会重复登记。本页导出的台账可直接上传。",
            "日期写作 2026-01-15，不能晚于今天。任何一行有问题时整个文件不导入，请按提示修改后重新上传。",
        ]

    # --- the organ's names ------------------------------------------------------------------------------

    def _outlets(self) -> dict[str, list[int]]:
        names: dict[str, list[int]] = {}
        for pk, name in Outlet.objects.filter(organ=self.organ).order_by("pk").values_list("pk", "name"):
            names.setdefault(name, []).append(pk)
        return names

    def _units(self) -> dict[str, int]:
        rows = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk")
        return dict(rows.values_list("name", "pk"))

    def _people(self) -> dict[str, list[tuple[int, int, bool]]]:
        """name → (person id, unit id, active), active people first."""
        people: dict[str, list[tuple[int, int, bool]]] = {}
        rows = Person.objects.filter(organ=self.organ).order_by("-is_active", "pk")
        for pk, name, unit_id, active in rows.values_list("pk", "name", "unit_id", "is_active"):
            people.setdefault(name, []).append((pk, unit_id, active))
        return people

    # --- judging ------------------------------------------------------------------------------------------

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[PieceRow]:
        names = _Names(self._outlets(), self._units(), self._people())
        seen: dict[tuple[int, str, dt.date | None], int] = {}
        held = set(Piece.objects.filter(organ=self.organ).values_list("outlet_id", "title", "published_on"))
        plans = []
        today = clock.today()
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            plan = PieceRow(row=number, name=row.text(TITLE), errors=row.errors)
            outlet_id = names.outlet(row)
            title = row.judge_text(TITLE, 200, required=True)
            published_on = row.judge_date(PUBLISHED, today=today)
            if not row.errors:
                key = (outlet_id, title, published_on)
                if key in seen:
                    row.error(TITLE, f"与第{seen[key]}行是同一篇稿件（阵地、标题、发布日期相同）")
                seen.setdefault(key, number)
                if not row.errors and key in held:
                    plan.action = Action.UNCHANGED
            if plan.action != Action.UNCHANGED:
                plan.values = self._values(row, names, outlet_id, title, published_on, today)
                if not row.errors:
                    plan.action = Action.CREATE
            plans.append(plan)
        return plans

    def _values(
        self, row: SheetRow, names: _Names, outlet_id: int, title: str, published_on: dt.date | None, today: dt.date
    ) -> dict[str, Any]:
        if published_on is None and not _has_error(row, PUBLISHED):
            row.error(PUBLISHED, "必填：补录的是已发布的稿件，请填写发布日期")
        unit_id = row.judge_choice(UNIT, names.units, required=True, noun="委室") or None
        values: dict[str, Any] = {
            "outlet_id": outlet_id,
            "title": title,
            "published_on": published_on,
            "kind": row.judge_choice(KIND, KINDS, required=True),
            "unit_id": unit_id,
            "drafter_id": names.person(row, DRAFTER, unit_id, required=True),
            "sensitive": bool(row.judge_choice(SENSITIVE, YES_NO)) if row.text(SENSITIVE) else False,
            "published_url": row.judge_text(URL, 300),
            "signoffs": [],
            "proofs": [],
        }
        for stage, (who, when) in STAGE_COLUMNS.items():
            person_id = names.person(row, who)
            day = row.judge_date(when, today=today)
            if person_id and day is None and not _has_error(row, when):
                row.error(when, f"填写了{who}，请填写{when}")
            elif day is not None and not row.text(who):
                row.error(who, f"填写了{when}，请填写{who}")
            elif person_id and day is not None:
                values["signoffs"].append((int(stage), person_id, day))
        values["proofs"] = _proofs(row, names, today)
        return values

    def write(self, row: PieceRow, by: Any, result: Any) -> Action:
        v = row.values
        people = {p.pk: p for p in Person.objects.filter(organ=self.organ, pk__in=_person_ids(v))}
        piece_record_paper(
            user=by,
            organ=self.organ,
            outlet=Outlet.objects.get(organ=self.organ, pk=v["outlet_id"]),
            kind=v["kind"],
            title=v["title"],
            unit=Unit.objects.get(organ=self.organ, pk=v["unit_id"]),
            drafter=people[v["drafter_id"]],
            sensitive=v["sensitive"],
            signoffs=[PaperSignoff(stage, people[pk], day) for stage, pk, day in v["signoffs"]],
            proofs=[PaperProof(n, people[pk], day) for n, pk, day in v["proofs"]],
            published_on=v["published_on"],
            published_url=v["published_url"],
        )
        return Action.CREATE


@dataclass
class _Names:
    """The organ's outlets, units and people by name, and how a row's cell is read against them."""

    outlets: dict[str, list[int]]
    units: dict[str, int]
    people: dict[str, list[tuple[int, int, bool]]]

    def outlet(self, row: SheetRow) -> int:
        name = row.text(OUTLET)
        found = self.outlets.get(name, [])
        if not name:
            row.error(OUTLET, "必填")
        elif not found:
            row.error(OUTLET, f"本机关没有名为“{name}”的阵地，请先在阵地登记中登记")
        elif len(found) > 1:
            row.error(OUTLET, f"本机关有{len(found)}个名为“{name}”的阵地，请先在阵地登记中区分名称")
        return found[0] if len(found) == 1 else 0

    def person(self, row: SheetRow, header: str, unit_id: int | None = None, *, required: bool = False) -> int:
        """The person named in the cell (0 when blank or not found, with the row's error)."""
        name = row.text(header)
        if not name:
            if required:
                row.error(header, "必填")
            return 0
        return self.named(row, header, name, unit_id)

    def named(self, row: SheetRow, header: str, name: str, unit_id: int | None = None) -> int:
        found = self.people.get(name, [])
        if not found:
            row.error(header, f"本机关没有名为“{name}”的人员")
            return 0
        # Namesakes: the one in the drafting unit, then the ones still in post.
        for narrowed in ([p for p in found if p[1] == unit_id], [p for p in found if p[2]], found):
            if len(narrowed) == 1:
                return narrowed[0][0]
        row.error(header, f"本机关有{len(found)}位名为“{name}”的人员，无法确定是哪一位，请在人员信息中核对")
        return 0


def _proofs(row: SheetRow, names: _Names, today: dt.date) -> list[tuple[int, int, dt.date]]:
    """The proofreading rounds: each dated round with its proofreader (one name for all, or one per round)."""
    days = {n: row.judge_date(header, today=today) for n, header in PROOF_DATES.items()}
    dated = [n for n, day in days.items() if day is not None]
    text = row.text(PROOFREADER)
    if not dated:
        if text:
            row.error(PROOFREADER, "填写了校对人，请填写校对日期")
        return []
    missing = [PROOF_DATES[n] for n in range(1, max(dated)) if days[n] is None]
    if missing:
        row.error(PROOF_DATES[max(dated)], f"校对须依次进行，请填写{'、'.join(missing)}")
        return []
    who = [name for name in NAME_SPLIT.split(text) if name]
    if not who:
        row.error(PROOFREADER, "填写了校对日期，请填写校对人")
        return []
    if len(who) not in (1, len(dated)):
        row.error(PROOFREADER, f"校对{len(dated)}次，校对人应填一个姓名或按校次填{len(dated)}个姓名")
        return []
    ids = [names.named(row, PROOFREADER, name) for name in who]
    if not all(ids):
        return []
    return [(n, ids[0] if len(ids) == 1 else ids[i], days[n]) for i, n in enumerate(dated)]


def _has_error(row: SheetRow, header: str) -> bool:
    return any(column == header for column, _ in row.errors)


def _person_ids(values: dict[str, Any]) -> set[int]:
    return {values["drafter_id"], *(pk for _, pk, _ in values["signoffs"]), *(pk for _, pk, _ in values["proofs"])}


PIECE_PAGE = ImportPage(
    importer=PieceImport,
    heading="补录纸质发布登记台账",
    template_url="ideology_piece_import_template",
    testid="piece-import",
    intro=(
        "用于把系统启用前按纸质审签单审核、已经发布的稿件补录进系统，使全年的审核情况和统计数字完整：请先下载模板，"
        "每行填写一篇稿件及其初审、复审、终审签字和校对日期。本页导出的发布登记台账可直接上传，已在台账中的稿件不会重复登记。"
    ),
    file_label="发布登记台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将补录的稿件和存在的问题，不写入任何数据",
    name_header="标题",
    counts=(
        Count("补录", Action.CREATE, "text-success"),
        Count("已在台账中", Action.UNCHANGED, "text-secondary"),
    ),
)

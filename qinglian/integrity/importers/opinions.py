"""党风廉政意见回复导入 on the core import framework: the replies the stationed group gave before the organ went
live, so that rule INT-011 (凡提必听) sees the promotions they preceded. One row per person; the rows sharing a
回复文号 are one reply (their 回复日期, 送达日期, 事由 and 标题 agree, else the row that differs is refused), written
at once through services.opinions.reply_import — the same checks as the forms' path, audited as an issued reply.

Only the stationed group imports (`can_answer_opinions`: the answers are its own); its accounts are read-only
except the URL names nav/opinions.py registers, the import page among them. The per-person export
(exports/opinions.py, 按人员导出) re-imports as it is: a 回复文号 already in the ledger with the same people and
answers is 无变化; one that differs is refused — an import never changes an issued reply. All or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage, Link
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.exports.opinions import (
    ANSWER,
    CONCLUSION,
    NAME,
    POST,
    PURPOSE,
    REPLIED,
    REPLY_NO,
    SENT,
    TITLE,
    UNIT,
    people_columns,
)
from qinglian.integrity.importers.common import Roster
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.permissions import can_answer_opinions
from qinglian.integrity.services.opinions import IMPORT_REASON, NOT_GROUP, ReplyLine, reply_import
from qinglian.org.models import Person

PURPOSE_LABELS = {label: value for value, label in OpinionPurpose.choices}
CONCLUSION_LABELS = {label: value for value, label in OpinionConclusion.choices}
HEADER_COLUMNS = (REPLIED, SENT, PURPOSE, TITLE)  # what the rows of one reply share
DIFFERS = "已有该回复文号，内容不同，不能覆盖"
ANSWER_LIMIT = 2000


@dataclass
class _Judged:
    """One row after its own cells are judged, before the rows of its reply are compared."""

    row: SheetRow
    reply_no: str
    header: dict[str, Any]  # REPLIED/SENT/PURPOSE/TITLE → value (None where the cell was bad)
    person: Person | None
    post: str
    conclusion: str
    answer: str
    extra: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.row.errors

    def line(self) -> tuple[int, str, str, str]:
        return (self.person.pk, self.post, self.conclusion, self.answer)


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if value in OpinionPurpose.values:
        return OpinionPurpose(value).label
    return str(value)


class OpinionReplyImport(LedgerImport[RowPlan]):
    title = "党风廉政意见回复"
    sheet = "党风廉政意见回复"
    upload_noun = "党风廉政意见回复表"
    row_noun = "每名人员的回复意见"
    change_reason = IMPORT_REASON
    refusal = NOT_GROUP
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增 {} 人", Action.UNCHANGED: "无变化 {} 人"}
    export_only = ("序号",)
    text_columns = (REPLY_NO,)

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_answer_opinions(user)

    def columns(self) -> list[Column]:
        return people_columns(purposes=list(PURPOSE_LABELS), conclusions=list(CONCLUSION_LABELS))

    def notes(self) -> list[str]:
        return [
            "用于录入系统上线前派驻纪检监察组已作出的党风廉政意见回复。每行填写一名人员；表头带 * 的列为必填。"
            "“党风廉政意见回复（按人员）”导出表可直接上传。",
            "回复文号相同的各行为同一份回复，其回复日期、送达日期、征求意见事由、标题应一致。",
            "姓名按本机关花名册识别（不含派驻纪检监察组）；同名人员请填写委室。同一份回复中同一人员只能填一行。",
            "回复意见填“无反映问题”或“有问题”；“有问题”的须填写意见说明。",
            "日期不能晚于今天；送达日期不能晚于回复日期。",
            "系统中已有的回复文号：人员和回复意见相同的显示为“无变化”；内容不同的不能导入，导入不会修改已作出的回复。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据。",
        ]

    def _judge_row(self, row: SheetRow, people: Roster, today: dt.date) -> _Judged:
        reply_no = row.judge_text(REPLY_NO, 60, required=True)
        replied = row.judge_date(REPLIED, required=True, today=today)
        sent = row.judge_date(SENT, required=True, today=today)
        if replied is not None and sent is not None and sent > replied:
            row.error(SENT, f"送达日期不能晚于回复日期（{replied:%Y-%m-%d}）")
            sent = None
        purpose = row.judge_choice(PURPOSE, PURPOSE_LABELS, required=True) or None
        title = row.judge_text(TITLE, 200, required=True) or None
        person = people.find(row, NAME, UNIT)
        post = row.judge_text(POST, 100)
        conclusion = row.judge_choice(CONCLUSION, CONCLUSION_LABELS, required=True)
        answer = row.judge_text(ANSWER, ANSWER_LIMIT)
        if conclusion == OpinionConclusion.ISSUE and not answer:
            row.error(ANSWER, "回复意见为“有问题”的，请填写意见说明")
        header = {REPLIED: replied, SENT: sent, PURPOSE: purpose, TITLE: title}
        return _Judged(row, reply_no, header, person, post, conclusion, answer)

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        people = Roster(self.organ)
        today = clock.today()
        judged = [self._judge_row(SheetRow(number, record), people, today) for number, record in sheet.rows]
        groups: dict[str, list[_Judged]] = {}
        for j in judged:
            if j.reply_no:
                self._join(j, groups.setdefault(j.reply_no, []))
        existing = {
            r.reply_no: r
            for r in OpinionRequest.objects.filter(organ=self.organ, reply_no__in=list(groups), deleted_at__isnull=True)
        }
        plans: dict[int, RowPlan] = {}
        for reply_no, group in groups.items():
            self._plan_group(reply_no, group, existing.get(reply_no), plans)
        result = []
        for j in judged:
            plan = plans.get(j.row.number) or RowPlan(row=j.row.number, name=self._name(j), errors=j.row.errors)
            result.append(plan)
        return result

    def _name(self, j: _Judged) -> str:
        return f"{j.reply_no} {j.row.text(NAME)}".strip()

    def _join(self, j: _Judged, group: list[_Judged]) -> None:
        """Compare a row with the first row of its reply: the shared columns agree, the person is not there twice."""
        if group:
            first = group[0]
            for header in HEADER_COLUMNS:
                mine, theirs = j.header[header], first.header[header]
                if mine is not None and theirs is not None and mine != theirs:
                    j.row.error(
                        header,
                        f"与第{first.row.number}行同一回复文号，{header}应一致"
                        f"（第{first.row.number}行为“{_shown(theirs)}”）",
                    )
            if j.person is not None:
                twice = next((o for o in group if o.person is not None and o.person.pk == j.person.pk), None)
                if twice is not None:
                    j.row.error(NAME, f"与第{twice.row.number}行是同一回复中的同一人员")
        group.append(j)

    def _plan_group(
        self, reply_no: str, group: list[_Judged], current: OpinionRequest | None, plans: dict[int, RowPlan]
    ) -> None:
        if all(j.ok for j in group) and current is not None and not self._same(current, group):
            for j in group:
                j.row.error(REPLY_NO, f"{DIFFERS}（系统中{reply_no}为{current.replied_on:%Y-%m-%d}的回复）")
        for j in group:
            plan = RowPlan(row=j.row.number, name=self._name(j), errors=j.row.errors)
            if j.ok:
                plan.action = Action.UNCHANGED if current is not None else Action.CREATE
                plan.values = {"reply_no": reply_no}
            plans[j.row.number] = plan
        if current is None and all(j.ok for j in group):
            first = group[0]
            plans[first.row.number].values |= {
                "replied_on": first.header[REPLIED],
                "sent_on": first.header[SENT],
                "purpose": first.header[PURPOSE],
                "title": first.header[TITLE],
                "lines": [j.line() for j in group],
            }

    def _same(self, current: OpinionRequest, group: list[_Judged]) -> bool:
        first = group[0].header
        if (current.replied_on, current.sent_on, current.purpose, current.title) != (
            first[REPLIED],
            first[SENT],
            first[PURPOSE],
            first[TITLE],
        ):
            return False
        items = OpinionItem.objects.filter(request=current, deleted_at__isnull=True)
        before = sorted(items.values_list("person_id", "proposed_post", "conclusion", "answer"))
        return before == sorted(j.line() for j in group)

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        if "lines" not in v:  # written with the first row of its reply
            return Action.CREATE
        reply_import(
            by=by,
            reply_no=v["reply_no"],
            replied_on=v["replied_on"],
            sent_on=v["sent_on"],
            purpose=v["purpose"],
            title=v["title"],
            lines=[
                ReplyLine(person_id, post, conclusion=conclusion, answer=answer)
                for person_id, post, conclusion, answer in v["lines"]
            ],
        )
        result.tally["replies"] += 1
        return Action.CREATE

    def audit_detail(self, result: Any) -> dict[str, Any]:
        return super().audit_detail(result) | {"replies": result.tally["replies"]}


OPINION_REPLY_PAGE = ImportPage(
    importer=OpinionReplyImport,
    heading="导入党风廉政意见回复",
    template_url="integrity_opinion_import_template",
    testid="opinion-import",
    intro=(
        "用于录入系统上线前派驻纪检监察组已作出的党风廉政意见回复，以便“凡提必听”检查能看到提拔前的回复："
        "请先下载模板，每行填写一名人员，回复文号相同的各行为同一份回复。"
        "“党风廉政意见回复（按人员）”导出表可直接上传。已作出的回复不会被修改；任何一行有问题都不会写入任何数据。"
    ),
    file_label="党风廉政意见回复表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的回复和存在的问题，不写入任何数据",
    name_header="回复文号 姓名",
    counts=(
        Count("新增（人）", Action.CREATE, "text-success"),
        Count("无变化（人）", Action.UNCHANGED, "text-secondary"),
    ),
    links=(Link("integrity_opinion_people_export", "导出已有回复（按人员）", "bi-file-earmark-excel"),),
    done_link=("integrity_opinions", "查看党风廉政意见回复"),
)

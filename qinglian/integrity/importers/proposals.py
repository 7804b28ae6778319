"""纪检监察建议导入 on the core import framework: one row per proposal, recorded by the stationed discipline group
(`can_issue_proposals`; the page's URL name is one of the group's registered writes, nav/inquiries.py) — the past
years' proposals when the organ goes live, or the group's own register kept in Excel. The ledger's own export
re-imports as it is (序号, 回复期限, 状态 are read past; 主送委室 “机关党组” is no unit).

Every row is written through services.inquiries.proposal_save, so it is refused exactly as the group's form
refuses it. The organ's written reply is NOT the group's to record (proposal_reply: the party-affairs office or
the target unit's head, decision 0010), so this import records no reply: a row whose reply columns are filled is
accepted only when it is a proposal already in the ledger with that very reply (the export re-imported); any other
reply is refused with a message saying who records it. A row is known by its 文号: one equal to the ledger is
无变化; one differing from an unreplied proposal is 更新 (the group's correction, as on its edit page); a replied
proposal cannot be changed. All or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.integrity.choices import ProposalKind
from qinglian.integrity.models import DisciplineProposal
from qinglian.integrity.permissions import can_issue_proposals
from qinglian.integrity.services.inquiries import ISSUE_ONLY, REPLIED, proposal_save
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit

KIND, NUMBER, ISSUED, TITLE, TARGET, SUMMARY = "建议类型", "文号", "送达日期", "标题", "主送委室", "主要问题和建议"
REPLIED_ON, REPLY_NO, REPLY_SUMMARY = "书面回复日期", "回复文号", "整改落实情况"
REPLY_COLUMNS = (REPLIED_ON, REPLY_NO, REPLY_SUMMARY)
KIND_LABELS = {label: value for value, label in ProposalKind.choices}
PARTY_GROUP = ("机关党组", "主送机关党组", "（主送机关党组）", "(主送机关党组)", "党组")
TEXT_LIMIT = 10000
NO_REPLY = (
    "书面回复由机关党委或主送委室负责人在系统中登记，派驻纪检监察组导入时不能登记回复："
    "请清空书面回复日期、回复文号、整改落实情况三列，导入后由机关党委或主送委室负责人登记回复"
)
FIELDS = (  # (column, model attribute) compared with the ledger
    (KIND, "kind"),
    (ISSUED, "issued_on"),
    (TITLE, "title"),
    (TARGET, "target_unit_id"),
    (SUMMARY, "summary"),
)
REPLY_FIELDS = ((REPLIED_ON, "replied_on"), (REPLY_NO, "reply_no"), (REPLY_SUMMARY, "reply_summary"))


def proposal_columns(units: list[str] | None = None) -> list[Column]:
    return [
        Column(KIND, 14, required=True, choices=list(KIND_LABELS)),
        Column(NUMBER, 24, required=True),
        Column(ISSUED, 12, required=True),
        Column(TITLE, 36, required=True),
        Column(
            TARGET,
            18,
            choices=["机关党组", *(units or [])],
            note="本机关内设委室名称；主送机关党组的不填或填“机关党组”",
        ),
        Column(SUMMARY, 40, required=True),
        Column(REPLIED_ON, 12, note="不填：书面回复由机关党委或主送委室负责人在系统中登记"),
        Column(REPLY_NO, 24, note="不填（同上）"),
        Column(REPLY_SUMMARY, 40, note="不填（同上）"),
    ]


def _shown(attr: str, value: Any, units: dict[int, str]) -> str:
    if attr == "target_unit_id":
        return units.get(value, "机关党组") if value is not None else "机关党组"
    if attr == "kind":
        return ProposalKind(value).label if value in ProposalKind.values else str(value)
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


class ProposalImport(LedgerImport[RowPlan]):
    title = "纪检监察建议"
    sheet = "纪检监察建议"
    upload_noun = "纪检监察建议台账"
    row_noun = "纪检监察建议"
    change_reason = "纪检监察建议导入"
    refusal = ISSUE_ONLY
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增 {} 件", Action.UPDATE: "更新 {} 件", Action.UNCHANGED: "无变化 {} 件"}
    export_only = ("序号", "回复期限", "状态")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_issue_proposals(user)

    def _units(self) -> dict[str, int]:
        qs = Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk")
        return dict(qs.values_list("name", "pk"))

    def columns(self) -> list[Column]:
        return proposal_columns(list(self._units()))

    def notes(self) -> list[str]:
        return [
            "每行填写一件纪律检查建议书或监察建议书；表头带 * 的列为必填。本页导出的纪检监察建议台账可直接上传。",
            "主送委室按本机关内设委室的名称识别；主送机关党组的不填或填“机关党组”。送达日期不能晚于今天。",
            "书面回复由机关党委或主送委室负责人在系统中登记，导入不登记回复：新建议请不填书面回复日期、回复文号、"
            "整改落实情况；导出的台账中已回复的建议原样上传显示为“无变化”。",
            "已有的同一文号的建议：内容相同的显示为“无变化”；尚未回复而内容不同的，导入时按表格更正；已回复的不能修改。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        units = self._units()
        names = {pk: name for name, pk in units.items()}
        today = clock.today()
        existing: dict[str, list[DisciplineProposal]] = {}
        for p in DisciplineProposal.objects.filter(organ=self.organ):
            existing.setdefault(p.number, []).append(p)
        seen: dict[str, int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            kind = row.judge_choice(KIND, KIND_LABELS, required=True)
            doc_no = row.judge_text(NUMBER, 60, required=True)
            issued = row.judge_date(ISSUED, required=True, today=today)
            title = row.judge_text(TITLE, 200, required=True)
            summary = row.judge_text(SUMMARY, TEXT_LIMIT, required=True)
            target_id = self._target(row, units)
            reply = self._reply(row, issued, today)
            plan = RowPlan(row=number, name=f"{doc_no} {title}".strip(), errors=row.errors)
            if not row.errors:
                values = {"kind": kind, "issued_on": issued, "title": title, "target_unit_id": target_id}
                values["summary"] = summary
                plan.values = {"number": doc_no, **values}
                if doc_no in seen:
                    row.error(NUMBER, f"与第{seen[doc_no]}行文号相同（同一件建议只填一行）")
                else:
                    seen[doc_no] = number
                    self._action(plan, row, existing.get(doc_no, []), values, reply, names)
            plans.append(plan)
        return plans

    def _target(self, row: SheetRow, units: dict[str, int]) -> int | None:
        name = row.text(TARGET)
        if not name or name in PARTY_GROUP:
            return None
        if name not in units:
            row.error(TARGET, f"“{name}”不是本机关的内设委室；主送机关党组的请不填或填“机关党组”")
            return None
        return units[name]

    def _reply(self, row: SheetRow, issued: dt.date | None, today: dt.date) -> dict[str, Any] | None:
        """The reply columns, judged as services.inquiries.proposal_reply judges them; None when all are blank."""
        if not any(row.text(column) for column in REPLY_COLUMNS):
            return None
        replied = row.judge_date(REPLIED_ON, required=True, today=today)
        reply_no = row.judge_text(REPLY_NO, 60, required=True)
        reply_summary = row.judge_text(REPLY_SUMMARY, TEXT_LIMIT, required=True)
        if replied is not None and issued is not None and replied < issued:
            row.error(REPLIED_ON, f"书面回复日期不能早于建议送达日期（{issued:%Y-%m-%d}）")
        return {"replied_on": replied, "reply_no": reply_no, "reply_summary": reply_summary}

    def _action(
        self,
        plan: RowPlan,
        row: SheetRow,
        found: list[DisciplineProposal],
        values: dict[str, Any],
        reply: dict[str, Any] | None,
        names: dict[int, str],
    ) -> None:
        if len(found) > 1:
            row.error(NUMBER, f"系统中有{len(found)}件文号为“{plan.values['number']}”的建议，请在建议页面核对")
            return
        current = found[0] if found else None
        if current is None:
            if reply is not None:
                row.error(REPLIED_ON, NO_REPLY)
                return
            plan.action = Action.CREATE
            return
        recorded = None
        if current.replied_on is not None:
            recorded = {attr: getattr(current, attr) for _, attr in REPLY_FIELDS}
        if reply != recorded:
            if recorded is None:
                row.error(REPLIED_ON, f"系统中该建议尚未书面回复。{NO_REPLY}")
            elif reply is None:
                row.error(REPLIED_ON, f"系统中该建议已书面回复（{current.replied_on:%Y-%m-%d}），导入不能清除回复")
            else:
                row.error(REPLIED_ON, f"与系统中已登记的书面回复不同。{NO_REPLY.split('：')[0]}，导入不能修改回复")
            return
        changes = [
            Change(column, _shown(attr, getattr(current, attr), names), _shown(attr, values[attr], names))
            for column, attr in FIELDS
            if getattr(current, attr) != values[attr]
        ]
        if not changes:
            plan.action = Action.UNCHANGED
            return
        if current.replied_on is not None:
            row.error(changes[0].column, f"{REPLIED}（系统中{changes[0].column}为“{changes[0].old}”）")
            return
        plan.action = Action.UPDATE
        plan.changes = changes
        plan.values["proposal_id"] = current.pk

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = dict(row.values)
        pk = v.pop("proposal_id", None)
        if pk is not None:
            proposal = DisciplineProposal.objects.get(pk=pk, organ=self.organ)
        else:
            proposal = DisciplineProposal(organ=self.organ)
        for name, value in v.items():
            setattr(proposal, name, value)
        proposal._change_reason = self.change_reason
        proposal_save(proposal=proposal, by=by, notify=False)
        return row.action


PROPOSAL_PAGE = ImportPage(
    importer=ProposalImport,
    heading="导入纪检监察建议",
    template_url="integrity_proposal_import_template",
    testid="proposal-import",
    intro=(
        "用于派驻纪检监察组把已送达的纪律检查建议书、监察建议书（如系统启用前历年的建议）录入系统："
        "请先下载模板，每行填写一件建议；本页导出的纪检监察建议台账可直接上传。"
        "书面回复由机关党委或主送委室负责人在系统中登记，导入不登记回复。任何一行有问题都不会写入任何数据。"
    ),
    file_label="纪检监察建议台账（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的建议和存在的问题，不写入任何数据",
    name_header="建议",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("integrity_proposals", "查看纪检监察建议"),
)

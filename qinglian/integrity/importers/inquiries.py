"""谈话函询导入 on the core import framework: one row per letter of inquiry, written through services.inquiries
(inquiry_save for the receipt, then inquiry_reply when the row has a reply date), so an imported letter is refused
exactly as the office's forms refuse it. The office imports the letters it kept on paper or in Excel; the ledger's
own export re-imports as it is (序号, 回复期限, 状态 are read past; “（直接回复）” is no signer).

A row is known by 被函询人 + 函询文号 + 收到日期: one already recorded with the same signature and reply is 无变化;
one recorded without its reply, or with another, is 更新 (the reply recorded through inquiry_reply). All or nothing:
any row with a problem writes nothing. Dates and names only — never the letter's content."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import Count, ImportPage
from qinglian.integrity.importers.common import Roster
from qinglian.integrity.models import InquiryLetter
from qinglian.integrity.permissions import can_keep_inquiries
from qinglian.integrity.services.inquiries import INQUIRY_ONLY, inquiry_reply, inquiry_save, secretary_on
from qinglian.org.models import Person

SUBJECT, UNIT, NUMBER, RECEIVED = "被函询人", "所在委室", "函询文号", "收到日期"
SIGNER, SIGNED, REPLIED = "签署意见人", "签署意见日期", "回复日期"
DIRECT = ("（直接回复）", "(直接回复)", "直接回复")


def inquiry_columns() -> list[Column]:
    return [
        Column(SUBJECT, 12, required=True, note="本机关干部姓名"),
        Column(UNIT, 18, note="同名人员填写所在委室以区分"),
        Column(NUMBER, 24),
        Column(RECEIVED, 12, required=True),
        Column(SIGNER, 12, note="签署之日在任的党组书记；被函询人为党组书记的填“（直接回复）”或不填"),
        Column(SIGNED, 12),
        Column(REPLIED, 12, note="未回复的不填"),
    ]


def _shown(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


class InquiryImport(LedgerImport[RowPlan]):
    title = "谈话函询"
    sheet = "谈话函询"
    upload_noun = "谈话函询登记表"
    row_noun = "函询登记信息"
    change_reason = "谈话函询导入"
    refusal = INQUIRY_ONLY
    modes = ("all",)
    phrases: ClassVar = {Action.CREATE: "新增 {} 件", Action.UPDATE: "登记回复 {} 件", Action.UNCHANGED: "无变化 {} 件"}
    export_only = ("序号", "回复期限", "状态")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_inquiries(user)

    def columns(self) -> list[Column]:
        return inquiry_columns()

    def notes(self) -> list[str]:
        return [
            "每行填写一件函询；表头带 * 的列为必填。本页导出的谈话函询登记表可直接上传。只登记日期，不填写函询内容。",
            "被函询人按本机关花名册中的姓名识别（不含派驻纪检监察组）；同名人员请填写所在委室。",
            "日期不能晚于今天；签署意见日期、回复日期不能早于收到日期，签署意见日期不能晚于回复日期。",
            "已回复的应填写签署意见人（签署之日在任的党组书记）和签署意见日期；被函询人为党组书记的直接回复，不填签署意见。",
            "已有的同一被函询人、同一函询文号、同一收到日期的函询显示为“无变化”；已有但尚未登记回复的，导入时登记回复。",
            "全部成功才导入：任何一行有问题，都不会写入任何数据。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        people = Roster(self.organ)
        today = clock.today()
        existing = {
            (letter.subject_id, letter.number, letter.received_on): letter
            for letter in InquiryLetter.objects.filter(organ=self.organ).select_related("signer")
        }
        seen: dict[tuple, int] = {}
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            subject = people.find(row, SUBJECT, UNIT)
            letter_no = row.judge_text(NUMBER, 60)
            received = row.judge_date(RECEIVED, required=True, today=today)
            signed = row.judge_date(SIGNED, today=today)
            replied = row.judge_date(REPLIED, today=today)
            signer_name = row.judge_text(SIGNER, 60)
            if signer_name in DIRECT:
                signer_name = ""
            signer = None
            if subject is not None and received is not None and not row.errors:
                signer = self._reply(row, subject, received, signer_name, signed, replied)
            name = f"{row.text(SUBJECT)} {row.text(RECEIVED)} {letter_no}".strip()
            plan = RowPlan(row=number, name=name, errors=row.errors)
            if not row.errors:
                plan.values = {
                    "subject_id": subject.pk,
                    "number": letter_no,
                    "received_on": received,
                    "signer_id": signer.pk if signer else None,
                    "signed_on": signed,
                    "replied_on": replied,
                }
                key = (subject.pk, letter_no, received)
                if key in seen:
                    row.error(RECEIVED, f"与第{seen[key]}行是同一函询（被函询人、函询文号、收到日期相同）")
                else:
                    seen[key] = number
                    self._action(plan, row, existing.get(key), signer, signed, replied)
            plans.append(plan)
        return plans

    def _reply(
        self,
        row: SheetRow,
        subject: Person,
        received: dt.date,
        signer_name: str,
        signed: dt.date | None,
        replied: dt.date | None,
    ) -> Person | None:
        """The signer, judged as services.inquiries.inquiry_reply judges it (same messages); the service checks
        it again when the row is written."""
        for day, header in ((signed, SIGNED), (replied, REPLIED)):
            if day is not None and day < received:
                row.error(header, f"{header}不能早于收到日期（{received:%Y-%m-%d}）")
        if replied is None:
            if signer_name or signed is not None:
                row.error(REPLIED, "填写了签署意见的请填写回复日期（签署意见与回复日期一并登记）")
            return None
        if row.errors:
            return None
        secretary = secretary_on(self.organ.pk, signed or replied)
        if secretary is not None and secretary.pk == subject.pk:
            if signer_name or signed is not None:
                row.error(SIGNER, "被函询人是党组书记，直接回复，不需要签署意见")
            return None
        if not signer_name:
            row.error(SIGNER, "请填写签署意见的党组书记")
            return None
        if signed is None:
            row.error(SIGNED, "请填写签署意见日期")
            return None
        if signed > replied:
            row.error(SIGNED, "签署意见日期应在收到日期和回复日期之间")
            return None
        secretary = secretary_on(self.organ.pk, signed)
        if secretary is None or secretary.name != signer_name:
            held = (
                f"（{signed:%Y-%m-%d}在任的是{secretary.name}）"
                if secretary
                else f"（{signed:%Y-%m-%d}无在任党组书记）"
            )
            row.error(SIGNER, f"签署意见人应为签署之日在任的党组书记{held}")
            return None
        return secretary

    def _action(
        self,
        plan: RowPlan,
        row: SheetRow,
        current: InquiryLetter | None,
        signer: Person | None,
        signed: dt.date | None,
        replied: dt.date | None,
    ) -> None:
        if current is None:
            plan.action = Action.CREATE
            return
        before = (current.signer_id, current.signed_on, current.replied_on)
        if before == (signer.pk if signer else None, signed, replied):
            plan.action = Action.UNCHANGED
            return
        if replied is None:
            row.error(REPLIED, f"系统中该函询已登记回复（{current.replied_on:%Y-%m-%d}），导入不能清除回复")
            return
        plan.action = Action.UPDATE
        pairs = (
            (SIGNER, current.signer.name if current.signer else "", signer.name if signer else ""),
            (SIGNED, _shown(current.signed_on), _shown(signed)),
            (REPLIED, _shown(current.replied_on), _shown(replied)),
        )
        plan.changes = [Change(column, old, new) for column, old, new in pairs if old != new]
        plan.values["letter_id"] = current.pk

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        if row.action == Action.UPDATE:
            letter = InquiryLetter.objects.get(pk=v["letter_id"], organ=self.organ)
        else:
            letter = InquiryLetter(
                organ=self.organ, subject_id=v["subject_id"], number=v["number"], received_on=v["received_on"]
            )
            letter._change_reason = self.change_reason
            letter = inquiry_save(letter=letter, by=by)
        if v["replied_on"] is not None:
            signer = Person.all_objects.get(pk=v["signer_id"]) if v["signer_id"] else None
            inquiry_reply(letter=letter, signer=signer, signed_on=v["signed_on"], replied_on=v["replied_on"], by=by)
        return row.action


INQUIRY_PAGE = ImportPage(
    importer=InquiryImport,
    heading="导入谈话函询",
    template_url="integrity_inquiry_import_template",
    testid="inquiry-import",
    intro=(
        "用于把纸质或 Excel 谈话函询登记簿录入系统：请先下载模板，每行填写一件函询"
        "（只填日期和签署意见人，不填函询内容）；本页导出的谈话函询登记表可直接上传。任何一行有问题都不会写入任何数据。"
    ),
    file_label="谈话函询登记表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的函询和存在的问题，不写入任何数据",
    name_header="函询",
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("登记回复", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
    done_link=("integrity_inquiries", "查看谈话函询"),
)

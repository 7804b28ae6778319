"""礼品登记导入 on the core import framework: one row per gift, written through services.gifts (gift_register,
then gift_handle when the row has a handling). The office imports the registers it kept on paper or in Excel;
the register's own export re-imports as it is (序号, 上交期限, 状态 are read past). A row already in the ledger
(same person, receipt date, giver and gift) is 无变化, so importing the same file twice writes nothing twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, LedgerImport, RowPlan, SheetRow
from qinglian.core.importing.views import ImportPage
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.importers.common import Roster
from qinglian.integrity.models import Gift
from qinglian.integrity.permissions import can_handle_gifts
from qinglian.integrity.services.gifts import HANDED, check_gift_dates, gift_handle, gift_register

PERSON, UNIT, RECEIVED, BACK, GIVER, OCCASION = "受礼人", "所在委室", "收受日期", "回单位日期", "送礼人/单位", "场合"
DESCRIPTION, VALUE, REGISTERED, HANDED_IN, HANDLING, NOTE = (
    "礼品名称",
    "估价（元）",
    "登记日期",
    "上交日期",
    "处理方式",
    "处理情况",
)
HANDLING_LABELS = {label: value for value, label in GiftHandling.choices}


def gift_columns() -> list[Column]:
    return [
        Column(PERSON, 10, required=True, note="本机关干部姓名"),
        Column(UNIT, 16, note="同名人员填写所在委室以区分"),
        Column(RECEIVED, 12, required=True),
        Column(BACK, 12, note="在外地收受的填写回单位日期"),
        Column(GIVER, 18, required=True),
        Column(OCCASION, 14),
        Column(DESCRIPTION, 22, required=True),
        Column(VALUE, 10, note="不能为负数"),
        Column(REGISTERED, 12, note="不填为导入当天"),
        Column(HANDED_IN, 12, note="上交机关纪委或交财务部门的必填"),
        Column(HANDLING, 16, choices=list(HANDLING_LABELS)),
        Column(NOTE, 24),
    ]


class GiftImport(LedgerImport[RowPlan]):
    title = "礼品登记"
    sheet = "礼品登记"
    upload_noun = "礼品登记表"
    row_noun = "礼品登记信息"
    change_reason = "礼品登记导入"
    refusal = "只有机关党委专责人员可以导入礼品登记"
    phrases: ClassVar = {Action.CREATE: "新增 {} 件", Action.UNCHANGED: "无变化 {} 件"}
    export_only = ("序号", "上交期限", "状态")

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_handle_gifts(user)

    def columns(self) -> list[Column]:
        return gift_columns()

    def notes(self) -> list[str]:
        return [
            "每行填写一件礼品；表头带 * 的列为必填。本页导出的礼品登记表可直接上传。",
            "受礼人按本机关花名册中的姓名识别；同名人员请填写所在委室。",
            "日期不能晚于今天；回单位日期、登记日期、上交日期不能早于收受日期。",
            "已有的同一受礼人、同一收受日期、同一送礼人和礼品的登记显示为“无变化”，不会重复导入。",
        ]

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[RowPlan]:
        people = Roster(self.organ)
        today = clock.today()
        existing = set(
            Gift.objects.filter(organ=self.organ).values_list("person_id", "received_on", "giver", "description")
        )
        plans = []
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            person = people.find(row, PERSON, UNIT)
            received = row.judge_date(RECEIVED, required=True, today=today)
            back = row.judge_date(BACK, today=today)
            registered = row.judge_date(REGISTERED, today=today)
            handed_in = row.judge_date(HANDED_IN, today=today)
            giver = row.judge_text(GIVER, 100, required=True)
            description = row.judge_text(DESCRIPTION, 200, required=True)
            occasion = row.judge_text(OCCASION, 100)
            note = row.judge_text(NOTE, 200)
            handling = row.judge_choice(HANDLING, HANDLING_LABELS)
            value = self._value(row)
            if received is not None and not row.errors:
                try:
                    check_gift_dates(received_on=received, back_on=back, registered_on=registered)
                except InvalidInput as exc:
                    row.error(RECEIVED, exc.message)
                if handed_in is not None and handed_in < received:
                    row.error(HANDED_IN, "上交日期不能早于收受日期")
            if handling in HANDED and handed_in is None:
                row.error(HANDED_IN, "上交机关纪委或交财务部门的须填写上交日期")
            if handed_in is not None and not handling:
                row.error(HANDLING, "填写了上交日期的请选择处理方式")
            name = f"{row.text(PERSON)} {row.text(RECEIVED)} {description}".strip()
            plan = RowPlan(row=number, name=name, errors=row.errors)
            if not row.errors:
                key = (person.pk, received, giver, description)
                plan.action = Action.UNCHANGED if key in existing else Action.CREATE
                existing.add(key)
                plan.values = {
                    "person_id": person.pk,
                    "received_on": received,
                    "back_on": back,
                    "giver": giver,
                    "occasion": occasion,
                    "description": description,
                    "value": value,
                    "registered_on": registered,
                    "handed_in_on": handed_in,
                    "handling": handling,
                    "handling_note": note,
                }
            plans.append(plan)
        return plans

    def _value(self, row: SheetRow) -> Decimal | None:
        text = row.text(VALUE).replace(",", "").replace("元", "")
        if not text:
            return None
        try:
            value = Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            row.error(VALUE, "应为金额（元）")
            return None
        if value < 0:
            row.error(VALUE, "不能为负数")
        elif value >= Decimal("100000000"):
            row.error(VALUE, "金额过大")
        return value

    def write(self, row: RowPlan, by: Any, result: Any) -> Action:
        v = row.values
        gift = Gift(
            organ=self.organ,
            person_id=v["person_id"],
            received_on=_day(v["received_on"]),
            back_on=_day(v["back_on"]),
            giver=v["giver"],
            occasion=v["occasion"],
            description=v["description"],
            value=v["value"],
            registered_on=_day(v["registered_on"]),
        )
        gift._change_reason = self.change_reason
        gift_register(gift=gift, by=by)
        if v["handling"]:
            gift_handle(
                gift=gift,
                handling=v["handling"],
                handed_in_on=_day(v["handed_in_on"]),
                handling_note=v["handling_note"],
                by=by,
            )
        return Action.CREATE


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


GIFT_PAGE = ImportPage(
    importer=GiftImport,
    heading="导入礼品登记",
    template_url="integrity_gift_import_template",
    testid="gift-import",
    intro="用于把纸质或 Excel 礼品登记簿录入系统：请先下载模板，每行填写一件礼品；本页导出的礼品登记表可直接上传。",
    file_label="礼品登记表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将导入的礼品和存在的问题，不写入任何数据",
    name_header="礼品",
    done_link=("integrity_gifts", "查看礼品登记"),
)

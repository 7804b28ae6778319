"""The training import's columns (importers/training.py), shared with the ledger's export (exports/training.py): the
course's columns repeated on each row, then a cost line's or a lecture's."""

from __future__ import annotations

from qinglian.core.excel import Column
from qinglian.frugality.choices import CostKind, LecturerTitle, TrainingCategory

VOUCHER, UNIT, NAME, CATEGORY, PLAN_ITEM = "凭证号", "承办委室", "培训名称", "培训类别", "年度计划事项"
ADHOC_ON, ADHOC_BY, START, END, DAYS, TRAVEL = (
    "计划外审批日期",
    "计划外审批人",
    "开始日期",
    "结束日期",
    "培训天数",
    "报到离开天数",
)
ATTENDEES, STAFF, VENUE, CITY, PAID, NOTE = "参训人数", "工作人员人数", "培训地点", "所在城市", "报销日期", "备注"
COST_KIND, COST_AMOUNT, COST_NOTE = "费用类别", "费用金额（元）", "费用摘要"
LECTURER, TITLE, LECTURE_ON, HOURS, FEE, AFAR = "授课人", "职称", "授课日期", "学时", "讲课费（税后，元）", "外地邀请"
TOTAL = "费用合计（元）"  # export only: the course's total, the sum of its cost lines
COURSE_COLUMNS = (VOUCHER, UNIT, NAME, CATEGORY, PLAN_ITEM, ADHOC_ON, ADHOC_BY, START, END, DAYS, TRAVEL)
COURSE_COLUMNS += (ATTENDEES, STAFF, VENUE, CITY, PAID, NOTE)
COST_COLUMNS = (COST_KIND, COST_AMOUNT, COST_NOTE)
LECTURE_COLUMNS = (LECTURER, TITLE, LECTURE_ON, HOURS, FEE, AFAR)
CATEGORY_LABELS = {label: value for value, label in TrainingCategory.choices}
COST_LABELS = {label: value for value, label in CostKind.choices}
TITLE_LABELS = {label: value for value, label in LecturerTitle.choices}
YES_NO = {"是": "1", "否": "0"}


def training_columns(units: list[str] | None = None) -> list[Column]:
    return [
        Column(VOUCHER, 12, required=True, note="同一培训的各行填写相同的凭证号"),
        Column(UNIT, 14, required=True, choices=units or ()),
        Column(NAME, 24, required=True),
        Column(CATEGORY, 20, required=True, choices=list(CATEGORY_LABELS)),
        Column(PLAN_ITEM, 20, note="年度培训计划中的事项名称；计划外培训留空"),
        Column(ADHOC_ON, 12, note="计划外培训的审批日期"),
        Column(ADHOC_BY, 10, note="本机关人员姓名"),
        Column(START, 12, required=True),
        Column(END, 12, required=True),
        Column(DAYS, 8, required=True, note="不含报到、撤离"),
        Column(TRAVEL, 8, note="报到和撤离天数合计"),
        Column(ATTENDEES, 8, required=True),
        Column(STAFF, 8),
        Column(VENUE, 18, required=True),
        Column(CITY, 10),
        Column(PAID, 12),
        Column(NOTE, 16),
        Column(COST_KIND, 14, choices=list(COST_LABELS), note="费用明细行填写"),
        Column(COST_AMOUNT, 12, note="可写 1,280.50 或 0.3万元"),
        Column(COST_NOTE, 16),
        Column(LECTURER, 10, note="授课记录行填写"),
        Column(TITLE, 18, choices=list(TITLE_LABELS)),
        Column(LECTURE_ON, 12, note="须在培训起止日期内"),
        Column(HOURS, 8),
        Column(FEE, 12),
        Column(AFAR, 8, choices=list(YES_NO)),
    ]

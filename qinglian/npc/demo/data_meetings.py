"""Agenda items of the Standing Committee's meetings (常委会会议) and of its chairpersons' meetings (主任会议),
as the office drafts them. `{y}` is the demo year, `{py}` the year before, `{n}` the next session's number."""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.npc.choices import AgendaKind, AuditReport

K = AgendaKind


@dataclass(frozen=True)
class ItemSpec:
    title: str
    kind: str
    unit: str  # the submitting unit's name (internal or external)
    special: bool = False  # 专项工作报告 (监督法 Art.27)
    months: tuple[int, ...] = ()  # the months it fits, empty: any month
    audit: str = ""  # AuditReport: the audit work report or its rectification report (监督法 Art.27)


# Standing Committee meetings: the 一府两院's reports (mostly special work reports), regulations, resolutions,
# inspection reports. Each is used once a year, in a month it fits.
STANDING_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("听取和审议市人民政府关于{py}年度国有资产管理情况的综合报告", K.REPORT_REVIEW, "市财政局", True, (2, 4)),
    ItemSpec(
        "听取和审议市人民政府关于{py}年度环境状况和环境保护目标完成情况的报告",
        K.REPORT_REVIEW,
        "市生态环境局",
        True,
        (4, 6),
    ),
    ItemSpec(
        "听取和审议市人民政府关于推进老旧小区改造工作情况的报告", K.REPORT_REVIEW, "市住房和城乡建设局", True, (4, 6, 8)
    ),
    ItemSpec(
        "听取和审议市人民政府关于{py}年市级决算和{y}年上半年预算执行情况的报告",
        K.REPORT_REVIEW,
        "市财政局",
        False,
        (6, 8),
    ),
    ItemSpec(
        "听取和审议市人民政府关于{y}年上半年国民经济和社会发展计划执行情况的报告",
        K.REPORT_REVIEW,
        "市发展和改革委员会",
        False,
        (8,),
    ),
    ItemSpec("听取和审议市人民政府关于城乡交通一体化发展情况的报告", K.REPORT_REVIEW, "市交通运输局", True, (6, 8, 10)),
    ItemSpec(
        "听取和审议市人民政府关于耕地保护和国土空间规划实施情况的报告",
        K.REPORT_REVIEW,
        "市自然资源和规划局",
        True,
        (8, 10),
    ),
    ItemSpec("听取和审议市人民政府关于养老服务体系建设情况的报告", K.REPORT_REVIEW, "市民政局", True, (4, 10)),
    ItemSpec(
        "听取和审议市人民政府关于基层医疗卫生服务体系建设情况的报告", K.REPORT_REVIEW, "市卫生健康委员会", True, (6, 10)
    ),
    ItemSpec("听取和审议市人民政府关于义务教育优质均衡发展情况的报告", K.REPORT_REVIEW, "市教育局", True, (10, 12)),
    ItemSpec(
        "听取和审议市中级人民法院关于加强执行工作情况的报告", K.REPORT_REVIEW, "市中级人民法院", True, (8, 10, 12)
    ),
    ItemSpec(
        "听取和审议市人民检察院关于公益诉讼检察工作情况的报告", K.REPORT_REVIEW, "市人民检察院", True, (6, 10, 12)
    ),
    ItemSpec(
        "听取和审议市人民政府关于{py}年度审计查出问题整改情况的报告",
        K.REPORT_REVIEW,
        "市财政局",
        False,
        (12,),
        AuditReport.RECTIFICATION,
    ),
    ItemSpec("听取和审议市人民政府关于代表建议办理情况的报告", K.REPORT_REVIEW, "市住房和城乡建设局", True, (12,)),
    ItemSpec("审议《临江市物业管理条例（草案）》", K.REGULATION, "法制工作委员会", False, (2, 4)),
    ItemSpec("审议《临江市物业管理条例（草案二次审议稿）》", K.REGULATION, "法制工作委员会", False, (6, 8)),
    ItemSpec("审议《临江市养老服务促进条例（草案）》", K.REGULATION, "社会建设工作委员会", False, (4, 6)),
    ItemSpec("审议《临江市城市市容和环境卫生管理条例（修订草案）》", K.REGULATION, "市城市管理局", False, (8, 10)),
    ItemSpec("审议《临江市电动自行车管理条例（草案）》", K.REGULATION, "市公安局", False, (10, 12)),
    ItemSpec("审议《临江市历史文化名城保护条例（草案）》", K.REGULATION, "教育科学文化卫生工作委员会", False, (12,)),
    ItemSpec("审议关于批准{py}年市级决算的决议（草案）", K.RESOLUTION, "预算工作委员会", False, (6, 8)),
    ItemSpec("审议关于批准{y}年市级预算调整方案的决议（草案）", K.RESOLUTION, "预算工作委员会", False, (8, 10)),
    ItemSpec("审议关于加强国有资产管理情况监督的决定（草案）", K.RESOLUTION, "财政经济工作委员会", False, (2, 4)),
    ItemSpec(
        "审议关于全面推进生活垃圾分类工作的决定（草案）",
        K.RESOLUTION,
        "城乡建设环境与资源保护工作委员会",
        False,
        (4, 6),
    ),
    ItemSpec("审议关于召开临江市第十六届人民代表大会第{n}次会议的决定（草案）", K.RESOLUTION, "办公室", False, (12,)),
    ItemSpec(
        "听取和审议常委会执法检查组关于检查《中华人民共和国食品安全法》实施情况的报告",
        K.INSPECTION,
        "教育科学文化卫生工作委员会",
        False,
        (6, 8),
    ),
    ItemSpec(
        "听取和审议常委会执法检查组关于检查《中华人民共和国安全生产法》实施情况的报告",
        K.INSPECTION,
        "监察和司法工作委员会",
        False,
        (8, 10),
    ),
    ItemSpec(
        "听取和审议常委会执法检查组关于检查《临江市物业管理条例》实施情况的报告",
        K.INSPECTION,
        "城乡建设环境与资源保护工作委员会",
        False,
        (4, 6),
    ),
    ItemSpec(
        "听取和审议常委会执法检查组关于检查《中华人民共和国水污染防治法》实施情况的报告",
        K.INSPECTION,
        "城乡建设环境与资源保护工作委员会",
        False,
        (10, 12),
    ),
    ItemSpec("审议市人民政府关于常委会审议意见研究处理情况的报告", K.INSPECTION, "研究室", False, (2, 12)),
)

# Every Standing Committee meeting ends with 人事任免.
# Heard every June with the final accounts (监督法 Art.27 ¶1); its rectification report is due six months later.
AUDIT_WORK = ItemSpec(
    "听取和审议市人民政府关于{py}年度市级预算执行和其他财政收支的审计工作报告",
    K.REPORT_REVIEW,
    "市财政局",
    False,
    (6,),
    AuditReport.WORK,
)
APPOINTMENT = ItemSpec("审议人事任免事项", K.APPOINTMENT, "人事代表选举工作委员会")

# Chairpersons' meetings: preparing the Standing Committee, hearing departments, steering the year's work.
CHAIRPERSONS_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("听取市发展和改革委员会关于重大项目建设推进情况的汇报", K.REPORT_REVIEW, "市发展和改革委员会"),
    ItemSpec("听取市财政局关于预算执行和财政收支情况的汇报", K.REPORT_REVIEW, "市财政局"),
    ItemSpec("听取市住房和城乡建设局关于老旧小区改造进展情况的汇报", K.REPORT_REVIEW, "市住房和城乡建设局"),
    ItemSpec("听取市交通运输局关于交通重点工程建设情况的汇报", K.REPORT_REVIEW, "市交通运输局"),
    ItemSpec("听取市自然资源和规划局关于国土空间规划编制情况的汇报", K.REPORT_REVIEW, "市自然资源和规划局"),
    ItemSpec("听取市自然资源和规划局关于耕地保护和违法用地整治情况的汇报", K.REPORT_REVIEW, "市自然资源和规划局"),
    ItemSpec("听取市住房和城乡建设局关于保障性租赁住房建设情况的汇报", K.REPORT_REVIEW, "市住房和城乡建设局"),
    ItemSpec("听取市住房和城乡建设局关于住宅小区物业管理情况的汇报", K.REPORT_REVIEW, "市住房和城乡建设局"),
    ItemSpec("听取市交通运输局关于城乡客运一体化推进情况的汇报", K.REPORT_REVIEW, "市交通运输局"),
    ItemSpec("听取市交通运输局关于中心城区交通拥堵治理情况的汇报", K.REPORT_REVIEW, "市交通运输局"),
    ItemSpec("听取市教育局关于中小学课后服务开展情况的汇报", K.REPORT_REVIEW, "市教育局"),
    ItemSpec("听取市卫生健康委员会关于医疗卫生服务能力提升情况的汇报", K.REPORT_REVIEW, "市卫生健康委员会"),
    ItemSpec("听取市生态环境局关于生态环境问题整改情况的汇报", K.REPORT_REVIEW, "市生态环境局"),
    ItemSpec("听取市民政局关于社区居家养老服务情况的汇报", K.REPORT_REVIEW, "市民政局"),
    ItemSpec("听取市城市管理局关于城市精细化管理情况的汇报", K.REPORT_REVIEW, "市城市管理局"),
    ItemSpec("听取市公安局关于道路交通安全治理情况的汇报", K.REPORT_REVIEW, "市公安局"),
    ItemSpec("听取市水利局关于防汛防台准备工作情况的汇报", K.REPORT_REVIEW, "市水利局", months=(4, 5, 6)),
    ItemSpec("听取关于民生实事项目推进情况的汇报", K.REPORT_REVIEW, "市发展和改革委员会"),
    ItemSpec("研究《临江市物业管理条例（草案）》修改情况", K.REGULATION, "法制工作委员会"),
    ItemSpec("研究《临江市养老服务促进条例（草案）》修改情况", K.REGULATION, "法制工作委员会"),
    ItemSpec("研究年度立法计划项目推进情况", K.REGULATION, "法制工作委员会"),
    ItemSpec("研究《临江市电动自行车管理条例（草案）》起草情况", K.REGULATION, "法制工作委员会"),
    ItemSpec("研究《中华人民共和国食品安全法》执法检查工作方案", K.INSPECTION, "教育科学文化卫生工作委员会"),
    ItemSpec("研究《中华人民共和国安全生产法》执法检查工作方案", K.INSPECTION, "监察和司法工作委员会"),
    ItemSpec("研究《临江市物业管理条例》执法检查报告（征求意见稿）", K.INSPECTION, "城乡建设环境与资源保护工作委员会"),
    ItemSpec("研究常委会审议意见交办和跟踪督办情况", K.INSPECTION, "研究室"),
    ItemSpec("研究代表建议重点督办工作", K.OTHER, "人事代表选举工作委员会", months=(2, 3)),
    ItemSpec("听取代表建议办理工作情况的汇报", K.OTHER, "人事代表选举工作委员会", months=(6, 7, 9, 11)),
    ItemSpec("研究代表联络站建设和代表履职活动安排", K.OTHER, "代表联络工作室"),
    ItemSpec("研究信访工作情况", K.OTHER, "信访室"),
    ItemSpec("研究机关党建和全面从严治党工作", K.OTHER, "机关党委（机关纪委）"),
    ItemSpec("研究常委会预算联网监督工作", K.OTHER, "预算工作委员会"),
    ItemSpec("研究专题调研课题安排", K.OTHER, "研究室"),
    ItemSpec("研究人事任免有关事项", K.APPOINTMENT, "人事代表选举工作委员会"),
)

# The chairpersons' meeting before each Standing Committee meeting sets its agenda.
AGENDA_PREP = ItemSpec("研究市十六届人大常委会第{standing}次会议议程（草案）和日程安排", K.OTHER, "办公室")

# What the office asks for, by the item's kind.
MATERIALS: dict[str, str] = {
    K.REPORT_REVIEW: "报告正文（纸质30份、电子版）、汇报提纲、相关附件",
    K.REGULATION: "法规草案文本、起草说明、征求意见情况、对照稿",
    K.RESOLUTION: "决议（决定）草案及说明",
    K.INSPECTION: "执法检查报告（审议意见）文本、相关附件",
    K.APPOINTMENT: "任免议案、拟任免人员基本情况和考察材料",
    K.OTHER: "会议材料及说明",
}

OUTCOMES: dict[str, tuple[str, ...]] = {
    K.REPORT_REVIEW: ("形成审议意见，交市人民政府研究处理", "同意，提请常委会会议审议", "原则同意"),
    K.REGULATION: ("经审议，交法制委员会修改", "表决通过", "原则同意，按会议意见修改"),
    K.RESOLUTION: ("表决通过", "同意，提请常委会会议审议"),
    K.INSPECTION: ("形成审议意见", "原则同意", "同意，提请常委会会议审议"),
    K.APPOINTMENT: ("表决通过", "同意，提请常委会会议审议"),
    K.OTHER: ("同意", "原则同意，按会议意见修改", "研究确定"),
}

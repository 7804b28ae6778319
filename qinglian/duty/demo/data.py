"""The changes that turn last year's outline (outline.py) into this year's list, and the sentences units write
in their reports."""

from __future__ import annotations

from dataclasses import dataclass, replace

from qinglian.duty.demo.outline import ItemSpec, L, spec


@dataclass(frozen=True)
class Changes:
    """What the party officer changes after copying last year's list: the copy/diff page shows these."""

    sections: dict[str, str]  # old title → new title
    edits: dict[str, dict]  # item key → fields to change (content, due, co)
    removed: tuple[str, ...]
    added: tuple[tuple[str, ItemSpec], ...]  # (key of the item it follows, new item)
    new_section: tuple[str, str, tuple[ItemSpec, ...]]  # (parent heading, new sub-heading, items): at the end


CHANGES = Changes(
    sections={"（一）深入开展中央八项规定精神学习教育": "（一）巩固深化中央八项规定精神学习教育成果"},
    edits={
        "eight_rules": {
            "content": "巩固深化中央八项规定精神学习教育成果，对学习教育中查摆问题的整改情况开展“回头看”，"
            "建立健全作风建设常态化长效化机制。",
            "due": (6, 30),
        },
        "plenum": {
            "content": "深入学习贯彻党的二十届四中全会精神，举办机关干部学习贯彻专题培训班，"
            "围绕“十五五”规划纲要实施谋划和推进人大工作。",
        },
        "clean_units": {"co": ("教科文卫委", "城环资委", "社建委")},
        "integrity_talks": {"due": (5, 31)},
    },
    removed=("branch_brand",),  # 支部标准化建设 was finished and accepted last year
    added=(
        (
            "member_training",
            spec(
                "young_cadres",
                "加强年轻干部教育管理监督，开展年轻干部廉洁从政专题教育，建立年轻干部成长档案。",
                "人代选工委",
                ("机关党委",),
                (9, 30),
                L,
                standard="专题教育覆盖全部35岁以下干部，成长档案建立",
                evidence="教育方案、签到表、成长档案",
            ),
        ),
    ),
    new_section=(
        "六、加强机关党的建设",
        "（三）持续为基层减负",
        (
            spec(
                "burden",
                "开展为基层减负专项整治，清理规范面向基层的督查检查考核和调研活动，精简文件会议，年内精简30%以上。",
                "办公室",
                ("研究室",),
                (8, 31),
                standard="清理事项清单印发，精简比例达到30%以上",
                evidence="清理清单、精简情况统计表",
            ),
        ),
    ),
)


def changed(spec: ItemSpec, edit: dict) -> ItemSpec:
    return replace(spec, **edit)


# What units write, by how far the task has come. {unit} is the unit's short name.
STARTED = (
    "已召开委室会议专题研究，制定工作方案，明确责任人和时间节点。",
    "已认领任务并细化分工，正在按方案推进。",
    "已完成前期调研摸底，形成初步工作思路，报分管领导审阅。",
)
UNDER_WAY = (
    "主体工作已完成过半，阶段性材料已整理归档，下一步抓紧推进剩余事项。",
    "按计划推进，已形成初稿并征求相关委室意见，正在修改完善。",
    "已完成主要环节，部分佐证材料正在收集整理。",
    "工作有序推进，已向分管领导专题汇报进展情况。",
)
DONE = (
    "任务已按完成标准全部完成，佐证材料已上传，请予销号。",
    "已完成全部工作，形成总结报告，佐证材料齐全。",
    "按时完成，相关文件已印发，材料已归档。",
)
DONE_LATE = "因与常委会会议筹备工作时间冲突，较时限延迟完成，现已全部完成，佐证材料已上传。"
LAGGING = (
    "受常委会会议密集、人员借调影响，进度滞后，正在抓紧推进。",
    "部分环节需等待有关部门反馈，进度有所滞后，已向分管领导报告。",
)
RECURRING = {
    "first_topic": "{period}党组会议、理论学习中心组共学习第一议题{n}次，已形成学习贯彻落实情况表。",
    "reminders": "{period}已通过机关OA和工作群发送廉政提醒，通报典型案例{n}起。",
    "quarterly_review": "{period}责任清单进展情况已汇总通报，对滞后任务发出提醒{n}条。",
    "spending_check": "{period}公务接待、差旅、会议、培训经费支出自查完成，未发现违规问题。",
    "petitions": "{period}共受理信访事项{n}件，未发现涉及机关干部作风问题线索。",
    "ideology_report": "{period}本委室意识形态工作情况已报送，阵地管理正常，未发现重大舆情。",
}
RECURRING_FINAL = "全年各期报告均已按时报送，任务完成。"

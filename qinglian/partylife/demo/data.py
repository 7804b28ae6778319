"""The words of the party-life demo: topics, places, reasons for leave. Dated topics appear only in their
window (a plenary session is studied after it met, a campaign while it ran)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from qinglian.partylife.choices import MeetingKind

K = MeetingKind


@dataclass(frozen=True)
class Topic:
    text: str
    since: dt.date | None = None
    until: dt.date | None = None
    months: tuple[int, ...] = ()

    def fits(self, day: dt.date) -> bool:
        return (
            (self.since is None or day >= self.since)
            and (self.until is None or day <= self.until)
            and (not self.months or day.month in self.months)
        )


FOURTH_PLENUM = dt.date(2025, 10, 24)  # 党的二十届四中全会闭幕
THIRD_PLENUM = dt.date(2024, 7, 19)
EIGHT_RULES_CAMPAIGN = (dt.date(2025, 3, 1), dt.date(2025, 7, 31))  # 中央八项规定精神学习教育

HOURS = {
    K.BRANCH_GENERAL_MEETING: Decimal("1.5"),
    K.BRANCH_COMMITTEE_MEETING: Decimal("0"),
    K.PARTY_GROUP_MEETING: Decimal("1"),
    K.PARTY_LECTURE: Decimal("2"),
    K.THEME_DAY: Decimal("2"),
    K.ORG_LIFE_MEETING: Decimal("2"),
    K.DEMOCRATIC_APPRAISAL: Decimal("1"),
    K.DEMOCRATIC_LIFE_MEETING: Decimal("0"),
    K.CENTRAL_GROUP_STUDY: Decimal("3"),
}

FIRST_TOPICS = (
    "学习习近平总书记最新重要讲话和重要指示批示精神",
    "学习习近平总书记关于坚持和完善人民代表大会制度的重要思想",
    "学习习近平总书记关于党的建设的重要思想",
    "学习习近平总书记在中央政治局集体学习时的重要讲话精神",
    "学习习近平总书记关于发展全过程人民民主的重要论述",
    "学习习近平总书记关于全面从严治党的重要论述",
    "学习习近平总书记在中央纪委全会上的重要讲话精神",
)

_COMMON_STUDY = (
    Topic("学习贯彻党的二十届四中全会精神", since=FOURTH_PLENUM),
    Topic("学习贯彻党的二十届三中全会精神", since=THIRD_PLENUM, until=dt.date(2025, 12, 31)),
    Topic("深入贯彻中央八项规定精神学习教育", *EIGHT_RULES_CAMPAIGN),
    Topic("学习《中国共产党纪律处分条例》"),
    Topic("人大工作与全过程人民民主"),
    Topic("学习贯彻《中华人民共和国各级人民代表大会常务委员会监督法》", since=dt.date(2024, 11, 8)),
    Topic("学习贯彻修改后的《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》", since=dt.date(2025, 3, 11)),
    Topic("学习《中国共产党党员教育管理工作条例》"),
    Topic("学习《中国共产党支部工作条例（试行）》"),
    Topic("学习习近平法治思想，推进地方立法高质量发展"),
)

TOPICS: dict[str, tuple[Topic, ...]] = {
    K.BRANCH_GENERAL_MEETING: (
        Topic("审议支部年度工作计划，通报党费收缴使用情况", months=(1, 2, 3)),
        Topic("通报上半年支部工作情况，部署下半年工作", months=(6, 7, 8, 9)),
        Topic("讨论预备党员转正事宜", months=(4, 5, 6, 7, 8, 9)),
        *_COMMON_STUDY,
    ),
    K.BRANCH_COMMITTEE_MEETING: (
        Topic("研究年度组织生活安排和支部工作计划", months=(1, 2)),
        Topic("研究本月主题党日活动方案"),
        Topic("研究党费收缴和使用情况"),
        Topic("分析党员思想状况，研究谈心谈话安排"),
        Topic("研究发展党员和入党积极分子培养工作"),
        Topic("研究对口联系社区共建事项"),
        Topic("研究组织生活会和民主评议党员工作方案", months=(10, 11, 12)),
        Topic("研究上半年支部工作总结", months=(6, 7)),
        Topic("研究落实机关党委近期工作部署"),
    ),
    K.PARTY_GROUP_MEETING: (
        *_COMMON_STUDY,
        Topic("交流学习体会，查找工作作风方面的不足"),
        Topic("围绕本委室重点工作开展讨论"),
        Topic("开展批评和自我批评"),
        Topic("学习党史，交流心得体会"),
    ),
    K.PARTY_LECTURE: (
        Topic("以全过程人民民主为引领，做好新时代人大工作"),
        Topic("严守政治纪律和政治规矩，做忠诚干净担当的人大干部"),
        Topic("弘扬伟大建党精神，践行初心使命", months=(6, 7)),
        Topic("学习《中国共产党纪律处分条例》，筑牢纪律防线"),
        Topic("深入贯彻中央八项规定精神，持之以恒纠治“四风”", *EIGHT_RULES_CAMPAIGN),
        Topic("学习贯彻党的二十届三中全会精神，推进人大工作高质量发展", since=THIRD_PLENUM, until=dt.date(2025, 9, 30)),
        Topic("学习贯彻党的二十届四中全会精神，为“十五五”开好局贡献人大力量", since=FOURTH_PLENUM),
        Topic("坚持和完善人民代表大会制度"),
        Topic("加强机关作风建设，争创模范机关"),
        Topic("坚定理想信念，涵养清风正气"),
    ),
    K.THEME_DAY: (
        Topic("重温入党誓词，缅怀革命先烈", months=(4, 6, 7, 9)),
        Topic("走进临江市廉政教育基地开展警示教育"),
        Topic("到联系社区开展志愿服务"),
        Topic("参观临江市党史馆，学习党史"),
        Topic("“七一”主题党日：重温入党誓词、为老党员送学上门", months=(6, 7)),
        Topic("学习宪法，弘扬宪法精神", months=(12,)),
        Topic("义务植树，共建绿色家园", months=(3,)),
        Topic("走进人大代表联络站，听取代表意见建议"),
        Topic("观看警示教育片，开展交流讨论"),
        Topic("“我为群众办实事”实践活动"),
        Topic("深入贯彻中央八项规定精神学习教育专题党日", *EIGHT_RULES_CAMPAIGN),
        Topic("学习贯彻党的二十届四中全会精神主题党日", since=FOURTH_PLENUM),
        Topic("纪念红军长征胜利主题党日", months=(10,)),
        Topic("缴纳党费、过“政治生日”"),
    ),
    K.CENTRAL_GROUP_STUDY: (
        *_COMMON_STUDY,
        Topic(
            "学习贯彻习近平总书记在庆祝全国人民代表大会成立70周年大会上的重要讲话精神",
            since=dt.date(2024, 9, 15),
            until=dt.date(2025, 6, 30),
        ),
        Topic("学习贯彻习近平经济思想，助推高质量发展"),
        Topic("学习贯彻习近平生态文明思想"),
        Topic("意识形态工作专题学习"),
        Topic("学习贯彻全国人大常委会工作报告精神", months=(3, 4, 5)),
        Topic("学习贯彻中央经济工作会议精神", months=(12, 1, 2)),
        Topic("学习贯彻中央纪委全会精神", months=(1, 2, 3)),
    ),
}

YEAR_END = {
    K.ORG_LIFE_MEETING: "{year}年度组织生活会：对照检查，开展批评和自我批评",
    K.DEMOCRATIC_APPRAISAL: "{year}年度民主评议党员",
}
SECRETARY_LECTURE = "书记讲党课：{topic}"
LEADER_LECTURE = "党组书记讲专题党课：{topic}"

AGENDA = {
    K.BRANCH_GENERAL_MEETING: ("集体学习", "通报支部近期工作", "讨论审议有关事项"),
    K.BRANCH_COMMITTEE_MEETING: ("通报上月组织生活情况", "研究下月工作安排"),
    K.PARTY_GROUP_MEETING: ("集体学习", "党员交流发言"),
    K.PARTY_LECTURE: ("讲授专题党课", "交流学习体会"),
    K.THEME_DAY: ("开展主题活动", "交流学习体会"),
    K.ORG_LIFE_MEETING: ("通报上年度整改落实情况", "支部委员会对照检查", "党员逐一发言，开展批评和自我批评"),
    K.DEMOCRATIC_APPRAISAL: ("党员个人总结", "民主测评", "支部委员会综合评定"),
    K.CENTRAL_GROUP_STUDY: ("专题辅导", "交流研讨"),
    K.DEMOCRATIC_LIFE_MEETING: (
        "通报上年度民主生活会整改落实情况和本次会前准备情况",
        "党组书记代表班子作对照检查，并作个人对照检查",
        "班子成员逐一对照检查，开展批评和自我批评",
        "上级督导组点评讲话",
    ),
}

BRANCH_PLACES = ("机关三楼会议室", "机关二楼第二会议室", "机关党员活动室", "机关五楼小会议室")
THEME_PLACES = (
    "临江市革命烈士纪念馆",
    "临江市廉政教育基地",
    "临江市党史馆",
    "江滨社区党群服务中心",
    "机关党员活动室",
    "青山镇人大代表联络站",
)
LEADING_PLACE = "机关十楼党组会议室"
ORGAN_LECTURE_PLACE = "常委会机关一楼报告厅"

LEAVE_REASONS = ("出差", "病假", "参加培训", "事假", "随常委会执法检查组下乡", "参加市委党校学习")
LEADER_LEAVE_REASONS = ("带队开展执法检查", "出席市委有关会议", "带队赴外地考察学习", "参加全国人大常委会培训班")
ABSENT_REASONS = ("未履行请假手续，事后说明因临时接待任务未能参加", "未请假，事后说明因处理信访件未能到会")
LONG_ABSENCES = ("选派驻村工作", "病假（住院治疗）", "借调市委巡察办")

ONLINE_COURSES = (
    "临江市干部网络学院专题课程：全过程人民民主",
    "干部网络学院：《中国共产党纪律处分条例》解读",
    "干部网络学院：党的创新理论专题",
    "学习强国专题学习",
    "干部网络学院：依法履职能力提升",
    "干部网络学院：地方立法实务",
)
TRAINING_CLASSES = (
    ("市委党校处级干部进修班", (32, 40)),
    ("全省人大机关干部培训班", (24, 32)),
    ("市直机关党务干部培训班", (16, 24)),
    ("新任职干部培训班", (24, 40)),
)
TALK_TOPICS = ("年度谈心谈话", "组织生活会前谈心谈话", "思想和工作情况交流", "了解工作生活情况，听取意见建议")
TALK_SUMMARIES = (
    "交流了思想、工作和学习情况，听取了对支部工作的意见建议。",
    "谈了近期工作中的困难和想法，互相提出了改进意见。",
    "围绕落实全面从严治党要求交换了看法，相互提醒严守纪律规矩。",
    "了解了家庭和生活情况，对下一步工作提出了希望。",
)
DLM_NOTES = {
    "opinions": "通过座谈会、书面函询等方式征求意见建议{n}条",
    "talks": "党组书记与班子成员、班子成员之间开展谈心谈话",
    "materials": "班子及成员对照检查材料撰写完成",
    "plan_filed": "会议方案报市委组织部、市纪委监委",
    "meeting": "市委督导组到会指导",
    "report": "会议情况报告及整改方案报送市委",
    "approval": "市委组织部同意提前召开（电话请示，会后补报书面意见）",
}

"""The npc demo as data: the city's handling units, its districts and delegations, the liaison stations, and
what deputies do there. Everything is fictitious; the names follow a prefecture-level city's usage."""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.npc.choices import ActivityKind, SuggestionCategory

C = SuggestionCategory


@dataclass(frozen=True)
class HandlingUnit:
    name: str
    short_name: str
    leader_title: str
    doc_prefix: str  # 答复文号 prefix: 临建复〔2026〕12号
    category: str  # the usual category of the suggestions it leads


# The government departments and other bodies that handle deputies' suggestions (外部单位). The org demo
# creates the first ten; the rest are added by the npc demo.
HANDLING_UNITS: tuple[HandlingUnit, ...] = (
    HandlingUnit("市发展和改革委员会", "市发改委", "主任", "临发改复", C.ECONOMY),
    HandlingUnit("市教育局", "市教育局", "局长", "临教复", C.SOCIAL),
    HandlingUnit("市公安局", "市公安局", "局长", "临公复", C.POLITICS_LAW),
    HandlingUnit("市民政局", "市民政局", "局长", "临民复", C.LIVELIHOOD),
    HandlingUnit("市财政局", "市财政局", "局长", "临财复", C.ECONOMY),
    HandlingUnit("市人力资源和社会保障局", "市人力社保局", "局长", "临人社复", C.LIVELIHOOD),
    HandlingUnit("市自然资源和规划局", "市自然资源规划局", "局长", "临自然资规复", C.URBAN_RURAL),
    HandlingUnit("市生态环境局", "市生态环境局", "局长", "临环复", C.ECOLOGY),
    HandlingUnit("市住房和城乡建设局", "市住建局", "局长", "临建复", C.URBAN_RURAL),
    HandlingUnit("市交通运输局", "市交通运输局", "局长", "临交复", C.URBAN_RURAL),
    HandlingUnit("市水利局", "市水利局", "局长", "临水复", C.ECOLOGY),
    HandlingUnit("市农业农村局", "市农业农村局", "局长", "临农复", C.ECONOMY),
    HandlingUnit("市商务局", "市商务局", "局长", "临商复", C.ECONOMY),
    HandlingUnit("市文化广电旅游局", "市文广旅游局", "局长", "临文旅复", C.SOCIAL),
    HandlingUnit("市卫生健康委员会", "市卫健委", "主任", "临卫健复", C.SOCIAL),
    HandlingUnit("市应急管理局", "市应急管理局", "局长", "临应急复", C.POLITICS_LAW),
    HandlingUnit("市市场监督管理局", "市市场监管局", "局长", "临市监复", C.LIVELIHOOD),
    HandlingUnit("市医疗保障局", "市医保局", "局长", "临医保复", C.LIVELIHOOD),
    HandlingUnit("市城市管理局", "市城管局", "局长", "临城管复", C.URBAN_RURAL),
    HandlingUnit("市数据资源管理局", "市数据局", "局长", "临数据复", C.OTHER),
    HandlingUnit("市中级人民法院", "市中院", "院长", "临中法复", C.POLITICS_LAW),
    HandlingUnit("市人民检察院", "市检察院", "检察长", "临检复", C.POLITICS_LAW),
    HandlingUnit("市公积金中心", "市公积金中心", "主任", "临公积金复", C.LIVELIHOOD),
    HandlingUnit("市供电公司", "市供电公司", "总经理", "临供电复", C.URBAN_RURAL),
    HandlingUnit("市自来水公司", "市自来水公司", "总经理", "临水务复", C.LIVELIHOOD),
)

# The units whose materials reach the office late, as the office has long complained (NPC-008).
LATE_SUBMITTERS = ("市住房和城乡建设局", "市交通运输局", "市自然资源和规划局")


@dataclass(frozen=True)
class District:
    name: str  # 江城区
    share: int  # deputies per 300
    station: str  # its liaison station
    address: str


# The districts, counties and county-level cities of 临江市; each elects a delegation (代表团) and hosts one
# liaison station (the two smallest share none: their deputies go to the nearest station).
DISTRICTS: tuple[District, ...] = (
    District("江城区", 90, "江城区滨江街道人大代表联络站", "江城区滨江路128号滨江街道便民服务中心二楼"),
    District("东湖区", 60, "东湖区湖滨街道人大代表联络站", "东湖区湖滨南路56号"),
    District("北山区", 36, "北山区北山街道人大代表联络站", "北山区文化路9号党群服务中心"),
    District("青溪县", 30, "青溪县青溪镇人大代表联络站", "青溪县青溪镇府前街21号"),
    District("云台县", 30, "云台县云台镇人大代表联络站", "云台县云台镇新华路88号"),
    District("石门县", 24, "石门县石门镇人大代表联络站", "石门县石门镇人民路15号"),
    District("安澜市", 18, "", ""),
    District("枫桥市", 12, "", ""),
)

# A deputy's level (Deputy.level_note), weighted: a few city deputies are also provincial or national ones.
LEVELS = (("市人大代表", 88), ("市人大代表、省人大代表", 9), ("市人大代表、全国人大代表", 3))

# --- deputies' activities (履职活动) --------------------------------------------------------------

A = ActivityKind

# Activities organised by the Standing Committee's committees: (kind, title, place, deputies (fewest, most)).
ACTIVITIES: tuple[tuple[str, str, str, tuple[int, int]], ...] = (
    (A.INSPECTION_VISIT, "视察全市重大项目建设推进情况", "市重大项目现场", (10, 16)),
    (A.INSPECTION_VISIT, "视察老旧小区改造和加装电梯工作", "江城区、东湖区相关小区", (8, 12)),
    (A.INSPECTION_VISIT, "视察农村饮用水安全提升工程", "青溪县、云台县", (8, 12)),
    (A.INSPECTION_VISIT, "视察城区交通拥堵治理情况", "中心城区重点路口", (8, 12)),
    (A.INSPECTION_VISIT, "视察全市民生实事项目实施情况", "市民生实事项目现场", (12, 18)),
    (A.INSPECTION_VISIT, "视察防汛防台准备工作", "市防汛指挥中心", (8, 12)),
    (A.RESEARCH, "调研社区居家养老服务工作", "江城区、北山区社区养老服务中心", (5, 8)),
    (A.RESEARCH, "调研中小学生课后服务开展情况", "市区部分中小学", (5, 8)),
    (A.RESEARCH, "调研民营经济发展和营商环境", "市高新技术产业园区", (5, 9)),
    (A.RESEARCH, "调研基层医疗卫生服务能力建设", "石门县、云台县乡镇卫生院", (5, 8)),
    (A.RESEARCH, "调研高标准农田建设和耕地保护", "青溪县", (5, 8)),
    (A.RESEARCH, "调研生活垃圾分类工作", "东湖区", (4, 7)),
    (A.RESEARCH, "调研代表建议办理落实情况", "市住建局、市交通运输局", (5, 8)),
    (A.RESEARCH, "调研新就业形态劳动者权益保障", "市人力社保局", (4, 7)),
    (A.LAW_ENFORCEMENT, "参加《中华人民共和国食品安全法》执法检查", "市区农贸市场、学校食堂", (6, 10)),
    (A.LAW_ENFORCEMENT, "参加《中华人民共和国安全生产法》执法检查", "市化工园区", (6, 10)),
    (A.LAW_ENFORCEMENT, "参加《临江市物业管理条例》执法检查", "江城区、东湖区住宅小区", (6, 10)),
    (A.LAW_ENFORCEMENT, "参加《中华人民共和国水污染防治法》执法检查", "市区重点河道", (6, 10)),
)

# Drafts put to the deputies at the stations (立法征求意见): one title per round, several stations each.
LEGISLATION: tuple[str, ...] = (
    "就《临江市物业管理条例（草案）》征求代表和群众意见",
    "就《临江市养老服务促进条例（草案）》征求代表和群众意见",
    "就《临江市城市市容和环境卫生管理条例（修订草案）》征求代表和群众意见",
    "就《临江市电动自行车管理条例（草案）》征求代表和群众意见",
)

# Deputies' work between sessions, for NPC-009…011. Each delegation goes back to its constituency (回原选区,
# 原选举单位) once, in June, at its district's station where it has one, and meets as a deputies' group three
# times (April, July, October) at the district's people's congress.
CONSTITUENCY_MONTH = 6
GROUP_MONTHS = (3, 5, 7, 10)  # four a year: one missed still leaves the three NPC-011 asks
GROUP_MISSED = 0.15  # the chance a deputy misses one of the four group meetings (never two, but the slips)
# The slips left for the rules: the station closed for refurbishment in the third quarter (no activity there from
# July to September, NPC-009); deputies who did not go back to their constituency (NPC-010) and deputies who came
# to only one group meeting (NPC-011).
CLOSED_STATION = "北山区北山街道人大代表联络站"
CLOSED_MONTHS = (7, 8, 9)
NO_RETURN = 3
ONE_GROUP_MEETING = 2

RECEPTION_TOPICS: tuple[str, ...] = (
    "代表接待选民日",
    "代表进站接待选民",
    "“代表在身边”主题接待活动",
    "听取群众对民生实事项目的意见",
    "代表接待选民，收集社情民意",
)

# --- key supervision and the handling report (NPC-012, NPC-013) -------------------------------------------------

# Of the ten key suggestions, one plan drawn up a fortnight after the month and one never drawn up.
LATE_PLAN = 1
NO_PLAN = 1
# Last year's handling report was heard by the Standing Committee in late December but never put on the website:
# the report due before this year's session was not made public (NPC-013, red).
LAST_YEARS_REPORT_HEARD = (12, 26)

# --- deputies' days of duty (NPC-015) ---------------------------------------------------------------------------

# Each delegation's collective work between sessions (代表法 Art.26: 以集体活动为主) beyond its group meetings and
# its return to the constituency: (month, days, kind, title). With those, every deputy spends at least fifteen days
# a year on duty (浙江实施代表法办法 Art.35), except the slips below.
DUTY_TOURS: tuple[tuple[int, int, str, str], ...] = (
    (3, 3, A.INSPECTION_VISIT, "{district}市人大代表集中视察重大项目开工和一季度经济运行情况"),
    (5, 3, A.RESEARCH, "{district}市人大代表专题调研基层社会治理和矛盾纠纷化解"),
    (8, 2, A.RESEARCH, "{district}市人大代表专题调研民生实事项目推进情况"),
    (9, 3, A.INSPECTION_VISIT, "{district}市人大代表集中视察生态环境保护和河湖治理"),
    (11, 2, A.INSPECTION_VISIT, "{district}市人大代表集中视察年度民生实事完成情况"),
)
DUTY_TOUR_LAST_DAY = 13  # the tours start in the first half of the month (November's is over by the demo's day)
# Deputies working away from home who took part in none of the tours (NPC-015, yellow before the year's end): drawn
# from the delegations without a liaison station, whose deputies join no station's receptions.
SHORT_ON_DUTY = 2

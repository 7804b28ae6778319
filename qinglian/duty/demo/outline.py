"""Last year's 主体责任清单 of the demo organ as an outline: sections, sub-headings and items (text only).

Units are named by their short name (org demo data); deadlines are (month, day) in the list's year. An item
led "by the secretary" is led by the 党组书记 whatever unit leads it; any other item is led by the 党组成员 who
supervises (分管) its lead unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.duty.choices import Recurrence, Theme

S, L, G = Theme.STRICT_GOVERNANCE, Theme.INTEGRITY, Theme.IDEOLOGY
MONTHLY, QUARTERLY = Recurrence.MONTHLY, Recurrence.QUARTERLY
YEAR_END = (12, 31)


@dataclass(frozen=True)
class ItemSpec:
    key: str  # stable name, used by this year's changes and by the demo's choice of slips
    content: str
    lead: str
    co: tuple[str, ...] = ()
    due: tuple[int, int] | None = YEAR_END  # None for a recurring item
    recurrence: str = Recurrence.ONCE
    theme: str = S
    standard: str = ""
    evidence: str = ""
    by_secretary: bool = False


def spec(key, content, lead, co=(), due=YEAR_END, theme=S, standard="", evidence="", **kw) -> ItemSpec:
    recurrence = kw.pop("recurrence", Recurrence.ONCE)
    return ItemSpec(
        key, content, lead, tuple(co), None if recurrence != Recurrence.ONCE else due, recurrence, theme,
        standard, evidence, **kw,
    )  # fmt: skip


# (一级标题, ((二级标题, (items …)), …)) — last year's list as the Party group issued it.
OUTLINE: tuple[tuple[str, tuple[tuple[str, tuple[ItemSpec, ...]], ...]], ...] = (
    (
        "一、压紧压实管党治党政治责任",
        (
            (
                "（一）切实履行党组主体责任",
                (
                    spec(
                        "conference",
                        "年初召开机关全面从严治党暨党风廉政建设和意识形态工作会议，党组书记代表党组作工作报告，"
                        "印发年度主体责任清单，任务分解到委室、责任落实到人。",
                        "机关党委",
                        ("办公室",),
                        (3, 31),
                        standard="会议按期召开；清单经党组会议审定后印发，任务全部分解到委室",
                        evidence="会议通知、党组书记讲话稿、党组会议纪要、清单印发文件",
                        by_secretary=True,
                    ),
                    spec(
                        "half_year_study",
                        "党组每半年至少召开1次会议专题研究全面从严治党工作，听取责任清单落实情况汇报，研究解决突出问题。",
                        "机关党委",
                        ("办公室",),
                        standard="上、下半年各专题研究1次以上，研究事项有落实、有反馈",
                        evidence="党组会议纪要、专题汇报材料",
                        by_secretary=True,
                    ),
                    spec(
                        "annual_report",
                        "向市委报送上年度落实全面从严治党主体责任情况报告（含厉行节约工作情况），同时抄送市纪委监委。",
                        "机关党委",
                        ("办公室",),
                        (3, 15),
                        standard="报告经党组会议审议后按时报送",
                        evidence="报告正式文本、党组会议纪要、报送回执",
                        by_secretary=True,
                    ),
                ),
            ),
            (
                "（二）落实“一岗双责”",
                (
                    spec(
                        "dual_duty",
                        "党组成员每半年至少听取1次分管委室全面从严治党工作汇报，到分管委室开展1次调研指导，"
                        "年底向党组报告履行“一岗双责”情况。",
                        "办公室",
                        ("机关党委",),
                        standard="每名党组成员听取汇报、调研指导各不少于2次，年底书面报告",
                        evidence="听取汇报记录、调研指导记录、履职报告",
                        by_secretary=True,
                    ),
                    spec(
                        "integrity_talks",
                        "党组书记与班子成员、班子成员与分管委室主要负责人、委室主要负责人与本委室干部逐级开展廉政谈话。",
                        "机关党委",
                        ("人代选工委",),
                        (6, 30),
                        L,
                        standard="逐级谈话全覆盖，谈话有记录",
                        evidence="廉政谈话记录表、谈话安排表",
                        by_secretary=True,
                    ),
                    spec(
                        "letters",
                        "逐级签订党风廉政建设责任书，新任职、调入、转岗干部在人事变动后15个工作日内补签。",
                        "机关党委",
                        ("人代选工委",),
                        (3, 31),
                        L,
                        standard="党组—委室负责人—干部三级责任书签订率100%，补签及时",
                        evidence="责任书扫描件、签订情况统计表",
                        by_secretary=True,
                    ),
                ),
            ),
            (
                "（三）健全责任落实机制",
                (
                    spec(
                        "quarterly_review",
                        "每季度调度责任清单落实情况，汇总各委室任务进展并在机关内部通报，对滞后任务及时下发督办单。",
                        "机关党委",
                        ("办公室",),
                        recurrence=QUARTERLY,
                        standard="每季度末形成进展通报，滞后任务全部督办",
                        evidence="季度进展通报、督办单",
                        by_secretary=True,
                    ),
                    spec(
                        "assessment",
                        "年底组织开展委室落实全面从严治党主体责任情况考核，考核结果作为评先评优、干部选任的重要依据。",
                        "机关党委",
                        ("人代选工委",),
                        standard="考核方案印发，考核覆盖全部委室，结果经党组会议审定",
                        evidence="考核方案、考核结果通报、党组会议纪要",
                        by_secretary=True,
                    ),
                ),
            ),
        ),
    ),
    (
        "二、加强政治建设",
        (
            (
                "（一）深化理论武装",
                (
                    spec(
                        "first_topic",
                        "严格落实“第一议题”制度，党组会议、理论学习中心组学习第一时间传达学习习近平总书记重要讲话和"
                        "重要指示批示精神，每月报送学习贯彻落实情况。",
                        "办公室",
                        ("机关党委",),
                        recurrence=MONTHLY,
                        standard="每月报送，学习内容、落实措施具体",
                        evidence="党组会议纪要（第一议题部分）、月度学习落实情况表",
                    ),
                    spec(
                        "central_group",
                        "制定并落实党组理论学习中心组年度学习计划，全年集中学习研讨不少于10次，每名班子成员至少作1次重点发言。",
                        "研究室",
                        ("办公室",),
                        standard="集中学习不少于10次，重点发言全覆盖",
                        evidence="年度学习计划、学习记录、发言材料",
                    ),
                    spec(
                        "plenum",
                        "深入学习贯彻党的二十届三中全会精神，举办机关干部学习贯彻专题培训班，推动全会精神落实到人大工作各方面。",
                        "机关党委",
                        ("研究室",),
                        (6, 30),
                        standard="专题培训班举办1期以上，机关干部全员参训",
                        evidence="培训通知、签到表、培训小结",
                    ),
                ),
            ),
            (
                "（二）严明政治纪律和政治规矩",
                (
                    spec(
                        "report_upward",
                        "严格执行重大事项请示报告制度，常委会立法、监督、重大事项决定和人事任免中的重要事项按程序向市委请示报告。",
                        "办公室",
                        ("法工委", "人代选工委"),
                        standard="应报尽报，请示报告程序规范",
                        evidence="请示报告台账、市委批复",
                    ),
                    spec(
                        "legislation_lead",
                        "坚持党领导立法，年度立法计划和重要法规草案中的重大问题按程序报市委研究决定。",
                        "法工委",
                        (),
                        (10, 31),
                        standard="立法计划和重大问题报告市委，有书面请示和批复",
                        evidence="请示文件、市委常委会议纪要摘录",
                    ),
                ),
            ),
        ),
    ),
    (
        "三、深化作风建设，驰而不息落实中央八项规定精神",
        (
            (
                "（一）深入开展中央八项规定精神学习教育",
                (
                    spec(
                        "eight_rules",
                        "按照中央和省委、市委部署，深入开展中央八项规定精神学习教育，抓好学习研讨、查摆问题、集中整治、"
                        "开门教育等各项任务。",
                        "机关党委",
                        ("办公室",),
                        (7, 31),
                        standard="学习教育各环节任务全部完成，查摆问题整改到位",
                        evidence="实施方案、学习研讨记录、问题清单和整改台账、总结报告",
                        by_secretary=True,
                    ),
                    spec(
                        "spending_check",
                        "严格执行公务接待、差旅、会议、培训等经费管理规定，每季度开展经费支出自查，自查情况报机关纪委。",
                        "办公室",
                        ("机关党委",),
                        recurrence=QUARTERLY,
                        theme=L,
                        standard="每季度自查，发现问题当季整改",
                        evidence="季度自查报告、经费支出明细",
                    ),
                ),
            ),
            (
                "（二）改进调查研究和工作作风",
                (
                    spec(
                        "field_research",
                        "围绕常委会年度监督重点开展蹲点调研，形成有分量的调研报告，调研活动轻车简从、不增加基层负担。",
                        "研究室",
                        ("财经委", "农委"),
                        (10, 31),
                        standard="形成调研报告不少于3篇，调研成果转化运用",
                        evidence="调研方案、调研报告、成果转化情况",
                    ),
                    spec(
                        "inspection_style",
                        "在执法检查和专题调研中严格落实中央八项规定精神，执法检查问题清单化，跟踪推动整改见效。",
                        "城环资委",
                        ("农委", "教科文卫委"),
                        (11, 30),
                        standard="执法检查报告列明问题清单，整改情况跟踪报告",
                        evidence="执法检查报告、问题清单、整改跟踪记录",
                    ),
                    spec(
                        "livelihood",
                        "聚焦民生实事项目开展监督，推动解决群众急难愁盼问题，把作风建设成效体现在为民办实事上。",
                        "社建委",
                        ("教科文卫委",),
                        (9, 30),
                        standard="民生实事项目监督全覆盖，形成监督报告",
                        evidence="监督方案、监督报告、整改反馈",
                    ),
                ),
            ),
            (
                "（三）密切联系人大代表和人民群众",
                (
                    spec(
                        "deputy_contact",
                        "完善常委会组成人员和机关干部联系人大代表制度，组织代表参加执法检查、专题调研、立法调研不少于300人次。",
                        "代表联络室",
                        ("人代选工委",),
                        (11, 30),
                        standard="代表参与活动不少于300人次，联系记录完整",
                        evidence="代表参加活动统计表、联系代表记录",
                    ),
                    spec(
                        "suggestions",
                        "提高代表建议办理质量，重点督办建议全部办结，代表满意率不低于95%。",
                        "代表联络室",
                        ("财经委", "城环资委"),
                        (11, 15),
                        standard="重点督办建议办结率100%，满意率不低于95%",
                        evidence="建议办理台账、满意度测评表",
                    ),
                    spec(
                        "petitions",
                        "规范信访事项办理，每季度分析信访反映的干部作风问题线索，及时移交机关纪委。",
                        "信访室",
                        (),
                        recurrence=QUARTERLY,
                        theme=L,
                        standard="每季度分析报告1份，问题线索按规定移交",
                        evidence="季度分析报告、线索移交登记表",
                    ),
                ),
            ),
        ),
    ),
    (
        "四、强化意识形态工作",
        (
            (
                "（一）落实意识形态工作责任制",
                (
                    spec(
                        "ideology_study",
                        "党组每半年至少专题研究1次意识形态工作，年底向市委报告意识形态工作责任制落实情况。",
                        "机关党委",
                        ("办公室",),
                        theme=G,
                        standard="上、下半年各专题研究1次以上，年度报告按时报送",
                        evidence="党组会议纪要、年度报告",
                        by_secretary=True,
                    ),
                    spec(
                        "ideology_report",
                        "各委室每季度报送意识形态工作情况，机关党委汇总开展分析研判，重大情况及时报告。",
                        "机关党委",
                        ("办公室", "研究室", "代表联络室"),
                        recurrence=QUARTERLY,
                        theme=G,
                        standard="每季度按时报送，分析研判有结论、有措施",
                        evidence="季度工作情况报告、分析研判报告",
                    ),
                    spec(
                        "ideology_assessment",
                        "将意识形态工作纳入党建工作责任制和委室年度考核，纳入民主生活会、组织生活会和述职述廉内容。",
                        "机关党委",
                        ("人代选工委",),
                        theme=G,
                        standard="考核细则含意识形态内容，述职述廉材料有意识形态专门章节",
                        evidence="考核细则、述职述廉材料",
                    ),
                ),
            ),
            (
                "（二）加强宣传思想阵地管理",
                (
                    spec(
                        "outlets",
                        "落实门户网站、微信公众号、人大代表之家等宣传阵地“三审三校”制度，建立阵地管理台账，明确每个阵地责任人。",
                        "办公室",
                        ("代表联络室",),
                        (4, 30),
                        G,
                        standard="阵地台账建立，责任人明确，审校记录完整",
                        evidence="阵地管理台账、三审三校记录",
                    ),
                    spec(
                        "constitution_day",
                        "组织开展“12·4”国家宪法日暨宪法宣传周活动，宣传人民代表大会制度。",
                        "法工委",
                        ("办公室", "社建委"),
                        (12, 4),
                        G,
                        standard="宪法宣传周活动按方案开展，形成活动总结",
                        evidence="活动方案、活动照片、新闻报道",
                    ),
                ),
            ),
        ),
    ),
    (
        "五、一体推进不敢腐不能腐不想腐",
        (
            (
                "（一）强化监督执纪",
                (
                    spec(
                        "stationed_group",
                        "支持派驻纪检监察组履行监督职责，党组每半年与派驻纪检监察组专题会商1次，及时移交问题线索。",
                        "机关党委",
                        (),
                        theme=L,
                        standard="每半年会商1次，问题线索移交及时",
                        evidence="会商记录、线索移交记录",
                        by_secretary=True,
                    ),
                    spec(
                        "reminders",
                        "每月开展廉政提醒，在元旦、春节、五一、国庆等重要节点前发送廉政提醒，通报违反中央八项规定精神典型案例。",
                        "机关党委",
                        ("办公室",),
                        recurrence=MONTHLY,
                        theme=L,
                        standard="每月至少提醒1次，节点前必提醒",
                        evidence="廉政提醒通知、典型案例通报",
                    ),
                ),
            ),
            (
                "（二）强化权力运行制约",
                (
                    spec(
                        "risk_points",
                        "开展廉政风险点排查，更新委室和重点岗位廉政风险点及防控措施，建立风险防控台账。",
                        "机关党委",
                        ("办公室", "人代选工委"),
                        (5, 31),
                        L,
                        standard="风险点排查覆盖全部委室和重点岗位，防控措施逐项明确",
                        evidence="廉政风险点排查表、防控台账",
                    ),
                    spec(
                        "budget_oversight",
                        "加强对预算审查监督、审计查出问题整改跟踪监督中履职行为的监督，防范“围猎”风险。",
                        "预算工委",
                        ("财经委",),
                        (9, 30),
                        L,
                        standard="建立履职监督制度，审查监督全程留痕",
                        evidence="制度文件、履职记录",
                    ),
                    spec(
                        "legislation_integrity",
                        "规范立法过程中听取利益相关方意见的程序，严防部门利益和地方保护主义法制化。",
                        "法工委",
                        (),
                        (8, 31),
                        L,
                        standard="出台听取意见工作规程，立法项目全部按规程执行",
                        evidence="工作规程、听取意见记录",
                    ),
                    spec(
                        "judicial_oversight",
                        "规范司法监督工作程序，严守个案监督纪律，落实过问干预司法活动记录报告制度。",
                        "监司委",
                        (),
                        (7, 31),
                        L,
                        standard="监督程序文件修订完成，记录报告制度执行到位",
                        evidence="程序文件、记录报告登记表",
                    ),
                    spec(
                        "cadre_selection",
                        "严格执行干部选拔任用工作规定，提拔任用前征求派驻纪检监察组党风廉政意见。",
                        "人代选工委",
                        ("机关党委",),
                        theme=L,
                        standard="党风廉政意见征求率100%",
                        evidence="选任工作纪实、廉政意见回复函",
                    ),
                ),
            ),
            (
                "（三）加强廉洁文化建设",
                (
                    spec(
                        "warning_month",
                        "开展警示教育月活动，组织机关干部观看警示教育片、旁听职务犯罪庭审、参观廉政教育基地。",
                        "机关党委",
                        ("监司委",),
                        (5, 31),
                        L,
                        standard="警示教育活动不少于3项，机关干部全员参加",
                        evidence="活动方案、签到表、心得体会",
                    ),
                    spec(
                        "clean_units",
                        "推进清廉机关建设，开展“清廉委室”创建活动，年内创建示范委室不少于3个。",
                        "机关党委",
                        ("教科文卫委", "农委", "城环资委"),
                        (11, 30),
                        L,
                        standard="创建示范委室不少于3个，经验做法总结推广",
                        evidence="创建方案、验收材料、命名文件",
                    ),
                ),
            ),
        ),
    ),
    (
        "六、加强机关党的建设",
        (
            (
                "（一）夯实基层党组织",
                (
                    spec(
                        "branch_life",
                        "严格落实“三会一课”、主题党日、谈心谈话、组织生活会等制度，每季度召开党建工作例会，听取各党支部工作汇报。",
                        "机关党委",
                        standard="组织生活按规定开展，党建例会每季度1次",
                        evidence="会议记录、党建例会纪要",
                    ),
                    spec(
                        "branch_brand",
                        "开展党支部标准化规范化建设，培育“一支部一品牌”，推动党建与人大业务深度融合。",
                        "机关党委",
                        ("教科文卫委", "社建委"),
                        (10, 31),
                        standard="各支部达到标准化要求，形成党建品牌2个以上",
                        evidence="验收材料、品牌创建总结",
                    ),
                ),
            ),
            (
                "（二）加强党员教育管理监督",
                (
                    spec(
                        "member_training",
                        "严格党员教育管理，党员年度集中学习培训不少于32学时，督促党员按时足额交纳党费。",
                        "机关党委",
                        ("人代选工委",),
                        standard="党员学时达标率100%，党费按时足额交纳",
                        evidence="学时统计表、党费收缴台账",
                    ),
                    spec(
                        "life_meetings",
                        "召开党组领导班子民主生活会和各党支部组织生活会，认真开展批评和自我批评，抓好问题整改。",
                        "机关党委",
                        ("办公室",),
                        standard="民主生活会、组织生活会按时召开，整改清单逐项销号",
                        evidence="会议方案、对照检查材料、整改清单",
                        by_secretary=True,
                    ),
                ),
            ),
        ),
    ),
)

"""The demo organ's risk registers, unit by unit (the data of demo/risks.py): each point's post, matter,
description, level, controls, the ledger where it occurs, who owns it, and the planted ones (missed review,
added late, re-graded).
"""

from __future__ import annotations

from dataclasses import dataclass

from qinglian.integrity.choices import RiskLedger as L
from qinglian.integrity.choices import RiskLevel

H, M, W = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW
LAW = "法制工作委员会"
UNIT_HEAD_UNIT = LAW  # the demo's unit head (fuzeren) heads 法工委 (org.demo.accounts)


@dataclass(frozen=True)
class Spec:
    post: str  # "" for a risk of the unit as a whole
    matter: str
    description: str
    level: str
    controls: str
    ledger: str
    owner: str = "staff"  # "director", "deputy" or "staff"
    new: bool = False  # added after the review campaign (not yet reviewed, not yet due)
    missed: bool = False  # planted: missed the yearly review (INT-030 red)
    regrade: str = ""  # the review re-grades it to this level


RISKS: dict[str, tuple[Spec, ...]] = {
    "办公室": (
        Spec(
            "机关事务科",
            "公务接待审批",
            "无公函接待、超标准超范围接待，接待费用虚报冒领或转嫁",
            H,
            "严格执行公函制度和接待清单制度，费用凭公函、接待清单、发票“三单”报销；每季度汇总公开接待情况",
            L.RECEPTION,
            "deputy",
        ),
        Spec(
            "机关事务科",
            "政府采购",
            "化整为零规避公开采购，指定或变相指定供应商，验收走过场",
            H,
            "执行政府采购目录和限额标准，采购需求提出、采购实施、验收分岗负责；限额以上采购集体研究",
            L.PROCUREMENT,
            "staff",
        ),
        Spec(
            "财务岗",
            "财务资金管理",
            "违规报销、公款私存、挪用公款，票据审核把关不严",
            H,
            "不相容岗位相互分离，支出审批与会签，每月银行对账，接受年度审计和内部审计",
            L.FUNDS,
            "staff",
        ),
        Spec(
            "车辆管理岗",
            "公务用车管理",
            "公车私用，虚报加油、维修、保险费用",
            M,
            "执行派车单制度，车辆定位监控，维修保养定点并集中结算，费用按车单独核算",
            L.OTHER,
            "staff",
            regrade=H,
        ),
        Spec(
            "综合科",
            "差旅费报销",
            "超标准乘坐交通工具和住宿，虚报出差天数和费用",
            M,
            "出差事前审批，按差旅费管理办法核定标准，报销时与出差审批单逐项核对",
            L.TRAVEL,
            "staff",
        ),
        Spec(
            "秘书科",
            "会议和培训组织",
            "超标准列支会议费、培训费，借会议培训名义组织公款旅游",
            M,
            "年度会议和培训计划报批，定点场所，会后凭签到表、明细结算",
            L.CONFERENCE,
            "staff",
        ),
    ),
    "研究室": (
        Spec(
            "",
            "调研活动安排",
            "借调研之机接受宴请、旅游安排或赠送的礼品",
            M,
            "调研方案报批，轻车简从，执行公务接待和礼品登记规定",
            L.TRAVEL,
            "director",
        ),
        Spec(
            "文稿岗",
            "文稿起草与保密",
            "泄露尚未公开的领导讲话、工作报告等文稿内容",
            W,
            "执行保密制度，文稿按密级流转，涉密载体专人管理",
            L.OTHER,
        ),
        Spec(
            "",
            "课题委托与经费",
            "违规委托研究课题，虚列或超标准支付课题经费",
            M,
            "课题委托集体研究，签订合同，经费按进度和成果验收支付",
            L.FUNDS,
            "deputy",
            new=True,
        ),
    ),
    LAW: (
        Spec(
            "立法岗",
            "法规草案起草审查",
            "受利益相关方请托，在条文中设置部门或行业利益",
            H,
            "立法公开征求意见，重要条款组织论证、听证，草案集体审议；落实插手干预重大事项记录报告制度",
            L.LEGISLATION,
            "deputy",
        ),
        Spec(
            "备案审查岗",
            "规范性文件备案审查",
            "对存在合法性问题的规范性文件审查不严、该纠未纠",
            M,
            "审查意见集体研究，审查情况向主任会议和常委会报告并公开",
            L.LEGISLATION,
            "staff",
            missed=True,
        ),
        Spec(
            "",
            "立法协调与论证",
            "与利益相关方不当接触，接受宴请、礼品礼金",
            M,
            "论证会、协调会公开进行，与管理服务对象接触不单独进行，礼品一律登记上交",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "立法调研岗",
            "立法调研",
            "调研中接受基层超标准接待",
            W,
            "调研方案报批，执行公务接待标准，调研报告如实反映情况",
            L.TRAVEL,
            "staff",
            missed=True,
        ),
        Spec(
            "法律询问答复岗",
            "法律询问答复",
            "答复意见受人情干扰、不当泄露",
            W,
            "答复意见经集体研究、分管领导签发，按规定归档",
            L.LEGISLATION,
            "staff",
        ),
    ),
    "财政经济工作委员会": (
        Spec(
            "",
            "计划执行情况审查监督",
            "审查监督中受请托为特定项目或企业说情",
            M,
            "初审意见集体研究，请托事项登记报告，审查报告提交常委会公开",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "国资监督岗",
            "国有资产管理情况监督",
            "对监督中发现的问题瞒报、淡化",
            M,
            "监督报告如实反映问题，问题清单跟踪督办",
            L.LEGISLATION,
        ),
        Spec("", "专题调研与视察", "调研视察中接受宴请和礼品", W, "执行公务接待规定和礼品登记制度", L.TRAVEL, "deputy"),
    ),
    "预算工作委员会": (
        Spec(
            "预算审查岗",
            "预算初步审查",
            "在预算初审中受请托为特定部门或项目争取资金",
            H,
            "初审意见集体研究，重大事项报主任会议，请托事项登记报告",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "联网监督岗",
            "预算联网监督数据管理",
            "违规查询、泄露财政和部门预算数据",
            M,
            "数据查询权限分级授权，查询留痕，定期核查日志",
            L.OTHER,
        ),
        Spec(
            "",
            "审计查出问题整改监督",
            "对整改不到位的问题放松监督",
            M,
            "整改情况逐项跟踪，向常委会报告整改结果",
            L.LEGISLATION,
            "deputy",
        ),
        Spec("预算调研岗", "部门预算调研", "调研中接受被调研单位宴请", W, "执行公务接待规定", L.TRAVEL),
    ),
    "监察和司法工作委员会": (
        Spec(
            "",
            "司法监督",
            "借监督之名插手干预具体案件，为当事人说情",
            H,
            "执行领导干部干预司法活动、插手具体案件处理的记录、通报和责任追究规定，个案不直接过问",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "执法检查岗",
            "执法检查",
            "检查中对问题打招呼、隐瞒不报",
            M,
            "检查方案公开，检查报告集体研究，问题清单交办",
            L.LEGISLATION,
        ),
        Spec("信访转办岗", "涉法涉诉信访件转办", "压件不转、选择性转办", W, "信访件登记台账，限时转办", L.PETITIONS),
    ),
    "教育科学文化卫生工作委员会": (
        Spec(
            "",
            "执法检查和专题询问",
            "检查中接受被检查单位安排的宴请、娱乐活动",
            M,
            "检查方案报批，执行公务接待规定，检查报告集体研究",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "联络岗",
            "社会活动邀请",
            "以个人名义参加被监督单位的商业活动并收受报酬",
            W,
            "兼职和参加活动事前报批",
            L.OTHER,
        ),
        Spec("", "调研视察", "调研中接受礼品礼金", W, "礼品登记上交，调研轻车简从", L.TRAVEL, "deputy"),
    ),
    "农业与农村工作委员会": (
        Spec(
            "",
            "涉农资金使用监督",
            "对涉农资金使用中的问题监督不力",
            M,
            "资金监督纳入年度计划，监督报告如实反映问题",
            L.LEGISLATION,
            "director",
        ),
        Spec("执法检查岗", "农业执法检查", "检查中走过场、打招呼", M, "检查对象随机确定，报告集体研究", L.LEGISLATION),
        Spec(
            "",
            "基层调研视察",
            "调研中接受基层超标准接待",
            W,
            "执行公务接待规定，调研安排报批",
            L.TRAVEL,
            "deputy",
            regrade=M,
        ),
    ),
    "城乡建设环境与资源保护工作委员会": (
        Spec(
            "",
            "生态环境执法检查",
            "对检查对象通风报信、隐瞒问题",
            M,
            "检查路线和对象临时确定，问题清单交办并跟踪",
            L.LEGISLATION,
            "director",
        ),
        Spec(
            "城建监督岗",
            "城建重点项目监督",
            "与项目建设单位不当往来，接受其宴请礼品",
            M,
            "与管理服务对象交往报告制度，监督情况集体研究",
            L.LEGISLATION,
        ),
        Spec("", "专题调研", "调研中接受宴请", W, "执行公务接待规定", L.TRAVEL, "deputy"),
    ),
    "社会建设工作委员会": (
        Spec(
            "",
            "民生实事项目监督",
            "对项目推进中的问题监督不力、报告失实",
            M,
            "项目监督清单化，监督报告集体研究",
            L.LEGISLATION,
            "director",
        ),
        Spec("联络岗", "社会组织联系", "接受社会组织赞助或报酬", W, "与社会组织往来事前报批", L.OTHER),
        Spec("", "专题调研", "调研中接受宴请和礼品", W, "执行公务接待规定和礼品登记制度", L.TRAVEL, "deputy"),
    ),
    "人事代表选举工作委员会": (
        Spec(
            "任免岗",
            "任免议案审查",
            "对拟任命人员审查把关不严，受请托为人选说情",
            H,
            "任前法律知识考试、任前审查，任免事项集体研究，严格执行任职前公示",
            L.PERSONNEL,
            "deputy",
        ),
        Spec(
            "",
            "选举工作组织",
            "对拉票贿选等破坏选举行为失察",
            H,
            "严格执行选举法，选举全过程纪实，发现问题及时报告",
            L.PERSONNEL,
            "director",
        ),
        Spec(
            "代表资格审查岗",
            "代表资格审查",
            "对代表资格审查把关不严",
            M,
            "资格审查集体研究，审查报告提请常委会审议",
            L.PERSONNEL,
        ),
        Spec("代表管理岗", "代表履职管理", "代表履职档案记录不实", W, "履职登记双人核对，定期公开", L.OTHER),
    ),
    "代表联络工作室": (
        Spec(
            "建议办理岗",
            "代表建议交办督办",
            "受承办单位请托降低督办要求，满意度测评走过场",
            H,
            "建议交办集体研究，办理情况公开，满意度由代表直接反馈，重点建议领导督办",
            L.SUGGESTIONS,
            "deputy",
        ),
        Spec(
            "",
            "代表活动经费管理",
            "虚列代表活动经费，超范围支出",
            M,
            "经费预算报批，支出凭活动记录和签到表报销",
            L.FUNDS,
            "director",
        ),
        Spec(
            "联络站岗",
            "代表联络站建设经费",
            "联络站建设和运行经费使用不规范",
            M,
            "建设经费按标准拨付，年度检查使用情况",
            L.FUNDS,
        ),
        Spec(
            "培训岗",
            "代表培训组织",
            "超标准列支培训费，借培训名义旅游",
            M,
            "培训计划报批，定点举办，凭明细结算",
            L.TRAINING,
        ),
    ),
    "信访室": (
        Spec(
            "登记转办岗",
            "信访件登记转办",
            "压件不办、选择性转办",
            M,
            "信访件全部登记，限时转办，每月核对台账",
            L.PETITIONS,
        ),
        Spec("接访岗", "来访接待", "接受上访人或其亲属的财物", M, "两人以上接访，接访全程记录", L.PETITIONS),
        Spec(
            "",
            "举报人信息保护",
            "泄露举报人信息或举报内容",
            H,
            "举报材料专人管理，查阅登记，严格执行保密规定",
            L.PETITIONS,
            "director",
        ),
        Spec(
            "督办岗",
            "重点信访事项督办",
            "督办不力，答复走过场",
            W,
            "重点信访事项台账管理，定期通报",
            L.PETITIONS,
            new=True,
        ),
    ),
    "机关党委（机关纪委）": (
        Spec(
            "组织人事岗",
            "干部选拔任用和考核",
            "违规选人用人，考核走过场",
            H,
            "严格执行选拔任用条例，动议、民主推荐、考察、讨论决定全程纪实，凡提四必",
            L.PERSONNEL,
            "director",
        ),
        Spec("党务岗", "党费收缴管理", "党费少收、挪用", M, "党费按月收缴，专户管理，每年公布收缴使用情况", L.FUNDS),
        Spec(
            "", "评先评优", "评选暗箱操作，优亲厚友", M, "评选条件和结果公示，征求党风廉政意见", L.PERSONNEL, "deputy"
        ),
        Spec(
            "机关纪委",
            "问题线索处置",
            "问题线索处置不及时，跑风漏气",
            M,
            "线索集体排查，处置全程登记，严格保密",
            L.OTHER,
            "deputy",
        ),
    ),
}

REVIEW_NOTES = (
    "防控措施执行到位，未发现问题，风险等级不变",
    "对照年度检查情况逐项复核，防控措施有效",
    "结合岗位调整重新明确责任人，措施继续执行",
    "补充完善了审批环节的防控措施",
)
REGRADE_NOTES = {
    H: "年内发现同类问题苗头，风险等级调高，增加月度抽查",
    M: "调研频次增加，风险等级调高，调研安排改为事前报批",
}

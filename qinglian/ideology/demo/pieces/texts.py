"""The demo's pieces as the organ would write them: short 人大 news, notices, posts, video captions, the monthly
issue of 《人大工作通讯》 and the party-building board, composed from a few stock paragraphs with the day's facts.
Every text is clean of political errors except the two planted ones (POLITICAL_SLIPS), which the engine flags."""

from __future__ import annotations

import random
from dataclasses import dataclass

LAWS = (
    "中华人民共和国食品安全法",
    "中华人民共和国大气污染防治法",
    "中华人民共和国安全生产法",
    "中华人民共和国未成年人保护法",
)
REGULATIONS = (
    "临江市物业管理条例",
    "临江市文明行为促进条例",
    "临江市河道管理条例",
    "临江市养老服务条例",
    "临江市历史文化名城保护条例",
)
STATIONS = ("江北街道", "城南街道", "临港镇", "西湖镇", "东城街道", "白沙乡")
REPORTS = (
    "市人民政府关于全市生态环境保护工作情况的报告",
    "市人民政府关于上半年国民经济和社会发展计划执行情况的报告",
    "市中级人民法院关于行政审判工作情况的报告",
    "市人民检察院关于公益诉讼检察工作情况的报告",
    "市人民政府关于养老服务体系建设情况的报告",
)


_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """1 → 一, 16 → 十六, 30 → 三十 (0 < n < 100): 会次 are written in Chinese numerals (GB/T 15835)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[ones] if ones or not tens else "")


@dataclass(frozen=True)
class Text:
    title: str
    body: str


def _pick(rng: random.Random, items: tuple[str, ...]) -> str:
    return rng.choice(items)


def news(rng: random.Random, month: int, day: int, n: int, i: int = 0) -> Text:
    """门户网站·工作动态: the Standing Committee's and the organ's work of the week (the i-th piece: topics rotate)."""
    kind = i % 4
    if kind == 0:
        report = _pick(rng, REPORTS)
        return Text(
            f"市十七届人大常委会举行第{cn(n)}次会议",
            f"{month}月{day}日，市十七届人大常委会第{cn(n)}次会议在市人民大会堂举行。会议听取和审议了{report}，"
            f"审议了《{_pick(rng, REGULATIONS)}（草案）》。常委会组成人员结合调研情况，围绕问题整改、制度建设等方面"
            "提出了意见和建议。会议强调，要坚持正确监督、有效监督、依法监督，推动有关方面改进工作，"
            "切实把人民群众的期盼落到实处。",
        )
    if kind == 1:
        law, station = LAWS[i // 4 % len(LAWS)], _pick(rng, STATIONS)
        return Text(
            f"执法检查组赴{station}检查《{law}》实施情况",
            f"{month}月{day}日，市人大常委会执法检查组赴{station}开展《{law}》执法检查。检查组实地察看了"
            "企业、社区和监管部门，听取了有关情况汇报，并与基层干部群众座谈交流。检查组指出，要压紧压实监管责任，"
            "健全长效机制，推动法律规定落地见效。检查组将在梳理问题的基础上形成执法检查报告，提请常委会会议审议。",
        )
    if kind == 2:
        reg = REGULATIONS[i // 4 % len(REGULATIONS)]
        return Text(
            f"法工委就《{reg}（草案）》开展立法调研",
            f"{month}月{day}日，市人大常委会法制工作委员会赴{_pick(rng, STATIONS)}基层立法联系点，就《{reg}（草案）》"
            "开展立法调研，听取街道、社区、企业和群众代表的意见建议。与会人员围绕草案的适用范围、管理责任和法律责任"
            "等内容逐条发表意见。调研组表示，将认真梳理研究各方意见，进一步修改完善草案，提高立法质量。",
        )
    return Text(
        f"市人大常委会召开第{cn(n + 20)}次主任会议",
        f"{month}月{day}日，市人大常委会召开第{cn(n + 20)}次主任会议，研究市十七届人大常委会第{cn(n + 1)}次会议的议程和"
        "日程安排，听取有关专门委员会和工作委员会的工作汇报。会议要求，各委室要认真做好会议筹备工作，"
        "按时报送会议材料，确保常委会会议顺利召开。",
    )


def notice(rng: random.Random, month: int, day: int, n: int, i: int = 0) -> Text:
    """门户网站·通知公告: calls for comments on a draft, meeting notices."""
    reg = REGULATIONS[i // 2 % len(REGULATIONS)]
    if i % 2:
        return Text(
            f"关于公开征求《{reg}（草案）》意见的公告",
            f"《{reg}（草案）》已经市十七届人大常委会第{cn(n)}次会议初次审议。为增强立法的公开性和透明度，"
            f"现将草案全文公布，向社会公开征求意见。社会各界人士可于{month}月{day}日起三十日内，通过来信、"
            "电子邮件或者登录市人大常委会门户网站提出意见。来信请寄市人大常委会法制工作委员会，并在信封上注明"
            "“立法征求意见”字样。",
        )
    return Text(
        f"关于召开市十七届人大常委会第{cn(n)}次会议的通知",
        f"市十七届人大常委会第{cn(n)}次会议定于{month}月{day}日在市人民大会堂召开，会期一天。会议主要议程是：审议"
        f"《{reg}（草案）》，听取和审议{_pick(rng, REPORTS)}。请各位常委会组成人员准时出席，"
        "因故不能出席的请事先向常委会办公室请假。",
    )


def post(rng: random.Random, month: int, day: int, n: int, i: int = 0) -> Text:
    """微信公众号: the week's work told to the public."""
    station = STATIONS[i % len(STATIONS)]
    if i % 2:
        return Text(
            f"人大代表进站履职：{station}代表联络站开展集中接待活动",
            f"{month}月{day}日，市、区两级人大代表走进{station}人大代表联络站，开展集中接待选民活动。代表们认真听取"
            "群众关于老旧小区改造、停车难、养老服务等方面的意见建议，逐一登记并研究答复办法。联络站将对收集到的"
            "意见建议分类梳理，及时转交有关部门办理，并向群众反馈办理情况，让群众的声音有回应、有着落。",
        )
    return Text(
        "聚焦民生实事 市人大常委会开展专题调研",
        f"{month}月{day}日，市人大常委会调研组围绕民生实事项目推进情况开展专题调研。调研组一行先后来到{station}"
        "的社区食堂、养老服务中心和农贸市场，详细了解项目建设进度和群众满意度。调研组强调，要把好事办好、实事办实，"
        "及时回应群众关切，常委会将持续跟踪监督项目实施情况。",
    )


def video(rng: random.Random, month: int, day: int, n: int, i: int = 0) -> Text:
    """微信视频号: a short video's caption and script."""
    station = STATIONS[(i + 3) % len(STATIONS)]
    return Text(
        f"【视频】走进{station}人大代表联络站",
        f"{month}月{day}日，本期视频带您走进{station}人大代表联络站。镜头记录了代表们接待群众、现场答疑、"
        "跟踪督办的日常工作。一位居民说，家门口就能找到人大代表反映问题，心里踏实多了。联络站负责人介绍，"
        "今年以来已收集群众意见建议数十件，大部分已经办结并反馈。",
    )


def issue(rng: random.Random, year: int, month: int, n: int, i: int = 0) -> Text:
    """《人大工作通讯》: one monthly issue, its table of contents and its lead article."""
    return Text(
        f"《人大工作通讯》{year}年第{month}期",
        f"本期要目：市十七届人大常委会第{cn(n)}次会议综述；《{_pick(rng, LAWS)}》执法检查报告摘要；"
        f"《{_pick(rng, REGULATIONS)}（草案）》立法调研纪实；代表风采；基层人大工作交流。\n"
        "卷首语：新时代人大工作要坚持党的领导、人民当家作主、依法治国有机统一，坚持好、完善好、运行好人民代表大会制度。"
        "本期围绕常委会依法履职、代表密切联系群众等方面的新做法新成效进行集中展示，供各级人大干部学习交流。",
    )


def board(rng: random.Random, year: int, month: int, n: int, i: int = 0) -> Text:
    """机关党建宣传栏: the board's quarterly content."""
    return Text(
        f"机关党建宣传栏：{year}年第{n}期",
        "本期宣传栏设“理论学习”“支部风采”“廉政教育”三个版块。“理论学习”版块刊登机关党组理论学习中心组"
        "专题学习的主要内容；“支部风采”版块展示各党支部开展主题党日活动、结对共建的照片和简讯；"
        "“廉政教育”版块摘编中央八项规定精神相关规定和典型案例，引导党员干部知敬畏、存戒惧、守底线。",
    )


# The two planted political slips (category 政治, severity 错误), each with the sentence that fixes it.
POLITICAL_SLIPS: tuple[tuple[Text, str, str], ...] = (
    (
        Text(
            "机关党组理论学习中心组专题学习人民代表大会制度",
            "机关党组理论学习中心组举行专题学习，围绕坚持和完善人民代表大会制度进行交流研讨。大家一致认为，"
            "人民代表大会制度是实现我国全过程人民民主的重要制度载体，要把党的领导、人民当家做主、依法治国有机统一起来，"
            "更好发挥人大在立法、监督等方面的职能作用。会议要求，机关各党支部要结合实际抓好学习贯彻。",
        ),
        "人民当家做主",
        "人民当家作主",
    ),
    (
        Text(
            "财经委听取全市开放型经济发展情况汇报",
            "市人大常委会财政经济工作委员会召开座谈会，听取市商务局关于全市开放型经济发展情况的汇报。"
            "与会人员认为，要深入推进“一带一路”战略，支持企业拓展国际市场，推动外贸稳规模、优结构。"
            "财经委将把调研成果转化为审议意见，为常委会审议有关报告做好准备。",
        ),
        "“一带一路”战略",
        "共建“一带一路”倡议",
    ),
)


# The piece returned to its drafter: the first version has two slips the engine marks (截止 for 截至, 20号 for 20日);
# the second fixes them and lets in a half-width comma, so the comparison shows two fixed and one new.
RETURNED = Text(
    "法工委召开基层立法联系点工作推进会",
    "{month}月{day}号，市人大常委会法制工作委员会召开基层立法联系点工作推进会，总结交流各联系点参与立法的做法。"
    "截止目前，全市十二个基层立法联系点今年共收集立法意见建议三百余条，其中四十余条被采纳。会议要求，"
    "各联系点要进一步拓宽意见征集渠道，让更多群众的声音直达立法机关。",
)
RETURNED_FIXES = (("截止目前", "截至目前"), ("号，市人大", "日，市人大"), ("会议要求，", "会议要求,"))

# The piece pending 终审 at the demo's today: 会次 in Arabic figures, which the engine suggests writing in Chinese.
PENDING_FINAL = Text(
    "市人大常委会组成人员学习贯彻全国人大常委会会议精神",
    "{month}月{day}日，市人大常委会组织常委会组成人员和机关干部集中学习十四届全国人大常委会第19次会议精神。"
    "会议强调，要深入学习贯彻习近平总书记关于坚持和完善人民代表大会制度的重要思想，紧扣全市中心工作依法履职，"
    "认真谋划明年立法、监督和代表工作，以新的更大成效推动地方人大工作高质量发展。",
)

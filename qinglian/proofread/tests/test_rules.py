"""Every rule: positive cases from devset/cases.json, negatives from devset/clean.txt and below."""

import pytest

from qinglian.proofread import Category, Options, Severity, check_text
from qinglian.proofread.bench import expected_spans, load_cases, load_clean
from qinglian.proofread.dataload import load_json

RULES_OFF = Options(typo_layer=False)
CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["expect"][0]["rule"] + ":" + c["text"][:12] for c in CASES])
def test_case_reports_expected_rule_and_span(case):
    found = check_text(case["text"])
    for rule, start, end in expected_spans(case):
        assert any(i.rule == rule and i.start < end and start < i.end for i in found), (rule, found)


@pytest.mark.parametrize("sentence", load_clean())
def test_clean_sentence_raises_nothing(sentence):
    assert check_text(sentence) == []


def test_every_registered_text_rule_has_a_case():
    covered = {e["rule"] for c in CASES for e in c["expect"]}
    text_rules = {code for code in load_json("rules")["rules"] if not code.startswith(("LAY-", "ORG-", "TYPO-003"))}
    assert text_rules - covered == set()


NEGATIVES = [
    ("POL-001", "坚定“四个自信”，增强“四个意识”。"),
    ("POL-002", "坚定道路自信、理论自信、制度自信、文化自信。"),
    ("POL-005", "原国家工商行政管理总局的职责划入国家市场监督管理总局。"),
    ("POL-005", "2016年，国土资源部开展了调查。"),
    ("PUNC-001", "依据GB/T 9704-2012和ISO 9001:2015，增长3.5%。"),
    ("PUNC-004", "《中华人民共和国监察法》（2018年）。"),
    ("NUM-003", "共10千米道路。"),
    ("FMT-011", "一、总体要求\n（一）加强领导\n（二）压实责任\n二、工作任务\n（一）抓好落实"),
    ("FMT-011", "附件：1.实施方案\n2.任务清单"),
    ("FACT-002", "一是加强领导，二是压实责任，三是强化督查。"),
    ("FACT-004", "京人常发〔2024〕3号\n正文。\n2024年12月30日"),
]


@pytest.mark.parametrize("rule,text", NEGATIVES)
def test_rule_negative(rule, text):
    assert [i for i in check_text(text) if i.rule == rule] == []


def test_issue_fields_and_offsets():
    text = "各单位要认真学习,抓好落实。"
    (issue,) = check_text(text)
    assert (issue.start, issue.end, issue.text) == (8, 9, ",")
    assert text[issue.start : issue.end] == ","
    assert issue.category is Category.PUNCTUATION and issue.severity is Severity.ERROR
    assert issue.rule == "PUNC-001" and issue.suggestion == "，" and "15834" in issue.basis


def test_renamed_body_respects_reference_date():
    import datetime as dt

    text = "请环境保护部牵头做好相关工作。"
    assert check_text(text, options=Options(today=dt.date(2017, 1, 1))) == []
    assert [i.rule for i in check_text(text, options=Options(today=dt.date(2026, 11, 25)))] == ["POL-005"]


def test_options_organ_terms_whitelist_banned_and_severity():
    opts = Options(
        extra_terms={"市人大办": "市人大常委会办公厅"}, banned_words=["绝对安全"], whitelist=["九洲再接再励公司"]
    )
    found = check_text("市人大办要确保绝对安全。九洲再接再励公司。", options=opts)
    assert {i.rule for i in found} == {"ORG-001", "ORG-002"}
    errors_only = check_text("其它事项,另行通知。", options=Options(min_severity="错误"))
    assert [i.rule for i in errors_only] == ["PUNC-001"]
    assert check_text("其它事项,另行通知。", options=Options(disabled_rules={"PUNC-001", "TYPO-002"})) == []
    assert [i.category for i in check_text("其它事项,另行通知。", options=Options(categories=["标点"]))] == [
        Category.PUNCTUATION
    ]


def test_crlf_text_offsets():
    text = "关于开展调研的通知\r\n各单位:\r\n"
    (issue,) = check_text(text)
    assert text[issue.start] == ":"


def test_typo_layer_finds_wrong_character_and_respects_switch():
    text = "内蒙古自治区乌兰察布市大力培育发展大数局产业。"
    found = check_text(text)
    assert [(i.rule, i.text, i.suggestion) for i in found] == [("TYPO-003", "局", "据")]
    assert check_text(text, options=RULES_OFF) == []


def test_text_limit():
    from qinglian.proofread import InputTooLargeError

    with pytest.raises(InputTooLargeError):
        check_text("字" * 101, options=Options(max_text_chars=100))


# --- 结构层次序数: numbering that restarts legitimately (issue #15) ---------------------------

REGULATION = (
    "第一章 总则\n"
    "第一条 为了规范工作，制定本办法。\n"
    "第二条 有下列情形之一的，不予受理：\n（一）不属于本机关职责的；\n（二）已经受理的。\n"
    "有前款第（一）项情形的，应当告知其向有关机关提出：\n（一）书面告知；\n（二）口头告知并记录。\n"
    "第三条 常务委员会履行下列职责：\n（一）听取报告；\n（二）开展检查；\n（三）作出决定。\n"
    "第二章 附则\n"
    "第四条 本办法自公布之日起施行。"
)


def _fmt11(text):
    return [i for i in check_text(text, options=RULES_OFF) if i.rule == "FMT-011"]


def test_regulation_items_restart_under_each_article_and_paragraph():
    assert _fmt11(REGULATION) == []


def test_regulation_item_gap_within_an_article_is_still_an_error():
    text = REGULATION.replace("（二）开展检查；\n（三）", "（二）开展检查；\n（四）")
    (issue,) = _fmt11(text)
    assert issue.text == "（四）" and issue.severity is Severity.ERROR


def test_article_and_chapter_numbering_gaps():
    (issue,) = _fmt11(REGULATION.replace("第四条", "第五条"))
    assert issue.text == "第五条" and "第四条" in issue.message
    (issue,) = _fmt11(REGULATION.replace("第二章", "第三章"))
    assert issue.text == "第三章"


def test_article_excerpt_and_code_parts_are_not_sequences():
    excerpt = "相关条款摘录如下：\n第五条 甲。\n第十二条 乙。\n第三十条 丙。"
    assert _fmt11(excerpt) == []
    code = "第一编 总则\n第一章 任务\n第一条 甲。\n第二章 范围\n第二条 乙。\n第二编 分则\n第一章 罪名\n第三条 丙。"
    assert _fmt11(code) == []


def test_numbering_inside_quoted_material_is_its_own():
    text = (
        "一、将第五条修改为：“第五条 有下列情形之一的：\n“（三）甲；\n“（四）乙。”\n"
        "二、增加一条，作为第六条：“第六条 常务委员会可以：\n（二）听取报告；\n（五）开展检查。”\n"
        "三、本决定自公布之日起施行。"
    )
    assert _fmt11(text) == []


def test_items_run_on_in_one_paragraph_continue_the_numbering():
    text = "一、主要任务\n（一）加强领导；（二）压实责任。\n（三）强化督查。"
    assert _fmt11(text) == []


def test_restart_after_body_text_is_only_a_suggestion():
    text = "一、主要任务\n（一）加强领导。\n（二）压实责任。\n在此基础上，还要做好以下几项工作。\n（一）强化督查。"
    (issue,) = _fmt11(text)
    assert issue.severity is Severity.SUGGESTION


def test_full_width_point_is_a_valid_third_level_mark():
    text = "一、主要任务\n（一）加强领导\n1．建立机制\n2．明确责任\n4．强化督查"
    found = [i for i in check_text(text, options=RULES_OFF) if i.rule.startswith("FMT")]
    assert [(i.rule, i.text) for i in found] == [("FMT-011", "4．")]

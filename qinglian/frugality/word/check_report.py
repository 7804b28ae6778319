"""The special check's report (专项检查情况报告) as a .docx in GB/T 9704-2012 layout (core.word.gbt9704): its number,
the title 关于……情况的报告 addressed to the Party group, the period and ledgers, the method (the rules run and the
random sample with its seed and size), the figures per rule with the amounts over the standard, the problems (the
sampled vouchers found wrong, with their numbers and remarks, and the rules' red findings of the period), the
conclusion, and the signature of whoever ran the check.

Everything comes from the check as stored — its frozen figures (`counts`) and its samples — so a report downloaded
a year later reads as the day it was issued. Before the report is issued the document is a draft and says so.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from qinglian.core.word.gbt9704 import (
    HEADING1_FONT,
    HEADING2_FONT,
    TITLE_FONT,
    TITLE_PT,
    add_paragraph,
    add_signature,
    cn_date,
    new_document,
)
from qinglian.frugality.choices import CheckStatus, SampleVerdict
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.selectors.checks import ledger_label, ledgers_text, runner_name

ADDRESSEE = "机关党组："


def report_title(check: SpecialCheck) -> str:
    name = check.title.strip().removeprefix("关于").removesuffix("的报告").removesuffix("情况")
    return f"关于{name}情况的报告"


def yuan(value: Any) -> str:
    """An amount as a report writes it: 1,234.50元."""
    return f"{Decimal(str(value)):,.2f}元"


def _heading(document, text: str, level: int) -> None:
    add_paragraph(document, text, font=HEADING1_FONT if level == 0 else HEADING2_FONT, outline_level=level)


def _intro(check: SpecialCheck) -> str:
    return (
        f"根据工作安排，{runner_name(check)}对{check.organ.name}{cn_date(check.period_start)}至"
        f"{cn_date(check.period_end)}的{ledgers_text(check.ledgers)}经费开展了专项检查，"
        "采取规则比对与随机抽查凭证相结合的方式进行。现将检查情况报告如下。"
    )


def _scope(document, counts: dict[str, Any]) -> None:
    _heading(document, "（一）检查范围", 1)
    ledgers = counts.get("ledgers") or []
    if not ledgers:
        add_paragraph(document, "尚未运行规则检查，检查范围内的凭证数量待统计。")
    for row in ledgers:
        add_paragraph(document, f"{row['label']}：检查期间凭证{row['rows']}张，金额{yuan(row['amount'])}。")


def _method(document, check: SpecialCheck, counts: dict[str, Any]) -> None:
    _heading(document, "（二）检查方法", 1)
    rules = counts.get("rules") or []
    if check.run_on:
        names = "、".join(f"{r['code']}{r['short']}" for r in rules) or "（所选台账尚无检查规则）"
        add_paragraph(
            document,
            f"一是规则比对。{cn_date(check.run_on)}按当日有效的经费标准和规则参数，运行{len(rules)}条八项规定"
            f"检查规则：{names}，逐张比对检查期间的凭证。",
        )
    else:
        add_paragraph(document, "一是规则比对。尚未运行规则检查。")
    sample = counts.get("sample") or {}
    if check.drawn_at is None:
        add_paragraph(document, f"二是随机抽查。拟抽取凭证{check.sample_size}张，尚未抽样。")
        return
    add_paragraph(
        document,
        f"二是随机抽查。{cn_date(check.drawn_at.date())}从检查期间的{sample.get('population', '—')}张凭证中随机"
        f"抽取{check.sample_size}张逐张人工核查。抽样种子为{check.seed}，抽样方法为{sample.get('method', '')}"
        "（候选凭证按台账、记录编号排序，以种子初始化随机数发生器抽取），凭种子可重新抽取复核。",
    )


def _rule_figures(document, counts: dict[str, Any]) -> None:
    rules = counts.get("rules") or []
    if not rules:
        add_paragraph(document, "所选台账尚无检查规则，或尚未运行规则检查。")
    for number, r in enumerate(rules, start=1):
        text = (
            f"{number}. {r['code']} {r['title']}（{r['ledger_label']}）：发现问题{r['findings']}个"
            f"（红色{r['red']}个、黄色{r['yellow']}个、蓝色{r['blue']}个）"
        )
        if r["compares_amount"]:
            text += f"，超标准金额{yuan(r['excess'])}" if r["excess"] is not None else "，超标准金额未能计算"
        add_paragraph(document, text + "。")
    if rules:
        add_paragraph(
            document,
            f"合计发现问题{counts['findings']}个，其中红色预警{counts['red']}个；超标准金额合计{yuan(counts['excess'])}。",
        )
    for error in counts.get("errors") or []:
        add_paragraph(document, f"说明：{error['rule']}未能完成检查（{error['message']}）。")


def _sample_problems(document, samples: list[CheckSample]) -> None:
    _heading(document, "（一）抽查凭证发现的问题", 1)
    problems = [s for s in samples if s.verdict == SampleVerdict.PROBLEM]
    compliant = sum(s.verdict == SampleVerdict.COMPLIANT for s in samples)
    add_paragraph(document, f"抽查凭证{len(samples)}张，合规{compliant}张，存在问题{len(problems)}张。")
    for number, s in enumerate(problems, start=1):
        voucher = f"凭证号{s.voucher_no}" if s.voucher_no else "（无凭证号）"
        what = f"{ledger_label(s.ledger)}{voucher}（{s.label}，金额{yuan(s.amount)}）"
        add_paragraph(document, f"{number}. {what}：{s.remark.rstrip('。')}。")


def _red_findings(document, counts: dict[str, Any]) -> None:
    _heading(document, "（二）规则比对发现的红色预警", 1)
    red = counts.get("red_findings") or []
    if not red:
        add_paragraph(document, "规则比对未发现红色预警。")
    for number, f in enumerate(red, start=1):
        add_paragraph(document, f"{number}. {f['code']} {f['subject']}：{f['reason'].rstrip('。')}。")
    if counts.get("red_more"):
        add_paragraph(document, f"另有红色预警{counts['red_more']}个，详见系统预警清单。")


def check_report_docx(check: SpecialCheck, samples: list[CheckSample], on: dt.date) -> bytes:
    """The report of `check` with its `samples` (in drawn order); `on` dates a draft."""
    counts = check.counts or {}
    reported = check.status == CheckStatus.REPORTED
    document = new_document()
    number = check.report_no if reported else "（草稿，报告尚未出具）"
    add_paragraph(document, number, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0)
    add_paragraph(document, "")
    add_paragraph(
        document, report_title(check), font=TITLE_FONT, size_pt=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, first_chars=0
    )
    add_paragraph(document, "")
    add_paragraph(document, ADDRESSEE, first_chars=0)
    add_paragraph(document, _intro(check))
    _heading(document, "一、检查范围和方法", 0)
    _scope(document, counts)
    _method(document, check, counts)
    _heading(document, "二、规则比对情况", 0)
    _rule_figures(document, counts)
    _heading(document, "三、发现的主要问题", 0)
    _sample_problems(document, samples)
    _red_findings(document, counts)
    _heading(document, "四、检查结论", 0)
    _conclusion(document, check)
    add_signature(document, runner_name(check), cn_date(check.reported_on if reported else on))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _conclusion(document, check: SpecialCheck) -> None:
    lines = [line.strip() for line in check.conclusion.splitlines() if line.strip()]
    for line in lines or ["（检查结论待填写）"]:
        add_paragraph(document, line)

"""FRG-001 the official letter, FRG-002 the list against the letter, FRG-007 the three documents a reimbursement
needs. A document counts for D when its date is on or before D (data.py)."""

from __future__ import annotations

from typing import Any

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Params, Subject, Verdict, rule
from qinglian.frugality.rules.common import CATEGORY, LOOK_BACK, RECEPTION_RULES, finance_office
from qinglian.frugality.rules.receptions.data import SUBJECTS, fold_spaces, money, reception_subjects


@rule(
    code="FRG-001",
    title="公务接待须有派出单位公函",
    basis=f"{RECEPTION_RULES}第六条：无公函的公务活动和来访人员一律不予接待",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="检查日没有公函（未登记公函日期，或公函日期晚于检查日）为红色；公函日期晚于接待开始日期"
    "（接待时尚无公函，事后补函）也为红色",
    params=[LOOK_BACK],
    collect=reception_subjects,
    short="接待无公函",
    keeper=finance_office,
)
def letter_on_file(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["letter_on"] is None:
        return Verdict(Severity.RED, f"接待{d['guest_unit']}没有派出单位公函（截至{ctx.as_of:%Y-%m-%d}未登记公函）")
    if d["letter_after_start"]:
        start, letter = f"{d['on']:%Y-%m-%d}", f"{d['letter_on']:%Y-%m-%d}"
        return Verdict(Severity.RED, f"公函日期{letter}晚于接待开始日期{start}：接待时没有公函（事后补函）")
    return None


def letter_mismatches(d: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(disagreements, letter fields not recorded) between the list and the letter on file."""
    wrong: list[str] = []
    missing: list[str] = []
    if d["letter_persons"] is None:
        missing.append("人数")
    elif d["letter_persons"] != d["guest_count"]:
        more = "多于" if d["guest_count"] > d["letter_persons"] else "少于"
        wrong.append(f"人数：清单{d['guest_count']}人，{more}公函所列{d['letter_persons']}人")
    if d["letter_start"] is None or d["letter_end"] is None:
        missing.append("起止日期")
    if d["letter_start"] is not None and d["on"] < d["letter_start"]:
        wrong.append(f"日期：接待开始{d['on']:%Y-%m-%d}，早于公函所列{d['letter_start']:%Y-%m-%d}")
    if d["letter_end"] is not None and d["end_on"] > d["letter_end"]:
        wrong.append(f"日期：接待结束{d['end_on']:%Y-%m-%d}，晚于公函所列{d['letter_end']:%Y-%m-%d}")
    if not fold_spaces(d["letter_unit"]):
        missing.append("派出单位")
    elif fold_spaces(d["letter_unit"]) != fold_spaces(d["guest_unit"]):
        wrong.append(f"单位：清单为“{d['guest_unit']}”，公函为“{d['letter_unit']}”")
    return wrong, missing


@rule(
    code="FRG-002",
    title="接待清单与派出单位公函一致",
    basis=f"{RECEPTION_RULES}第七条：接待清单如实反映接待对象单位、人数、公务活动项目、时间等（与派出单位公函相符）",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="清单的来访单位（去空格后比较）、人数或起止日期与公函不一致为红色，并说明哪一项；公函未登记人数、"
    "起止日期或派出单位而无法核对为黄色；没有公函的由FRG-001提示",
    params=[LOOK_BACK],
    collect=reception_subjects,
    short="清单与公函不符",
    keeper=finance_office,
)
def list_matches_letter(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["letter_on"] is None:
        return None
    wrong, missing = letter_mismatches(d)
    if wrong:
        return Verdict(Severity.RED, "接待清单与派出单位公函不一致：" + "；".join(wrong))
    if missing:
        return Verdict(Severity.YELLOW, f"公函未登记{'、'.join(missing)}，无法与接待清单核对，请补录公函内容")
    return None


DOCUMENTS = (("invoice_on", "财务票据（发票）"), ("letter_on", "派出单位公函"), ("list_signed_on", "接待清单（审签）"))


@rule(
    code="FRG-007",
    title="接待费报销须具备财务票据、派出单位公函和接待清单",
    basis=f"{RECEPTION_RULES}第七条及省级实施细则：接待费报销凭证应当包括财务票据、派出单位公函和接待清单",
    category=CATEGORY,
    subjects=SUBJECTS,
    severity_policy="检查日已报销（报销日期不晚于检查日），而发票、公函、审签的接待清单中有任一项检查日前不在案，"
    "为红色，列出所缺凭证",
    params=[LOOK_BACK],
    collect=reception_subjects,
    short="报销凭证不全",
    keeper=finance_office,
)
def three_documents_on_file(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    d = subject.data
    if d["paid_on"] is None:
        return None
    lacking = [label for name, label in DOCUMENTS if d[name] is None]
    if not lacking:
        return None
    return Verdict(Severity.RED, f"{d['paid_on']:%Y-%m-%d}已报销{money(d['amount'])}，缺少{'、'.join(lacking)}")

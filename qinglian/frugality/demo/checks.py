"""The demo organ's special check (专项检查): the stationed group (jijian) checks the receptions and trips of the last
half-year ended a month before the demo's day — the first half of the demo year for a day from August on.

Built last, after every ledger (it samples them): started and drawn ten working days before the demo's day (20
vouchers, the seed from the demo's own generator), the rules refreshed on the demo's day itself — so the findings it
writes are those any run for that day writes (the ledgers' demo tests run their rules for that day) — then every
sampled voucher reviewed, the report issued and, by the party-affairs office (dangwei), the problems sent to the
rectification ledger (source 专项检查).

The problems: each sampled voucher with a red finding of the period (at most two) is marked 问题 with the finding's
reason; when the sample has none, one voucher drawn by the demo's generator is marked for a gap a person finds and a
rule does not (an unsigned list, a claim without its itinerary). So the check has one or two problems.
"""

from __future__ import annotations

import datetime as dt
import random

from qinglian.compliance.choices import Severity
from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import Ledger, SampleVerdict
from qinglian.frugality.models import CheckSample, SpecialCheck
from qinglian.frugality.selectors.checks import LEDGERS, check_rules, period_findings
from qinglian.frugality.services import checks as services
from qinglian.org.models import User

LEDGERS_CHECKED = [Ledger.RECEPTION, Ledger.TRAVEL]
SAMPLE_SIZE = 20
MAX_PROBLEMS = 2
MANUAL_GAPS = {
    Ledger.RECEPTION: "接待清单未经单位负责人审签，陪餐人员未逐一列明",
    Ledger.TRAVEL: "报销单后未附行程单，出差审批单事由填写过简",
}


def half_year(today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The last half-year that ended at least a month before `today`, and its name."""
    year = today.year
    if today >= dt.date(year, 7, 31):
        return dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}年上半年"
    if today >= dt.date(year, 1, 31):
        return dt.date(year - 1, 7, 1), dt.date(year - 1, 12, 31), f"{year - 1}年下半年"
    return dt.date(year - 1, 1, 1), dt.date(year - 1, 6, 30), f"{year - 1}年上半年"


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "frugality.checks")
    group = User.objects.get(organ=ctx.organ, username="jijian")
    office = User.objects.get(organ=ctx.organ, username="dangwei")
    start, end, name = half_year(ctx.today)
    begun = workdays.add_working_days(ctx.today, -10)
    with clock.replaying(moment(begun, 9, 30)):
        check = services.check_start(
            title=f"{name}财务收支、接待经费专项检查",
            period_start=start,
            period_end=end,
            ledgers=LEDGERS_CHECKED,
            sample_size=SAMPLE_SIZE,
            by=group,
        )
        services.check_draw(check=check, by=group, seed=f"{rng.getrandbits(128):032x}")
    with clock.replaying(moment(ctx.today, 9)):
        services.check_run(check=check, by=group)
    _review(rng, check, group, ctx.today)
    check.refresh_from_db()
    with clock.replaying(moment(ctx.today, 16)):
        services.check_report(
            check=check,
            report_no=f"驻机关纪检组〔{ctx.today.year}〕{rng.randint(3, 9)}号",
            reported_on=ctx.today,
            conclusion=_conclusion(check),
            by=group,
        )
    with clock.replaying(moment(ctx.today, 17)):
        sent = services.check_send_to_rectification(check=check, by=office)
    ctx.say(f"专项检查：抽样{check.sample_size}张，问题{sent.created}个，已移送整改台账")


def _review(rng: random.Random, check: SpecialCheck, group: User, today: dt.date) -> None:
    """Every sample reviewed on the demo's day, after the run: red findings of the sampled vouchers are problems."""
    samples = list(check.samples.order_by("position"))
    red = _red_reasons(check)
    problems = {s.pk: red[(s.ledger, s.object_id)] for s in samples if (s.ledger, s.object_id) in red}
    problems = dict(list(problems.items())[:MAX_PROBLEMS])
    if not problems:
        chosen = rng.choice(samples)
        problems[chosen.pk] = MANUAL_GAPS[chosen.ledger]
    for n, sample in enumerate(samples):
        verdict = SampleVerdict.PROBLEM if sample.pk in problems else SampleVerdict.COMPLIANT
        with clock.replaying(moment(today, 10 + n // 4, (n % 4) * 15)):
            services.sample_review(sample=sample, verdict=verdict, remark=problems.get(sample.pk, ""), by=group)


def _red_reasons(check: SpecialCheck) -> dict[tuple[str, int], str]:
    """(ledger, pk) → the reason of the first red finding of the period on that row."""
    types = {LEDGERS[ledger].subject_type: ledger for ledger in check.ledgers}
    codes = [rule.code for rule in check_rules(check.ledgers)]
    found: dict[tuple[str, int], str] = {}
    for finding in period_findings(check, codes).filter(severity=Severity.RED):
        found.setdefault((types[finding.subject_type], int(finding.subject_id)), f"经核查，{finding.text}"[:500])
    return found


def _conclusion(check: SpecialCheck) -> str:
    counts = check.counts
    problems = CheckSample.objects.filter(check_run=check, verdict=SampleVerdict.PROBLEM).count()
    return (
        f"经检查，检查期间公务接待和差旅经费管理总体规范，审批、报销手续基本齐全。规则比对发现问题{counts['findings']}个，"
        f"其中红色预警{counts['red']}个，超标准金额{counts['excess']}元；抽查凭证{check.sample_size}张，"
        f"发现问题{problems}张。\n"
        "建议：一、相关委室对发现的问题逐项整改，超标准部分按规定由个人承担或追回；"
        "二、财务专责人员严格报销审核，做到公函、清单、票据“三单”齐全后方予报销；"
        "三、机关纪委加强日常监督，适时开展“回头看”。"
    )

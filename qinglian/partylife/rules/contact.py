"""PL-020: a member the branch has lost touch with (失去联系党员).

《中国共产党党员教育管理工作条例》第二十四条: 对与党组织失去联系6个月以上、通过各种方式查找仍然没有取得联系的党员，
予以停止党籍；停止党籍2年后确实无法取得联系的，按照自行脱党予以除名.

One subject per record of the register (selectors.contact.contact_cases), as it stood on the day checked D: a record
counts when contact was lost on or before D, even if it was typed in later (the register is back-filled); found,
suspended and removed count only when dated on or before D. A record found again or removed by D is closed, and so
is one of a person no longer in the organ on D (transferred out: the organ no longer answers for them).

The periods are counted by core.workdays like every deadline (民法典第二百零一条至第二百零三条): from the day contact
was lost (not counted), `n` months end on the corresponding day `n` months later (the month's last day when it has
none), moved to the next working day when that day is a rest day. The member has been out of touch `n` months on
that last day: the check judges the register as it stood at the end of D, when the period is complete.
- yellow once `warn_months` are complete and the member is not found (keep searching; the suspension is due when
  `suspend_months` are complete);
- red once `suspend_months` are complete without a suspension recorded;
- red once `remove_years` are complete since the suspension without the member found or removed.
A suspended member inside those years is not flagged: the branch has done what it can until then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.partylife.selectors.contact import contact_cases, secretaries_on

WARN_MONTHS = Param("warn_months", "黄色提醒：失去联系月数", unit="个月", minimum=1, maximum=24, period="months")
SUSPEND_MONTHS = Param("suspend_months", "停止党籍：失去联系月数", unit="个月", minimum=1, maximum=24, period="months")
REMOVE_YEARS = Param("remove_years", "除名：停止党籍后年数", unit="年", minimum=1, maximum=10, period="years")


def collect_lost_contacts(ctx: Context) -> Iterator[Subject]:
    """Every record of the register standing on D, closed ones too (so their findings close)."""
    secretaries = secretaries_on(organ_id=ctx.organ_id, on=ctx.as_of)
    for case in contact_cases(organ_id=ctx.organ_id, as_of=ctx.as_of):
        yield Subject(
            type="partylife.lostcontact",
            id=str(case.id),
            label=case.name,
            link=f"/partylife/lost-contact/{case.id}/",
            unit_id=case.unit_id,
            # The branch follows the member up (查找, 支部会议决定停止党籍、除名), hence its secretary.
            person_id=secretaries.get(case.branch_id) if case.branch_id else None,
            data={
                "in_organ": case.in_organ,
                "lost_since": case.lost_since,
                "found_on": case.found_on,
                "suspended_on": case.suspended_on,
                "removed_on": case.removed_on,
            },
        )


def _day(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


@rule(
    code="PL-020",
    short="失联党员未按期处理",
    title="失去联系6个月以上的党员停止党籍，停止党籍2年后除名",
    basis="《中国共产党党员教育管理工作条例》第二十四条（对与党组织失去联系6个月以上、通过各种方式查找仍然没有取得联系的"
    "党员，予以停止党籍；停止党籍2年后确实无法取得联系的，按照自行脱党予以除名）",
    category="组织生活",
    subjects="失去联系党员",
    severity_policy="失去联系满黄色提醒月数为黄色；满停止党籍月数未作停止党籍处理为红色；停止党籍满除名年数仍未取得联系、"
    "未作除名处理为红色；按月、年计算，末日为节假日的顺延",
    params=[WARN_MONTHS, SUSPEND_MONTHS, REMOVE_YEARS],
    collect=collect_lost_contacts,
)
def lost_contact(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    if data["found_on"] is not None or data["removed_on"] is not None or not data["in_organ"]:
        return None
    name, lost = subject.label, data["lost_since"]
    suspended: dt.date | None = data["suspended_on"]
    if suspended is not None:
        remove_due = workdays.after(suspended, p.remove_years, REMOVE_YEARS.period)
        if ctx.as_of < remove_due:
            return None
        return Verdict(
            Severity.RED,
            f"{name}于{_day(suspended)}停止党籍，至{_day(remove_due)}已满{p.remove_years}年仍未取得联系，"
            "应按条例第二十四条按照自行脱党予以除名",
            remove_due,
        )
    suspend_due = workdays.after(lost, p.suspend_months, SUSPEND_MONTHS.period)
    if ctx.as_of >= suspend_due:
        return Verdict(
            Severity.RED,
            f"{name}自{_day(lost)}起与党组织失去联系，至{_day(suspend_due)}已满{p.suspend_months}个月，"
            "未登记停止党籍决定，应按条例第二十四条作出停止党籍处理",
            suspend_due,
        )
    if ctx.as_of >= workdays.after(lost, p.warn_months, WARN_MONTHS.period):
        return Verdict(
            Severity.YELLOW,
            f"{name}自{_day(lost)}起与党组织失去联系已满{p.warn_months}个月，请党支部继续通过各种方式查找；"
            f"至{_day(suspend_due)}满{p.suspend_months}个月仍未取得联系的，应按条例第二十四条作出停止党籍处理",
            suspend_due,
        )
    return None

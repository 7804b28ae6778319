"""督办单 not answered by its reply date (DUTY-008). Every notice of the window is looked at, answered or not,
so that a reply closes the finding on the next run.

A check for a past day sees the notices issued by then, as they stood then (selectors.notices.notices_on): a
reply dated after the day had not come; a reply date on a rest day moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from qinglian.compliance.registry import DAYS_LEFT, Context, Params, Subject, Verdict, rule
from qinglian.duty.choices import NoticeStatus
from qinglian.duty.rules.common import (
    CATEGORY,
    MAIN_BASIS,
    WARN,
    by_deadline,
    date_due,
    first_head,
    look_back_years,
    moved_note,
)
from qinglian.duty.selectors.notices import notices_on
from qinglian.org.selectors import unit_heads


def collect_notices(ctx: Context) -> Iterator[Subject]:
    first_year = ctx.as_of.year - ctx.params.look_back + 1
    heads = unit_heads(ctx.organ_id)
    for row in notices_on(ctx.organ_id, dt.date(first_year, 1, 1), ctx.as_of):
        notice = row.notice
        yield Subject(
            type="duty.supervisionnotice",  # the findings' stable subject type (the model was SupervisionNotice)
            id=str(notice.pk),
            label=f"督办单{notice.number}（{notice.unit.name}）",
            period=str(notice.issued_on.year),
            link=f"/duty/notices/{notice.pk}/",
            unit_id=notice.unit_id,
            person_id=notice.responsible_id or first_head(heads, notice.unit_id),
            data={"status": row.status, "reply_due": row.reply_due, "escalated_to": row.escalated_to},
        )


@rule(
    code="DUTY-008",
    title="督办单按期回复",
    basis=f"{MAIN_BASIS}（督促检查、压实责任）；本机关督办单所定回复期限",
    category=CATEGORY,
    subjects="督办单",
    severity_policy="超过回复期限仍未回复为红色（期限遇休息日顺延至下一个工作日）；期限前N个工作日内尚未回复为黄色",
    params=[WARN, look_back_years()],
    collect=collect_notices,
    short="督办单未按期回复",
)
def notice_unanswered(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    data = subject.data
    if data["status"] != NoticeStatus.ISSUED:
        return None
    reply_due: dt.date = data["reply_due"]
    due = date_due(reply_due)
    moved = moved_note("回复期限", reply_due, due)
    escalated = f"（已升级至{data['escalated_to']}）" if data["escalated_to"] else ""
    return by_deadline(
        due=due,
        as_of=ctx.as_of,
        warn=p.warn_working_days,
        late=f"{subject.label}回复期限{due:%Y年%m月%d日}{moved}已过，尚未回复{escalated}",
        soon=f"{subject.label}尚未回复，回复期限{due:%Y年%m月%d日}{moved}（还有{DAYS_LEFT}）",
    )

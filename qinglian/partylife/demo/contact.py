"""失去联系党员 in the demo: one member a branch lost touch with four months before the demo day, searched for since —
past the three months of rule PL-020's yellow warning, short of the six after which the branch must suspend them.

The member is kept away from the branch committees, the leading group and the other planted gaps, so that each
rule's finding stays about one thing.
"""

from __future__ import annotations

import calendar
import datetime as dt

from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import LostContact

LOST_MONTHS = 4  # before the demo day: yellow (3 months) and not yet red (6)
SEARCHES = (
    "{first:%m月%d日}起多次电话、微信联系本人均未接通；向所在委室了解，本人请假外出后未按期返岗。"
    "{second:%m月%d日}走访其家属，家属亦不掌握其去向；已向其居住地社区党组织发函协查，尚无回复。"
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` months before `day` (the month's last day when it has none)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _choose(pd: PartyDemo, taken: set[int]) -> int:
    """A Party member in a branch today, with no seat, no other planted gap and no leading post."""
    busy = set(pd.leader_ids) | {pd.party_officer} | {p for seats in pd.committees.values() for p in seats.values()}
    busy |= {g.leader_id for groups in pd.groups.values() for g in groups} | set(pd.gaps.long_absent) | taken
    pool = sorted(pid for pid in pd.roster.everyone(pd.today) if pid not in busy)
    return pd.rng.choice(pool)


def build(pd: PartyDemo, *, taken: set[int]) -> LostContact:
    """The one record, entered by the branch once its first searches were made. `taken`: people other gaps use."""
    person_id = _choose(pd, taken)
    lost_since = months_before(pd.today, LOST_MONTHS)
    # The branch visits the family some weeks on and enters the case that afternoon, with the searches so far.
    visited = pd.days.pick(lost_since + dt.timedelta(days=30), lost_since + dt.timedelta(days=50))
    visited = min(visited or pd.today, pd.today)
    with clock.replaying(moment(visited, 15)):  # created_at, updated_at and the history all say that day
        record = LostContact(
            organ=pd.organ,
            person_id=person_id,
            lost_since=lost_since,
            searches=SEARCHES.format(first=lost_since, second=visited),
        )
        record.save()
    return record

"""Shared pieces of the npc rules: the deadline verdict, the look-back window, the suggestions ledger as it stood
on the day checked, who answers for a finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qinglian.compliance import deadlines
from qinglian.compliance.registry import Keeper, Owner, Param, Subject, Verdict
from qinglian.core import asof
from qinglian.npc.choices import DeskKind
from qinglian.npc.permissions import desk_unit_id
from qinglian.npc.selectors.suggestions import assignments_active_on, suggestions_as_of, supervising_leaders_on
from qinglian.org.selectors import unit_heads

WARN = Param("warn_working_days", "到期前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days")
LOOK_BACK = Param(
    "look_back_years",
    "检查最近几个年度",
    unit="年",
    minimum=1,
    maximum=5,
    help="2 = 本年度和上一年度（跨年办理的建议仍在检查范围内）；上线初期可设为1",
)
LAW = "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》（2025年修正）"
ZJ = "《浙江省人民代表大会代表建议、批评和意见办理的规定》（2016）"
SUPERVISION_LAW = "《中华人民共和国各级人民代表大会常务委员会监督法》（2024年修正）"


@dataclass(frozen=True)
class Deadline:
    """What is due, by when, and when (if at all) it was done (`done_on` may be later than the day checked:
    `deadline_verdict` ignores it then)."""

    what: str  # "答复", "书面协办意见" …: completes "应于{due}前{what}"
    due: dt.date
    done_on: dt.date | None


def deadline_verdict(label: str, d: Deadline, as_of: dt.date, warn: int) -> Verdict | None:
    """Red: done late (a recorded fact: it cannot be done in time any more), or not done and overdue (an open
    to-do). Yellow: not done, due within `warn` working days.

    Judged as on `as_of`: a thing done after that day was not yet done on it. Lateness is counted in working days
    past the due date, as the suggestion's page counts it (`已超期N个工作日`, deadlines.py gives both the due date);
    for a thing still not done the count is left to the day the finding is read (registry.OVERDUE_DAYS)."""
    return deadlines.deadline_verdict(label, d.what, d.due, d.done_on, as_of, warn)


def desk_keeper(kind: str) -> Keeper:
    """The keeper of one of the office's ledgers (owners.py): the unit set as its desk (ServiceDesk) and that unit's
    head — who follows up a finding about an outside unit or one with no unit of its own."""

    def keeper(organ_id: int) -> Owner:
        unit_id = desk_unit_id(organ_id, kind)
        if unit_id is None:
            return Owner(None, None)
        return Owner(unit_id, unit_head_person_ids(organ_id, {unit_id}).get(unit_id))

    return keeper


def window_years(as_of: dt.date, look_back: int) -> list[int]:
    """The years a rule looks at: `look_back` years ending with the year of `as_of`."""
    return list(range(as_of.year - look_back + 1, as_of.year + 1))


def unit_head_person_ids(organ_id: int, unit_ids: set[int]) -> dict[int, int]:
    """Unit → the person of the account heading it (委室负责人, earliest grant), for units that have one."""
    return {unit_id: people[0] for unit_id, people in unit_heads(organ_id, unit_ids).items()}


@dataclass(frozen=True)
class SuggestionLedger:
    """The suggestions of the look-back years as they stood on `as_of`, with everything the rules read, and who
    answers for them. Every collector of a suggestion rule reads through it."""

    as_of: dt.date
    suggestions: list
    active: frozenset[int]  # assignments still handling their suggestion on `as_of`
    leaders: dict[int, int]  # suggestion → supervising leader, for those marked 重点督办 on `as_of`
    desk_unit_id: int | None
    desk_head_id: int | None

    def person_for(self, suggestion) -> int | None:
        """The supervising leader of a key suggestion (重点督办), else the head of the suggestions desk."""
        return self.leaders.get(suggestion.pk) or self.desk_head_id

    def is_active(self, assignment) -> bool:
        """Whether the unit was still handling the suggestion on `as_of` (a return dated later had not happened)."""
        return assignment.pk in self.active

    def on(self, day: dt.date | None) -> dt.date | None:
        """A date inside a row (a receipt, a return, a notice…) when it counts on `as_of`, else None."""
        return asof.known(day, self.as_of)


def load_suggestions(organ_id: int, as_of: dt.date, look_back: int) -> SuggestionLedger:
    desk = desk_unit_id(organ_id, DeskKind.SUGGESTIONS)
    heads = unit_head_person_ids(organ_id, {desk}) if desk else {}
    rows = suggestions_as_of(organ_id=organ_id, years=window_years(as_of, look_back), as_of=as_of)
    return SuggestionLedger(
        as_of=as_of,
        suggestions=rows,
        active=frozenset(assignments_active_on(rows, as_of)),
        leaders=supervising_leaders_on(rows, as_of),
        desk_unit_id=desk,
        desk_head_id=heads.get(desk),
    )


def handling_subject(ledger: SuggestionLedger, suggestion, row, unit, data: dict) -> Subject:
    """The subject of a finding about one unit's part in a suggestion: `row` is its assignment or its reply."""
    return Subject(
        type=row._meta.label_lower,
        id=str(row.pk),
        label=suggestion_label(suggestion, unit),
        period=str(suggestion.year),
        link=suggestion_link(suggestion),
        unit_id=unit.pk,
        person_id=ledger.person_for(suggestion),
        data=data,
    )


def suggestion_label(suggestion, unit=None) -> str:
    text = f"{suggestion.number}《{suggestion.title}》"
    return f"{text}（{unit.name}）" if unit is not None else text


def suggestion_link(suggestion) -> str:
    return f"/npc/suggestions/{suggestion.pk}/"

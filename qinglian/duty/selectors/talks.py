"""Reads of the 约谈 records: the year's ledger as the page filters it, what a talk may be linked to, and the
linked records a reader may open.

Every read starts from `visible_to(user)`: the organ readers, the two people, the head of the interviewee's unit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from qinglian.compliance.models import Finding
from qinglian.duty.choices import OPEN_TASK_STATUSES
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, OversightNotice
from qinglian.org.choices import Role
from qinglian.org.models import Person
from qinglian.org.permissions import scope_of


def talk_ledger(user: Any, year: int, data: dict[str, Any]) -> QuerySet[AccountabilityTalk]:
    """The year's talks `user` may see, narrowed by the page's filter (`data`: kind, unit, q)."""
    talks = (
        AccountabilityTalk.objects.visible_to(user)
        .filter(date__year=year)
        .select_related("interviewer", "interviewee", "unit", "notice")
    )
    if data.get("kind"):
        talks = talks.filter(kind=data["kind"])
    if data.get("unit"):
        talks = talks.filter(unit=data["unit"])
    if data.get("q"):
        names = Q(interviewer__name__icontains=data["q"]) | Q(interviewee__name__icontains=data["q"])
        talks = talks.filter(names | Q(reason__icontains=data["q"]))
    return talks


def visible_notice(user: Any, pk: Any) -> OversightNotice | None:
    """A 督办单 a talk may follow, if `user` sees it (`pk` as given in the query string)."""
    return OversightNotice.objects.visible_to(user).filter(pk=pk if str(pk).isdigit() else 0).first()


def talk_links(user: Any, talk: AccountabilityTalk) -> dict[str, Any]:
    """The talk's 督办单, finding and task, each only when `user` may open it (an interviewee may not see a
    finding); None otherwise."""
    return {
        "notice": OversightNotice.objects.visible_to(user).filter(pk=talk.notice_id).first(),
        "finding": Finding.objects.visible_to(user).filter(pk=talk.finding_id).first(),
        "task": DutyAssignment.objects.visible_to(user).filter(pk=talk.assignment_id).first(),
    }


def talk_form_choices(user: Any, talk: AccountabilityTalk) -> dict[str, QuerySet]:
    """The office records for any interviewer; a leader records the talks they held themselves."""
    scope = scope_of(user)
    people = Person.objects.visible_to(user).select_related("unit")
    if scope.has(Role.PARTY_OFFICER):
        interviewers = people.filter(Q(is_active=True) | Q(pk=talk.interviewer_id))
    else:
        interviewers = people.filter(pk=scope.person_id)
    people = people.filter(Q(is_active=True) | Q(pk=talk.interviewee_id))
    tasks = DutyAssignment.objects.visible_to(user).filter(Q(status__in=OPEN_TASK_STATUSES) | Q(pk=talk.assignment_id))
    return {
        "interviewers": interviewers,
        "interviewees": people,
        "notices": OversightNotice.objects.visible_to(user).select_related("unit"),
        "assignments": tasks.select_related("item__duty_list", "unit"),
        "findings": Finding.objects.visible_to(user).order_by("-id"),
    }

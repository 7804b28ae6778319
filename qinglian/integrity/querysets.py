"""visible_to(user) for the 廉政 ledgers: who sees which rows.

The circles differ by ledger, because the regulations do:
- 廉政谈话: the organ readers (party-affairs office, leaders, stationed group), the personnel officer, and the
  people in the talk (talker, the person talked to, those present at a collective talk) — decision 0005.
- 党风廉政意见回复: those who ask and decide (the personnel officer, leaders) and the stationed group that answers;
  nobody else, not even the person concerned (a summary carries personal-matters status).
- 个人有关事项报告 and their spot checks: the person, the personnel officer and the stationed group only — not the
  party-affairs office, not leaders (《领导干部报告个人有关事项规定》: reports are confidential; 组织人事 and
  纪检监察 read them). Absent from every other list, search, export and API answer, because all of them call this.
- 谈话函询: the party-affairs office (records receipt and reply dates), the stationed group, the person asked
  and the secretary who signs the reply.
- Risk points, rectification, gifts: the organ readers and personnel officer see all; other staff their own
  units' rows and their own.
- 纪检监察建议: the organ readers and the heads of the unit it is addressed to.
"""

from __future__ import annotations

from typing import Self

from django.db.models import Q

from qinglian.core.models import LiveManager
from qinglian.org.choices import Role
from qinglian.org.querysets import OrganScopedQuerySet
from qinglian.org.scope import Scope

# Those who read every record of the ordinary 廉政 ledgers.
READERS = (Role.PARTY_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.PERSONNEL_OFFICER)
# Those who read personal-matters reports and spot checks besides the person.
PERSONAL_MATTERS_READERS = (Role.PERSONNEL_OFFICER, Role.SUPERVISOR)


class _ReadersSeeAll(OrganScopedQuerySet):
    readers: tuple[str, ...] = READERS

    def narrow(self, scope: Scope) -> Self:
        return self if scope.has(*self.readers) else self.narrow_for_others(scope)

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.none()


class TalkQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        if scope.person_id is None:
            return self.none()
        me = scope.person_id
        condition = Q(talker_id=me) | Q(subject_id=me) | Q(attendance__person_id=me)
        return self.filter(pk__in=self.filter(condition).values("pk"))


class OpinionQuerySet(_ReadersSeeAll):
    """A summary states a person's personal-matters status and check outcomes: 组织人事 who asks, the Party group
    that decides the promotion, and the stationed group that answers — not the party-affairs office."""

    readers = (Role.PERSONNEL_OFFICER, Role.LEADER, Role.SUPERVISOR)


class PersonalMattersQuerySet(_ReadersSeeAll):
    """Reports, spot checks and the reporting list: the person's own rows, else nothing."""

    readers = PERSONAL_MATTERS_READERS

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.none() if scope.person_id is None else self.filter(person_id=scope.person_id)


class SpotCheckDrawQuerySet(_ReadersSeeAll):
    readers = PERSONAL_MATTERS_READERS


class UnitLedgerQuerySet(_ReadersSeeAll):
    """Risk points: the units one belongs to or heads."""

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.filter(unit_id__in=scope.own_unit_ids)


class BatchQuerySet(_ReadersSeeAll):
    """A rectification batch: seen by staff with a problem of their units or a measure of their own in it."""

    def narrow_for_others(self, scope: Scope) -> Self:
        me = scope.person_id
        condition = Q(problems__unit_id__in=scope.own_unit_ids) | Q(problems__owner_id=me)
        if me is not None:
            condition |= Q(problems__measures__owner_id=me)
        return self.filter(pk__in=self.filter(condition).values("pk"))


class ProblemQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        me = scope.person_id
        condition = Q(unit_id__in=scope.own_unit_ids)
        if me is not None:
            condition |= Q(owner_id=me) | Q(measures__owner_id=me)
        return self.filter(pk__in=self.filter(condition).values("pk"))


class MeasureQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        me = scope.person_id
        condition = Q(problem__unit_id__in=scope.own_unit_ids) | Q(unit_id__in=scope.own_unit_ids)
        if me is not None:
            condition |= Q(owner_id=me) | Q(problem__owner_id=me)
        return self.filter(condition)


class MechanismQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        me = scope.person_id
        condition = Q(problem__unit_id__in=scope.own_unit_ids)
        if me is not None:
            condition |= Q(problem__owner_id=me)
        return self.filter(condition)


class ProposalQuerySet(_ReadersSeeAll):
    readers = (Role.PARTY_OFFICER, Role.LEADER, Role.SUPERVISOR)

    def narrow_for_others(self, scope: Scope) -> Self:
        return self.filter(target_unit_id__in=scope.head_unit_ids)


class InquiryQuerySet(_ReadersSeeAll):
    readers = (Role.PARTY_OFFICER, Role.SUPERVISOR)

    def narrow_for_others(self, scope: Scope) -> Self:
        if scope.person_id is None:
            return self.none()
        return self.filter(Q(subject_id=scope.person_id) | Q(signer_id=scope.person_id))


class GiftQuerySet(_ReadersSeeAll):
    def narrow_for_others(self, scope: Scope) -> Self:
        condition = Q(person__unit_id__in=scope.head_unit_ids)
        if scope.person_id is not None:
            condition |= Q(person_id=scope.person_id)
        return self.filter(condition)


def manager(queryset: type[OrganScopedQuerySet]) -> type[LiveManager]:
    """A live (not soft-deleted) manager over `queryset`."""
    return LiveManager.from_queryset(queryset)


TalkManager = manager(TalkQuerySet)
OpinionManager = manager(OpinionQuerySet)
PersonalMattersManager = manager(PersonalMattersQuerySet)
SpotCheckDrawManager = manager(SpotCheckDrawQuerySet)
UnitLedgerManager = manager(UnitLedgerQuerySet)
BatchManager = manager(BatchQuerySet)
ProblemManager = manager(ProblemQuerySet)
MeasureManager = manager(MeasureQuerySet)
MechanismManager = manager(MechanismQuerySet)
ProposalManager = manager(ProposalQuerySet)
InquiryManager = manager(InquiryQuerySet)
GiftManager = manager(GiftQuerySet)

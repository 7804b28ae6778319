"""Reads of pieces and their three-stage review (三审三校): the list, the reviewer's queue, the pieces returned to
their drafter, and what one piece's page shows (versions with the engine's findings, what changed since the
previous version, the political findings that block 终审, sign-offs, proofreading rounds, what the user may do).

The queue answers "which pieces may this person sign now" with the rules of reviewers.py (a stage needs its level
or higher; not the drafter; one person one stage) but in a bounded number of queries whatever the number of pieces:
the person's posts are read once (outlets they answer for, units they head, units they supervise today, whether
they are the Party group secretary), then the candidate pieces with their approvals in one prefetch. The to-do
count runs on every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from qinglian.core import clock
from qinglian.docreview.highlight import highlighted_html, issue_rows
from qinglian.ideology import proofing
from qinglian.ideology.choices import PRINT_KINDS, PieceStatus, ReviewDecision, ReviewerLevel, Stage
from qinglian.ideology.models import Outlet, Piece, PieceVersion, PoliticalOverride, ReviewSignoff
from qinglian.ideology.permissions import can_keep_register, can_review
from qinglian.org.choices import LeadingGroupPost
from qinglian.org.models import LeadingGroupMember, Person, Supervision
from qinglian.org.scope import scope_of

S = PieceStatus
WITH_DRAFTER = (S.DRAFT, S.RETURNED)
PROOF_ROUNDS = 3


# --- the list ---------------------------------------------------------------------------------------------------


def _approvals_count() -> Coalesce:
    rows = (
        ReviewSignoff.objects.filter(piece=OuterRef("pk"), decision=ReviewDecision.APPROVE)
        .order_by()
        .values("piece")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _versions_count() -> Coalesce:
    rows = PieceVersion.objects.filter(piece=OuterRef("pk")).order_by().values("piece").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def piece_list(
    user: Any,
    *,
    outlet_id: int | None = None,
    status: str = "",
    unit_id: int | None = None,
    year: int | None = None,
    q: str = "",
) -> QuerySet[Piece]:
    """The pieces the user may see, newest first; `year` is the year of publication, or of drafting for a piece
    not published. Each row carries `approvals` (stages approved) and `version_count`."""
    qs = Piece.objects.visible_to(user).select_related("outlet", "unit", "drafter")
    if outlet_id is not None:
        qs = qs.filter(outlet_id=outlet_id)
    if status:
        qs = qs.filter(status=status)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if year is not None:
        qs = qs.filter(Q(published_on__year=year) | Q(published_on__isnull=True, created_at__year=year))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(drafter__name__icontains=q) | Q(published_url__icontains=q))
    qs = qs.annotate(approvals=_approvals_count(), version_count=_versions_count())
    return qs.order_by("-created_at", "-pk")


def pending_label(piece: Piece) -> str:
    """待初审 / 待复审 / 待终审 for a piece in review annotated by piece_list (stages are approved in order)."""
    if piece.status != S.IN_REVIEW:
        return ""
    approvals = getattr(piece, "approvals", 0) or 0
    return f"待{Stage(approvals + 1).label}" if approvals < len(Stage) else ""


# --- the reviewer's posts and queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Posts:
    """What a person holds for the organ's pieces on a day (reviewers.holders, read from the person's side)."""

    person_id: int | None = None
    owned_outlets: frozenset[int] = frozenset()
    head_units: frozenset[int] = frozenset()
    supervised_units: frozenset[int] = frozenset()
    principal: bool = False

    @property
    def holds_any(self) -> bool:
        return bool(self.owned_outlets or self.head_units or self.supervised_units or self.principal)

    def level_for(self, piece: Piece) -> int | None:
        """The highest ReviewerLevel held for the piece (reviewers.level_of), None when none."""
        if self.principal:
            return ReviewerLevel.PRINCIPAL
        if piece.unit_id in self.supervised_units:
            return ReviewerLevel.SUPERVISING_LEADER
        if piece.unit_id in self.head_units:
            return ReviewerLevel.UNIT_HEAD
        if piece.outlet_id in self.owned_outlets:
            return ReviewerLevel.OUTLET_EDITOR
        return None


NO_POSTS = Posts()


def posts_of(user: Any, on: dt.date | None = None) -> Posts:
    """The posts of the user's person: one query for a person who holds no post (the to-do count runs on every
    page), one more for each kind of list they hold; none for an account that cannot review."""
    scope = scope_of(user)
    if not can_review(user) or scope.person_id is None:
        return NO_POSTS
    on = on or clock.today()
    person_id = scope.person_id
    owned = Outlet.objects.filter(organ_id=scope.organ_id, owner_id=person_id)
    supervised = Supervision.objects.filter(leader_id=person_id, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    secretary = (
        LeadingGroupMember.objects.filter(
            organ_id=scope.organ_id, person_id=person_id, post=LeadingGroupPost.SECRETARY, start__lte=on
        )
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .filter(person__is_active=True)
    )
    held = (
        Person.objects.filter(pk=person_id)
        .annotate(owns=Exists(owned), supervises=Exists(supervised), principal=Exists(secretary))
        .values("owns", "supervises", "principal")
        .first()
    ) or {"owns": False, "supervises": False, "principal": False}
    return Posts(
        person_id=person_id,
        owned_outlets=frozenset(owned.values_list("pk", flat=True)) if held["owns"] else frozenset(),
        head_units=scope.head_unit_ids,
        supervised_units=(
            frozenset(supervised.values_list("unit_id", flat=True)) if held["supervises"] else frozenset()
        ),
        principal=held["principal"],
    )


@dataclass(frozen=True)
class QueueRow:
    piece: Piece
    stage: int
    required: int  # the level the stage needs
    level: int  # the level the person holds

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def required_label(self) -> str:
        return ReviewerLevel(self.required).label


def signable_stage(posts: Posts, piece: Piece, approvals: dict[int, int]) -> QueueRow | None:
    """The pending stage of a piece in review when `posts` may sign it (reviewers.eligible), else None.
    `approvals`: stage → reviewer person id of the approvals so far."""
    if piece.status != S.IN_REVIEW or posts.person_id is None or posts.person_id == piece.drafter_id:
        return None
    stage = next((s for s in Stage.values if s not in approvals), None)
    if stage is None or posts.person_id in approvals.values():
        return None
    required = piece.outlet.levels(sensitive=piece.sensitive)[stage - 1]
    level = posts.level_for(piece)
    if level is None or level < required:
        return None
    return QueueRow(piece, stage, required, level)


def _approvals_of(piece: Piece) -> dict[int, int]:
    return {s.stage: s.reviewer_id for s in piece.approvals_list}


def review_queue(user: Any, *, posts: Posts | None = None) -> list[QueueRow]:
    """Pieces in review whose pending stage the user's person may sign now, longest waiting first."""
    posts = posts if posts is not None else posts_of(user)
    if not posts.holds_any:
        return []
    scope = scope_of(user)
    qs = Piece.objects.filter(organ_id=scope.organ_id, status=S.IN_REVIEW).exclude(drafter_id=posts.person_id)
    if not posts.principal:
        qs = qs.filter(Q(outlet_id__in=posts.owned_outlets) | Q(unit_id__in=posts.head_units | posts.supervised_units))
    approved = ReviewSignoff.objects.filter(decision=ReviewDecision.APPROVE).only("piece_id", "stage", "reviewer_id")
    qs = qs.select_related("outlet", "unit", "drafter").prefetch_related(
        Prefetch("signoffs", queryset=approved, to_attr="approvals_list")
    )
    rows = [row for piece in qs if (row := signable_stage(posts, piece, _approvals_of(piece)))]
    return sorted(rows, key=lambda r: (r.piece.submitted_on or dt.date.max, r.piece.pk))


def returned_to_me(user: Any) -> QuerySet[Piece]:
    """The user's own pieces returned for changes, oldest first."""
    person_id = scope_of(user).person_id
    if person_id is None:
        return Piece.objects.none()
    return (
        Piece.objects.filter(organ_id=scope_of(user).organ_id, drafter_id=person_id, status=S.RETURNED)
        .select_related("outlet")
        .order_by("updated_at", "pk")
    )


def last_return(piece: Piece) -> ReviewSignoff | None:
    return (
        piece.signoffs.filter(decision=ReviewDecision.RETURN).select_related("reviewer").order_by("-signed_at").first()
    )


# --- one piece ------------------------------------------------------------------------------------------------


@dataclass
class Actions:
    """What the user may do with the piece now (the services decide again when it is sent)."""

    edit: bool = False
    add_version: bool = False
    submit: bool = False
    sign: QueueRow | None = None
    override: bool = False
    proof_round: int | None = None
    publish: bool = False
    withdraw: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return any((self.edit, self.add_version, self.submit, self.sign, self.proof_round, self.publish, self.withdraw))


def actions_for(user: Any, piece: Piece, *, approvals: dict[int, int], proof_rounds: int) -> Actions:
    scope = scope_of(user)
    person_id = scope.person_id
    writer = can_review(user) and scope.organ_id == piece.organ_id
    if not writer:
        return Actions()
    drafter = person_id == piece.drafter_id
    keeper = can_keep_register(user) or (person_id is not None and person_id == piece.outlet.owner_id)
    with_drafter = piece.status in WITH_DRAFTER
    sign = signable_stage(posts_of(user), piece, approvals)
    printed = piece.outlet.kind in PRINT_KINDS
    return Actions(
        edit=drafter and with_drafter,
        add_version=(drafter and with_drafter) or sign is not None,
        submit=drafter and with_drafter,
        sign=sign,
        override=sign is not None and sign.stage == Stage.FINAL,
        proof_round=(
            proof_rounds + 1
            if keeper and printed and piece.status in (S.IN_REVIEW, S.APPROVED) and proof_rounds < PROOF_ROUNDS
            else None
        ),
        publish=keeper and piece.status == S.APPROVED,
        withdraw=(drafter and piece.status not in (S.PUBLISHED, S.WITHDRAWN))
        or (can_keep_register(user) and piece.status == S.PUBLISHED),
    )


def _rows(version: PieceVersion, overrides: dict[str, PoliticalOverride]) -> list[dict[str, Any]]:
    """The engine's findings of a version as docreview shows them, each with its key and override."""
    keys = [k for k, _ in proofing.keyed(version.issues or [])]
    rows = issue_rows(version.issues or [], {})
    for row, key in zip(rows, keys, strict=True):
        row["key"] = key
        row["political"] = proofing.is_political_error(row)
        row["override"] = overrides.get(key)
    return rows


def detail_context(user: Any, piece: Piece, *, number: int | None = None) -> dict[str, Any]:
    """Everything the piece's page shows; `number` picks the version shown (the latest by default)."""
    versions = list(piece.versions.select_related("author").order_by("number"))
    by_number = {v.number: v for v in versions}
    latest = versions[-1] if versions else None
    shown = by_number.get(number) if number is not None else None
    shown = shown or latest
    signoffs = list(piece.signoffs.select_related("reviewer", "version", "user").order_by("signed_at", "pk"))
    approvals = {s.stage: s.reviewer_id for s in signoffs if s.decision == ReviewDecision.APPROVE}
    rounds = list(piece.proof_rounds.select_related("proofreader").order_by("round"))
    overrides = list(
        PoliticalOverride.objects.filter(version__piece=piece).select_related("by", "version").order_by("at")
    )
    context: dict[str, Any] = {
        "piece": piece,
        "versions": versions,
        "latest": latest,
        "shown": shown,
        "signoffs": signoffs,
        "approvals": approvals,
        "proof_rounds": rounds,
        "overrides": overrides,
        "levels": [
            (Stage(s).label, ReviewerLevel(level).label)
            for s, level in zip(Stage.values, piece.outlet.levels(sensitive=piece.sensitive), strict=True)
        ],
        "printed": piece.outlet.kind in PRINT_KINDS,
        "actions": actions_for(user, piece, approvals=approvals, proof_rounds=len(rounds)),
    }
    if shown is not None:
        shown_overrides = {o.issue_key: o for o in overrides if o.version_id == shown.pk}
        rows = _rows(shown, shown_overrides)
        previous = by_number.get(shown.number - 1)
        context.update(
            highlighted=highlighted_html(shown.text, shown.issues or [], {}),
            error_rows=[r for r in rows if r["is_error"]],
            suggestion_rows=[r for r in rows if not r["is_error"]],
            previous=previous,
            found=proofing.issue_changes(previous, shown) if previous is not None else None,
        )
    if latest is not None:
        context["blocking"] = proofing.blocking(latest)
    return context


def diff_context(piece: Piece, *, old: int | None, new: int | None) -> dict[str, Any]:
    """The text diff between two versions (default: the latest and the one before it) and the findings' changes."""
    versions = list(piece.versions.order_by("number"))
    by_number = {v.number: v for v in versions}
    target = by_number.get(new) if new is not None else None
    target = target or (versions[-1] if versions else None)
    base = by_number.get(old) if old is not None else None
    if base is None and target is not None:
        base = by_number.get(target.number - 1)
    runs = proofing.text_diff(base.text, target.text) if base is not None and target is not None else []
    return {
        "piece": piece,
        "versions": versions,
        "base": base,
        "target": target,
        "runs": runs,
        "inserted": sum(len(t) for op, t in runs if op == "insert"),
        "deleted": sum(len(t) for op, t in runs if op == "delete"),
        "found": proofing.issue_changes(base, target) if base is not None and target is not None else None,
    }

"""One piece's way through the services on the replayed clock: drafted and proofread, submitted, signed 初审 → 复审 →
终审 by the lowest-ranking eligible people with a login, proofread three times when printed, published — or copied
from the paper ledger with the signatures a paper sheet would show."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any, TypeVar

from qinglian.core import clock
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.ideology import reviewers
from qinglian.ideology.choices import PRINT_KINDS, OutletKind, PieceKind, ReviewDecision, Stage
from qinglian.ideology.demo.pieces.cast import Cast
from qinglian.ideology.demo.pieces.texts import Text
from qinglian.ideology.models import Outlet, Piece
from qinglian.ideology.services import pieces as services
from qinglian.ideology.services.paper import PaperProof, PaperSignoff, piece_record_paper
from qinglian.org.models import Person, User

T = TypeVar("T")
KINDS = {
    OutletKind.WEBSITE_COLUMN: PieceKind.ARTICLE,
    OutletKind.WECHAT_ACCOUNT: PieceKind.POST,
    OutletKind.VIDEO_ACCOUNT: PieceKind.VIDEO,
    OutletKind.PUBLICATION: PieceKind.ISSUE,
    OutletKind.BULLETIN_BOARD: PieceKind.BOARD,
}
APPROVE, RETURN = ReviewDecision.APPROVE, ReviewDecision.RETURN


def at(day: dt.date, hour: int, write: Callable[[], T]) -> T:
    with clock.replaying(moment(day, hour)):
        return write()


class Flow:
    def __init__(self, cast: Cast, days: WorkingDays, rng: random.Random) -> None:
        self.cast, self.days, self.rng = cast, days, rng

    # --- who ---------------------------------------------------------------------------------------------

    def chain(self, piece: Piece, on: dt.date) -> list[int] | None:
        """The three signers' person ids: for each stage the lowest-ranking person with a login holding its
        level, never the drafter, never one person twice; None when the piece cannot have three."""
        held: dict[int, int] = {}
        for level, ids in reviewers.holders(piece, on).items():
            for pid in ids:
                held[pid] = max(held.get(pid, 0), level)
        chosen: list[int] = []
        for required in piece.outlet.levels(sensitive=piece.sensitive):
            options = sorted(
                (level, pid)
                for pid, level in held.items()
                if level >= required and pid in self.cast.logins and pid != piece.drafter_id and pid not in chosen
            )
            if not options:
                return None
            chosen.append(options[0][1])
        return chosen

    def drafter(self, outlet: Outlet, pool: str, on: dt.date, sensitive: bool = False) -> User:
        """A drafter of the pool (else of any pool) whose piece for this outlet can pass three reviewers."""
        candidates = list(self.cast.pools[pool])
        self.rng.shuffle(candidates)
        candidates += [u for name in ("law", "office", "deputies") for u in self.cast.pools[name]]
        for user in candidates:
            person = user.person
            trial = Piece(organ=outlet.organ, outlet=outlet, unit=person.unit, drafter=person, sensitive=sensitive)
            if outlet.owner_id != person.pk and self.chain(trial, on) is not None:
                return user
        raise RuntimeError(f"演示数据：阵地“{outlet.name}”的稿件找不到三位审核人")

    def keeper(self, outlet: Outlet) -> User:
        """Who records proofs and publication: the outlet's responsible person, else the party-affairs office."""
        return self.cast.logins.get(outlet.owner_id or 0) or self.cast.office

    def proofreader(self, piece: Piece) -> Person:
        owner = piece.outlet.owner
        return owner if owner is not None and owner.pk != piece.drafter_id else self.cast.office.person

    # --- the review, step by step ---------------------------------------------------------------------------

    def draft(self, user: User, outlet: Outlet, text: Text, day: dt.date, sensitive: bool = False) -> Piece:
        reason = "涉及地方性法规草案中的重大制度调整" if sensitive else ""
        kind = KINDS.get(outlet.kind, PieceKind.OTHER)
        if outlet.name.endswith("通知公告"):
            kind = PieceKind.NOTICE
        return at(
            day,
            9,
            lambda: services.piece_create(
                user=user,
                outlet=outlet,
                title=text.title,
                kind=kind,
                sensitive=sensitive,
                sensitive_reason=reason,
                text=f"{text.title}\n{text.body}",
            ),
        )

    def submit(self, piece: Piece, user: User, day: dt.date, hour: int = 11) -> Piece:
        return at(day, hour, lambda: services.piece_submit(user=user, piece=piece, on=day))

    def sign(self, piece: Piece, stage: int, person_id: int, day: dt.date, hour: int, **decision: Any) -> Any:
        user = self.cast.logins[person_id]
        decision.setdefault("decision", APPROVE)
        return at(day, hour, lambda: services.review_sign(user=user, piece=piece, stage=stage, on=day, **decision))

    def revise(self, piece: Piece, user: User, text: str, day: dt.date, note: str) -> Any:
        return at(day, 16, lambda: services.version_add(user=user, piece=piece, text=text, note=note))

    def publish(self, piece: Piece, day: dt.date, url: str, hour: int = 10) -> Piece:
        keeper = self.keeper(piece.outlet)
        if piece.outlet.kind in PRINT_KINDS:
            for n, done in enumerate((self.days.add(day, -3), self.days.add(day, -2), self.days.add(day, -1)), 1):
                at(
                    done,
                    15,
                    lambda n=n, done=done: services.proof_round_record(
                        user=keeper, piece=piece, round=n, proofreader=self.proofreader(piece), done_on=done
                    ),
                )
        return at(
            day, hour, lambda: services.piece_publish(user=keeper, piece=piece, published_on=day, published_url=url)
        )

    # --- whole ways -------------------------------------------------------------------------------------------

    def stages(self, published_on: dt.date, printed: bool) -> tuple[dt.date, dt.date, dt.date, dt.date]:
        """Draft, 初审, 复审, 终审 days before a publication (printed pieces leave three days for 三校)."""
        final = self.days.add(published_on, -4 if printed else -self.rng.randint(0, 1))
        return self.days.add(final, -3), self.days.add(final, -2), self.days.add(final, -1), final

    def through(
        self, user: User, outlet: Outlet, text: Text, published_on: dt.date, url: str, sensitive: bool = False
    ) -> Piece:
        """Drafted, reviewed by three people, (proofread and) published on `published_on`."""
        drafted, first, second, final = self.stages(published_on, outlet.kind in PRINT_KINDS)
        piece = self.draft(user, outlet, text, drafted, sensitive)
        self.submit(piece, user, drafted)
        signers = self.chain(piece, drafted)
        for stage, day, hour in ((Stage.FIRST, first, 10), (Stage.SECOND, second, 14), (Stage.FINAL, final, 16)):
            self.sign(piece, stage, signers[stage - 1], day, hour)
        return self.publish(piece, published_on, url, hour=17 if final == published_on else 10)

    def through_political(
        self, user: User, outlet: Outlet, text: Text, fix: tuple[str, str], around: dt.date, url: str
    ) -> Piece:
        """The engine flags a political error in the first version; 终审 cannot approve it (the service refuses)
        and returns it; the drafter's second version fixes it; 终审 approves the day after; published on `around`
        (drafted five working days before it)."""
        drafted = self.days.add(around, -5)
        piece = self.draft(user, outlet, text, drafted)
        self.submit(piece, user, drafted)
        signers = self.chain(piece, drafted)
        self.sign(piece, Stage.FIRST, signers[0], self.days.add(drafted, 1), 10)
        self.sign(piece, Stage.SECOND, signers[1], self.days.add(drafted, 2), 14)
        returned = self.days.add(drafted, 3)
        wrong, right = fix
        opinion = f"第1稿有政治性表述错误：“{wrong}”应为“{right}”，请修改后重新送审"
        self.sign(piece, Stage.FINAL, signers[2], returned, 10, decision=RETURN, opinion=opinion)
        fixed = f"{text.title}\n{text.body.replace(wrong, right)}"
        self.revise(piece, user, fixed, returned, note=f"按终审意见将“{wrong}”改为“{right}”")
        again = self.days.add(returned, 1)
        self.submit(piece, user, again, hour=9)
        self.sign(piece, Stage.FINAL, signers[2], again, 15)
        return self.publish(piece, self.days.add(again, 1), url)

    def paper(
        self, user: User, outlet: Outlet, text: Text, published_on: dt.date, url: str, live: dt.date, *, twice: bool
    ) -> Piece:
        """A January piece as the paper ledger shows it, copied in on the day the system goes live. `twice`: the
        sheet's 复审 and 终审 signed by one person (the final reviewer)."""
        person = user.person
        trial = Piece(organ=outlet.organ, outlet=outlet, unit=person.unit, drafter=person)
        printed = outlet.kind in PRINT_KINDS
        drafted, *signed = self.stages(published_on, printed)
        chain = self.chain(trial, drafted) or []
        people = {p.pk: p for p in Person.objects.filter(pk__in=chain)}
        signers = [people[pid] for pid in chain]
        if twice:
            signers[1] = signers[2]  # the final reviewer signs 复审 too: the level holds, the second person is missing
        signoffs = [PaperSignoff(stage, signers[stage - 1], day) for stage, day in zip(Stage, signed, strict=True)]
        proofs = []
        if printed:
            reader = self.proofreader(trial)
            proofs = [PaperProof(n, reader, self.days.add(published_on, n - 4)) for n in (1, 2, 3)]
        kind = PieceKind.NOTICE if outlet.name.endswith("通知公告") else KINDS.get(outlet.kind, PieceKind.OTHER)
        return at(
            live,
            14,
            lambda: piece_record_paper(
                user=self.cast.office,
                outlet=outlet,
                kind=kind,
                title=text.title,
                unit=person.unit,
                drafter=person,
                signoffs=signoffs,
                proofs=proofs,
                published_on=published_on,
                published_url=url,
            ),
        )

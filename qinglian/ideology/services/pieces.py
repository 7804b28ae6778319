"""Writes of pieces and their three-stage review (三审三校).

Every function is keyword-only, atomic, locks the piece row, audits, and refuses in Chinese (InvalidInput 400,
Forbidden 403, Conflict 409) writing nothing. Status moves are a transitions table checked in one place. The
proofreading engine runs on every version (proofing.py); its political errors block 终审 until fixed in a later
version or overridden by the final reviewer.

SIGNATURES ARE FIXED (pages, API, import and demo are written against them); bodies by the pieces-core owner.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from qinglian.ideology.models import Outlet, Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff


def piece_create(
    *,
    user: Any,
    outlet: Outlet,
    title: str,
    kind: str,
    unit: Any = None,
    sensitive: bool = False,
    sensitive_reason: str = "",
    text: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """A new piece drafted by the user's person (unit: theirs unless given) for an open outlet, with its first
    version (text, or a .txt/.docx file's bytes) proofread. Status draft."""
    raise NotImplementedError


def piece_update(
    *,
    user: Any,
    piece: Piece,
    title: str,
    kind: str,
    sensitive: bool,
    sensitive_reason: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """The drafter corrects the piece's particulars while it is with them (draft or returned)."""
    raise NotImplementedError


def version_add(
    *,
    user: Any,
    piece: Piece,
    text: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> PieceVersion:
    """A new version, proofread: by the drafter while the piece is with them, or by a reviewer who may sign its
    pending stage while it is in review (a reviewer's edit)."""
    raise NotImplementedError


def piece_submit(*, user: Any, piece: Piece, on: dt.date | None = None, request: HttpRequest | None = None) -> Piece:
    """The drafter sends the piece (draft or returned) to review: in_review, pending the first unsigned stage."""
    raise NotImplementedError


def review_sign(
    *,
    user: Any,
    piece: Piece,
    stage: int,
    decision: str,
    opinion: str = "",
    on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ReviewSignoff:
    """Sign the pending stage on the latest version: approve (the next stage is pending; 终审 → approved) or return
    (→ returned, an opinion required). Refused: not the pending stage, the user's person not eligible
    (reviewers.eligible), the drafter, a person who approved another stage, and 终审 while the latest version has
    political errors neither fixed nor overridden."""
    raise NotImplementedError


def political_override(
    *, user: Any, version: PieceVersion, issue_key: str, reason: str, request: HttpRequest | None = None
) -> PoliticalOverride:
    """The final reviewer (a person eligible for 终审 of the piece, pending 终审) lets one political finding of the
    latest version stand, with a reason; audited."""
    raise NotImplementedError


def proof_round_record(
    *,
    user: Any,
    piece: Piece,
    round: int,
    proofreader: Any,
    done_on: dt.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> ProofRound:
    """One proofreading round (1–3) of a printed piece, in order, by the outlet's responsible person or the
    party-affairs office; the proofreader is not the drafter."""
    raise NotImplementedError


def piece_publish(
    *,
    user: Any,
    piece: Piece,
    published_on: dt.date,
    published_url: str = "",
    request: HttpRequest | None = None,
) -> Piece:
    """Record the publication of an approved piece (outlet's responsible person or the party-affairs office), not
    before its 终审; a printed piece needs its three proofreading rounds first."""
    raise NotImplementedError


def piece_withdraw(*, user: Any, piece: Piece, reason: str, request: HttpRequest | None = None) -> Piece:
    """The drafter withdraws an unpublished piece, or the party-affairs office takes down a published one; the
    reason is kept (nothing is deleted)."""
    raise NotImplementedError

"""Writes of pieces and their three-stage review (三审三校).

Every function is keyword-only, atomic, locks the piece row, audits, and refuses in Chinese (InvalidInput 400,
Forbidden 403, Conflict 409) writing nothing. Status moves are one transitions table checked in one place
(common.py). The proofreading engine runs on every version (proofing.py); its political errors block 终审 until fixed
in a later version or overridden by the final reviewer. drafting.py holds the drafter's writes, review.py the
reviewers'; this package's names are what pages, API, import and demo call.
"""

from qinglian.ideology.services.pieces.common import SELF_REVIEW, TRANSITIONS, TWO_STAGES, latest_version, pending_stage
from qinglian.ideology.services.pieces.drafting import (
    piece_create,
    piece_submit,
    piece_update,
    piece_withdraw,
    version_add,
)
from qinglian.ideology.services.pieces.review import (
    piece_publish,
    political_override,
    proof_round_record,
    review_sign,
)

__all__ = [
    "SELF_REVIEW",
    "TRANSITIONS",
    "TWO_STAGES",
    "latest_version",
    "pending_stage",
    "piece_create",
    "piece_publish",
    "piece_submit",
    "piece_update",
    "piece_withdraw",
    "political_override",
    "proof_round_record",
    "review_sign",
    "version_add",
]

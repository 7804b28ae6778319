"""The 意识形态 ledgers, one module per entity."""

from qinglian.ideology.models.forums import Forum, ForumApproval
from qinglian.ideology.models.opinion import OpinionEvent
from qinglian.ideology.models.outlets import Outlet
from qinglian.ideology.models.pieces import Piece, PieceVersion, PoliticalOverride, ProofRound, ReviewSignoff
from qinglian.ideology.models.reports import ReportItem

__all__ = [
    "Forum",
    "ForumApproval",
    "OpinionEvent",
    "Outlet",
    "Piece",
    "PieceVersion",
    "PoliticalOverride",
    "ProofRound",
    "ReportItem",
    "ReviewSignoff",
]

"""The 廉政 ledgers, one module per entity."""

from qinglian.integrity.models.gifts import Gift
from qinglian.integrity.models.inquiries import DisciplineProposal, InquiryLetter
from qinglian.integrity.models.opinions import OpinionItem, OpinionRequest
from qinglian.integrity.models.personal import ExtraReporter, PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.models.rectification import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.integrity.models.risks import RiskPoint, RiskReview
from qinglian.integrity.models.talks import IntegrityTalk, TalkAttendance

__all__ = [
    "DisciplineProposal",
    "ExtraReporter",
    "Gift",
    "InquiryLetter",
    "IntegrityTalk",
    "LongTermMechanism",
    "OpinionItem",
    "OpinionRequest",
    "PersonalReport",
    "RectificationBatch",
    "RectificationMeasure",
    "RectificationProblem",
    "RiskPoint",
    "RiskReview",
    "SpotCheck",
    "SpotCheckDraw",
    "TalkAttendance",
]

"""组织生活与理论学习: the ledgers of 三会一课, 主题党日, 组织生活会, 民主评议, 民主生活会, 谈心谈话, study and 党费.

Every model of the app, imported here so Django (and its migrations) find them.

meetings.py: meetings, their agenda items and attendance; people.py: heart-to-heart talks and study records;
plans.py: a branch's annual plan and its monthly items; dlm.py: the steps of the democratic-life meeting;
dues.py: dues standards, their brackets and the monthly dues records (and the `percent`/`yuan` labels);
contact.py: the lost-contact register.
"""

from qinglian.partylife.models.contact import LostContact
from qinglian.partylife.models.dlm import DemocraticLifeStep
from qinglian.partylife.models.dues import DuesBracket, DuesRecord, DuesStandard, percent, yuan
from qinglian.partylife.models.meetings import AgendaItem, Attendance, Meeting
from qinglian.partylife.models.people import HeartTalk, StudyRecord
from qinglian.partylife.models.plans import AnnualPlan, PlanItem

__all__ = [
    "AgendaItem",
    "AnnualPlan",
    "Attendance",
    "DemocraticLifeStep",
    "DuesBracket",
    "DuesRecord",
    "DuesStandard",
    "HeartTalk",
    "LostContact",
    "Meeting",
    "PlanItem",
    "StudyRecord",
    "percent",
    "yuan",
]

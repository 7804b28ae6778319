"""人大履职服务 (issue #7): every model of the app, imported here so Django (and its migrations) find them.

setup.py: desks, deputies, sessions, handling units' profiles; suggestions.py: suggestions and their handling;
meetings.py: meetings, agenda items and materials; stations.py: liaison stations and deputies' activities;
reports.py: the yearly report on the handling of suggestions (heard by the Standing Committee, published).
"""

from qinglian.npc.models.meetings import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.models.reports import HandlingReport
from qinglian.npc.models.setup import Deputy, HandlingUnitProfile, ServiceDesk, Session
from qinglian.npc.models.stations import DeputyActivity, LiaisonStation
from qinglian.npc.models.suggestions import Assignment, Contact, Reply, SatisfactionRecord, Suggestion

__all__ = [
    "Assignment",
    "Contact",
    "Deputy",
    "DeputyActivity",
    "HandlingReport",
    "HandlingUnitProfile",
    "LiaisonStation",
    "MaterialSubmission",
    "MeetingAgendaItem",
    "NpcMeeting",
    "Reply",
    "SatisfactionRecord",
    "ServiceDesk",
    "Session",
    "Suggestion",
]

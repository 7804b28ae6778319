"""The 八项规定 ledgers and standard tables, one module per entity."""

from qinglian.frugality.models.abroad import AbroadTrip
from qinglian.frugality.models.cars import OfficialCar
from qinglian.frugality.models.checks import CheckSample, SpecialCheck
from qinglian.frugality.models.conferences import Conference, ConferenceCost, Lecture, TrainingCost, TrainingCourse
from qinglian.frugality.models.mappings import ColumnMapping
from qinglian.frugality.models.plans import PlanItem, SpendingPlan
from qinglian.frugality.models.receptions import Reception, ReceptionMeal
from qinglian.frugality.models.standards import StandardRow, StandardTable
from qinglian.frugality.models.travel import Trip, TripStay, TripTicket

__all__ = [
    "AbroadTrip",
    "CheckSample",
    "ColumnMapping",
    "Conference",
    "ConferenceCost",
    "Lecture",
    "OfficialCar",
    "PlanItem",
    "Reception",
    "ReceptionMeal",
    "SpecialCheck",
    "SpendingPlan",
    "StandardRow",
    "StandardTable",
    "TrainingCost",
    "TrainingCourse",
    "Trip",
    "TripStay",
    "TripTicket",
]

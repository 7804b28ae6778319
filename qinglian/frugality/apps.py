from django.db import connections
from django.db.models.signals import post_migrate

from qinglian.core import appconfig


class FrugalityConfig(appconfig.QinglianAppConfig):
    name = "qinglian.frugality"
    verbose_name = "八项规定与经费管理"
    url_prefix = "frugality/"
    api_routers = {"/frugality/": "qinglian.frugality.api.router"}
    # The letter, the list and the invoices of a reception; a trip's approval form and tickets; a meeting's or
    # course's notice, sign-in sheet and bills; a car's purchase papers; a trip abroad's approval and its report;
    # a special check's working papers.
    evidence = {
        "Reception": "access_reception",
        "Trip": "access_trip",
        "Conference": "access_conference",
        "TrainingCourse": "access_course",
        "OfficialCar": "access_car",
        "AbroadTrip": "access_abroad_trip",
        "SpecialCheck": "access_special_check",
    }

    def ready(self) -> None:
        super().ready()
        post_migrate.connect(_load_shipped_standards, sender=self)


def _load_shipped_standards(sender, using: str = "default", **kwargs) -> None:
    """A fresh database gets the standard tables shipped with the code (standards/data/), like rule parameters."""
    from qinglian.frugality.standards.shipped import load_shipped_standards  # reads models: not at app loading

    if "frugality_standardtable" in connections[using].introspection.table_names():
        load_shipped_standards()

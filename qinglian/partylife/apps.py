from django.db import connections
from django.db.models.signals import post_migrate

from qinglian.core import appconfig


class PartylifeConfig(appconfig.QinglianAppConfig):
    name = "qinglian.partylife"
    verbose_name = "组织生活与理论学习"
    url_prefix = "partylife/"
    api_routers = {"/partylife/": "qinglian.partylife.api.router"}
    evidence = {"Meeting": "access_meeting", "HeartTalk": "access_heart_talk", "LostContact": "access_lost_contact"}

    def ready(self) -> None:
        super().ready()
        post_migrate.connect(_load_shipped_dues_standards, sender=self)


def _load_shipped_dues_standards(sender, using: str = "default", **kwargs) -> None:
    """A fresh database gets the 党费计算标准 shipped with the code (dues_standards.json), like rule parameters."""
    from qinglian.partylife.services.dues import dues_standards_load_shipped  # reads models: not at app loading

    # `migrate partylife 0002` (going back) ends with a post_migrate too, without the table.
    if "partylife_duesstandard" in connections[using].introspection.table_names():
        dues_standards_load_shipped()

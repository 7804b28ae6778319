from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "qinglian.evidence"
    verbose_name = "佐证材料"

    def ready(self) -> None:
        # The first records that carry evidence. Each ledger app will register its own models in its ready().
        from qinglian.evidence.registry import register
        from qinglian.org.models import Person, PersonnelEvent
        from qinglian.org.permissions import access_person, access_personnel_event

        register(Person, access_person)
        register(PersonnelEvent, access_personnel_event)

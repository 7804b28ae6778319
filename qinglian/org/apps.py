from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "qinglian.org"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from qinglian.evidence.registry import register
        from qinglian.org import nav  # noqa: F401  (registers menu entries and workbench widgets)
        from qinglian.org.models import Person, PersonnelEvent
        from qinglian.org.permissions import access_person, access_personnel_event

        register(Person, access_person)
        register(PersonnelEvent, access_personnel_event)

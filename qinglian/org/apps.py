from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "qinglian.org"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from qinglian.org import nav  # noqa: F401  (registers menu entries and workbench widgets)

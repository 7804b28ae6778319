from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComplianceConfig(AppConfig):
    name = "qinglian.compliance"
    verbose_name = "规则与预警"

    def ready(self) -> None:
        from qinglian.compliance import nav  # noqa: F401  (menu entries and workbench cards)
        from qinglian.compliance.models import Finding
        from qinglian.compliance.permissions import access_finding
        from qinglian.compliance.registry import discover
        from qinglian.evidence.registry import register

        discover()
        register(Finding, access_finding)  # 整改佐证材料
        post_migrate.connect(_load_shipped_parameters, sender=self)


def _load_shipped_parameters(sender, **kwargs) -> None:
    """A fresh database gets the parameter sets shipped with the code (each app's rule_params.json)."""
    from qinglian.compliance.params import load_shipped

    load_shipped()

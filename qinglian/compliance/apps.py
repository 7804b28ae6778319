from django.db.models.signals import post_migrate

from qinglian.core import appconfig


class ComplianceConfig(appconfig.QinglianAppConfig):
    name = "qinglian.compliance"
    verbose_name = "规则与预警"
    url_prefix = "compliance/"
    evidence = {"Finding": "access_finding"}

    def ready(self) -> None:
        super().ready()
        from qinglian.compliance.registry import discover  # imports every app's rules: models must be ready

        discover()
        post_migrate.connect(_load_shipped_parameters, sender=self)


def _load_shipped_parameters(sender, **kwargs) -> None:
    """A fresh database gets the parameter sets shipped with the code (each app's rule_params.json)."""
    from qinglian.compliance.params import load_shipped  # reads models; AppConfig modules load before them

    load_shipped()

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "qinglian.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from qinglian.audit import checks, nav, signals  # noqa: F401  (checks and nav register on import)

        signals.connect()

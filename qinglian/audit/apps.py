from qinglian.core import appconfig, hooks


class AuditConfig(appconfig.QinglianAppConfig):
    name = "qinglian.audit"
    verbose_name = "审计日志"
    url_prefix = "audit/"

    def ready(self) -> None:
        super().ready()
        # Imported here: models are ready only now. `checks` registers the retention check on import.
        from qinglian.audit import checks, services, signals  # noqa: F401

        signals.connect()
        hooks.provide("audit_record", services.audit_record)
        hooks.provide("audit_denied", services.audit_denied)

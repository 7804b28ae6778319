from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "qinglian.notify"
    verbose_name = "通知提醒"

    def ready(self) -> None:
        from qinglian.notify import nav  # noqa: F401  (registers menu entries and the workbench card)

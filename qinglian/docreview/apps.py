from django.apps import AppConfig


class DocreviewConfig(AppConfig):
    name = "qinglian.docreview"
    verbose_name = "公文审校"

    def ready(self) -> None:
        from qinglian.docreview import nav  # noqa: F401  (menu entries)

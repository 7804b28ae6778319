from django.db.models.signals import post_migrate

from qinglian.core import appconfig


class CoreConfig(appconfig.QinglianAppConfig):
    name = "qinglian.core"
    verbose_name = "基础"
    url_prefix = ""

    def ready(self) -> None:
        super().ready()  # the calendar's menu entry
        post_migrate.connect(_load_shipped_calendar, sender=self)


def _load_shipped_calendar(sender, **kwargs) -> None:
    """Years shipped with the code that the database lacks (a fresh or flushed database) are loaded.

    A year already present is left as the administrator keeps it.
    """
    # Imported here: an AppConfig module is loaded before the models are ready.
    from qinglian.core.models import CalendarYear
    from qinglian.core.services_calendar import calendar_file_load, read_calendar_file, shipped_files

    present = set(CalendarYear.objects.values_list("year", flat=True))
    for path in shipped_files():
        calendar_file = read_calendar_file(path)
        if calendar_file.year not in present:
            calendar_file_load(calendar_file=calendar_file)

from django.db.models.signals import post_migrate
from simple_history.signals import pre_create_historical_record

from qinglian.core import appconfig, clock


class CoreConfig(appconfig.QinglianAppConfig):
    name = "qinglian.core"
    verbose_name = "基础"
    url_prefix = ""

    def ready(self) -> None:
        super().ready()  # the calendar's menu entry
        from qinglian.core import checks  # noqa: F401  # registers the deployment checks (qinglian check --deploy)

        post_migrate.connect(_load_shipped_calendar, sender=self)
        pre_create_historical_record.connect(_history_on_the_clock, dispatch_uid="qinglian_history_clock")


def _history_on_the_clock(sender, instance, history_instance, **kwargs) -> None:
    """A history row written while the demo replays a day is dated that day (infrastructure, like history
    itself — see docs/decisions/0001); an explicit `_history_date` on the instance still wins."""
    moment = clock.replayed()
    if moment is not None and not hasattr(instance, "_history_date"):
        history_instance.history_date = moment


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

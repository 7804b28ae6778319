"""Load the shipped 2024–2026 holiday schedules, so a fresh database counts working days correctly.

Self-contained on purpose: a migration must behave the same in years to come, so it reads only the
fields it knows (date, kind, name, note) from exactly these three files and does not import app code.
A later year is shipped with its own migration or loaded with `manage.py loadcalendar`.
"""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

YEARS = (2024, 2025, 2026)
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "calendar"


def _read(year):
    return json.loads((DATA_DIR / f"{year}.json").read_text(encoding="utf-8"))


def load(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    HistoricalCalendarDay = apps.get_model("core", "HistoricalCalendarDay")
    HistoricalCalendarYear = apps.get_model("core", "HistoricalCalendarYear")
    now = timezone.now()
    for year in YEARS:
        doc = _read(year)
        reason = f"随系统发布的{year}年安排（{doc.get('source', '')}）"
        for raw in doc["days"]:
            fields = {"kind": raw["kind"], "name": raw.get("name", ""), "note": raw.get("note", "")}
            day, _ = CalendarDay.objects.update_or_create(date=dt.date.fromisoformat(raw["date"]), defaults=fields)
            HistoricalCalendarDay.objects.create(
                id=day.id, date=day.date, updated_at=day.updated_at, history_date=now, history_type="+",
                history_change_reason=reason, **fields,
            )
        note = "\n".join([doc.get("title", ""), *doc.get("arrangement", [])]).strip()
        fields = {"published": True, "source": doc.get("source", ""), "source_url": doc.get("url", ""), "note": note}
        entry, _ = CalendarYear.objects.update_or_create(year=year, defaults=fields)
        HistoricalCalendarYear.objects.create(
            id=entry.id, year=year, updated_at=entry.updated_at, history_date=now, history_type="+",
            history_change_reason=reason, **fields,
        )


def unload(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    for year in YEARS:
        CalendarDay.objects.filter(date__year=year).delete()
        CalendarYear.objects.filter(year=year).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]

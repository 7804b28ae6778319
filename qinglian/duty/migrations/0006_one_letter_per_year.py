"""One responsibility letter per person and year, and one 补签 per personnel event, held by the database (issue #13
item 8). Duplicates made before are not deleted: the earliest stays, later ones are withdrawn (soft-deleted, with a
history row saying why), so the constraints can be built."""

from django.db import migrations, models
from django.utils import timezone

REASON = "升级时发现重复的责任书（同时生成所致），保留最早的一份"


def withdraw_duplicate_letters(apps, schema_editor):
    Letter = apps.get_model("duty", "ResponsibilityLetter")
    HistoricalLetter = apps.get_model("duty", "HistoricalResponsibilityLetter")
    seen: set[tuple] = set()
    now = timezone.now()
    for letter in Letter.objects.filter(deleted_at__isnull=True).order_by("id"):
        key = (
            ("event", letter.trigger_event_id)
            if letter.trigger_event_id
            else ("year", letter.organ_id, letter.year, letter.signer_id)
        )
        if key not in seen:
            seen.add(key)
            continue
        letter.deleted_at = now
        letter.save(update_fields=["deleted_at"])
        fields = {f.attname: getattr(letter, f.attname) for f in Letter._meta.concrete_fields}
        HistoricalLetter.objects.create(**fields, history_date=now, history_type="~", history_change_reason=REASON)
        print(f"  责任书 #{letter.pk}：{REASON}")


class Migration(migrations.Migration):
    dependencies = [("duty", "0005_superior_report")]

    operations = [
        migrations.RunPython(withdraw_duplicate_letters, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="responsibilityletter",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True), ("trigger_event__isnull", True)),
                fields=("organ", "year", "signer"),
                name="duty_letter_once_per_year",
                violation_error_message="此人本年度已有责任书",
            ),
        ),
        migrations.AddConstraint(
            model_name="responsibilityletter",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True), ("trigger_event__isnull", False)),
                fields=("trigger_event",),
                name="duty_letter_once_per_event",
                violation_error_message="该人事变动已补签责任书",
            ),
        ),
    ]

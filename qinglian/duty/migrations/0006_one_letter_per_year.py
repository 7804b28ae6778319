"""One responsibility letter per person and year, and one 补签 per personnel event, held by the database (issue #13
item 8). Duplicates made before are not deleted: the earliest stays, later ones are withdrawn (soft-deleted, with a
history row saying why), so the constraints can be built."""

from django.db import migrations, models

from qinglian.core.migrating import withdraw_duplicates

REASON = "升级时发现重复的责任书（同时生成所致），保留最早的一份"


def _key(letter):
    if letter.trigger_event_id:
        return ("event", letter.trigger_event_id)
    return ("year", letter.organ_id, letter.year, letter.signer_id)


def withdraw_duplicate_letters(apps, schema_editor):
    withdraw_duplicates(apps, "duty", "ResponsibilityLetter", _key, REASON)


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

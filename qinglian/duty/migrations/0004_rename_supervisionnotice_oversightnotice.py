"""督办单 is an oversight notice: "supervision" is kept for 分管 (org.Supervision) alone. The table, its history
table and the content type are renamed; rows, evidence links and history stay as they are."""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("duty", "0003_alter_dutysection_options"),
        ("compliance", "0001_initial"),
        ("org", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="SupervisionNotice", new_name="OversightNotice"),
        migrations.RenameModel(old_name="HistoricalSupervisionNotice", new_name="HistoricalOversightNotice"),
    ]

"""廉政谈话 is no longer a kind of 约谈记录: its rows moved to the integrity app (integrity 0002, decision 0005)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("duty", "0006_one_letter_per_year"),
        ("integrity", "0002_move_duty_integrity_talks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accountabilitytalk",
            name="kind",
            field=models.CharField(
                choices=[("reminder", "提醒谈话"), ("admonition", "约谈")],
                default="admonition",
                max_length=12,
                verbose_name="类型",
            ),
        ),
        migrations.AlterField(
            model_name="historicalaccountabilitytalk",
            name="kind",
            field=models.CharField(
                choices=[("reminder", "提醒谈话"), ("admonition", "约谈")],
                default="admonition",
                max_length=12,
                verbose_name="类型",
            ),
        ),
    ]

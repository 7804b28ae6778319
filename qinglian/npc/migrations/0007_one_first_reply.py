"""One first reply per suggestion and one re-reply per reply, held by the database (issue #13 item 8).

Concurrent submissions could create several "first" replies before this. Such rows are not deleted: the earliest
stays, the later ones are withdrawn (soft-deleted, with a history row saying why), so the constraint can be built."""

from django.db import migrations, models

from qinglian.core.migrating import withdraw_duplicates

REASON = "升级时发现重复的首次答复（同时提交所致），保留最早登记的一条"


def withdraw_duplicate_first_replies(apps, schema_editor):
    withdraw_duplicates(apps, "npc", "Reply", lambda r: None if r.is_rereply else r.suggestion_id, REASON)


class Migration(migrations.Migration):
    dependencies = [("npc", "0006_extension_requested_by")]

    operations = [
        migrations.RunPython(withdraw_duplicate_first_replies, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reply",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True), ("is_rereply", False)),
                fields=("suggestion",),
                name="npc_one_first_reply",
                violation_error_message="该建议已答复；代表不满意的，登记满意度后再登记重新答复",
            ),
        ),
        migrations.AddConstraint(
            model_name="reply",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True), ("is_rereply", True)),
                fields=("replaces",),
                name="npc_one_rereply",
                violation_error_message="该答复已重新答复",
            ),
        ),
        migrations.AlterConstraint(
            model_name="satisfactionrecord",
            name="npc_one_satisfaction",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=("reply",),
                name="npc_one_satisfaction",
                violation_error_message="该答复已登记满意度",
            ),
        ),
    ]

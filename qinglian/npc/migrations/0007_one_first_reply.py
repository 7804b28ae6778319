"""One first reply per suggestion and one re-reply per reply, held by the database (issue #13 item 8).

Concurrent submissions could create several "first" replies before this. Such rows are not deleted: the earliest
stays, the later ones are withdrawn (soft-deleted, with a history row saying why), so the constraint can be built."""

from django.db import migrations, models
from django.utils import timezone

REASON = "升级时发现重复的首次答复（同时提交所致），保留最早登记的一条"


def withdraw_duplicate_first_replies(apps, schema_editor):
    Reply = apps.get_model("npc", "Reply")
    HistoricalReply = apps.get_model("npc", "HistoricalReply")
    seen: set[int] = set()
    live = Reply.objects.filter(deleted_at__isnull=True, is_rereply=False).order_by("suggestion_id", "id")
    now = timezone.now()
    for reply in live:
        if reply.suggestion_id not in seen:
            seen.add(reply.suggestion_id)
            continue
        reply.deleted_at = now
        reply.save(update_fields=["deleted_at"])
        fields = {f.attname: getattr(reply, f.attname) for f in Reply._meta.concrete_fields}
        HistoricalReply.objects.create(**fields, history_date=now, history_type="~", history_change_reason=REASON)
        print(f"  答复 #{reply.pk}（建议 #{reply.suggestion_id}）：{REASON}")


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

"""Integrity talks move home (decision 0005): every duty.AccountabilityTalk of kind 廉政谈话 is copied into
IntegrityTalk and the duty row is soft-deleted — nothing is deleted for real, and each side's history says where the
talk went. The copy keeps the organ, date, unit, creation time and who talked with whom (talker = 约谈人, subject =
被约谈人); its points are the reason and the outcome; its kind is 任前 when the reason says 任前/新提任, 转岗/交流
when it says 转岗/交流, else 一般性廉政谈话; `moved_from_duty_talk` names the duty row. A duty row already
withdrawn is copied as withdrawn.

Reversed, the duty rows the move withdrew are restored and the copies removed (with their history rows). A copy
withdrawn after the move leaves its duty row withdrawn.
"""

from django.db import migrations
from django.utils import timezone

MOVED = "移入廉政谈话台账（决定0005）"
CREATED = "由约谈记录迁入（决定0005）"
RESTORED = "迁回约谈记录（撤销迁移0002）"


def talk_kind(reason: str) -> str:
    """The integrity kind a duty talk's reason points to."""
    if "任前" in reason or "新提任" in reason:
        return "pre_appointment"
    if "转岗" in reason or "交流" in reason:
        return "transfer"
    return "general"


def _points(talk) -> str:
    reason, outcome = (talk.reason or "").strip(), (talk.outcome or "").strip()
    return f"{reason}\n\n谈话结果：{outcome}" if outcome else reason


def forwards(apps, schema_editor):
    Duty = apps.get_model("duty", "AccountabilityTalk")
    DutyHistory = apps.get_model("duty", "HistoricalAccountabilityTalk")
    Talk = apps.get_model("integrity", "IntegrityTalk")
    TalkHistory = apps.get_model("integrity", "HistoricalIntegrityTalk")
    now = timezone.now()
    moved = set(Talk.objects.exclude(moved_from_duty_talk=None).values_list("moved_from_duty_talk", flat=True))
    for old in Duty.objects.filter(kind="integrity").order_by("id"):
        if old.pk in moved:
            continue
        same = old.interviewer_id == old.interviewee_id  # never allowed by the service; kept, without a subject
        talk = Talk.objects.create(
            organ_id=old.organ_id,
            created_at=old.created_at,
            deleted_at=old.deleted_at,
            deleted_by_id=old.deleted_by_id,
            kind=talk_kind(old.reason or ""),
            date=old.date,
            talker_id=old.interviewer_id,
            subject_id=None if same else old.interviewee_id,
            unit_id=old.unit_id,
            points=_points(old),
            moved_from_duty_talk=old.pk,
        )
        fields = {f.attname: getattr(talk, f.attname) for f in Talk._meta.concrete_fields}
        TalkHistory.objects.create(**fields, history_date=now, history_type="+", history_change_reason=CREATED)
        if old.deleted_at is None:
            old.deleted_at = now
            old.save(update_fields=["deleted_at"])
            fields = {f.attname: getattr(old, f.attname) for f in Duty._meta.concrete_fields}
            DutyHistory.objects.create(**fields, history_date=now, history_type="~", history_change_reason=MOVED)


def backwards(apps, schema_editor):
    Duty = apps.get_model("duty", "AccountabilityTalk")
    DutyHistory = apps.get_model("duty", "HistoricalAccountabilityTalk")
    Talk = apps.get_model("integrity", "IntegrityTalk")
    TalkHistory = apps.get_model("integrity", "HistoricalIntegrityTalk")
    now = timezone.now()
    copies = Talk.objects.exclude(moved_from_duty_talk=None)
    for copy in copies:
        old = Duty.objects.filter(pk=copy.moved_from_duty_talk).first()
        if old is not None and copy.deleted_at is None and old.deleted_at is not None:
            old.deleted_at, old.deleted_by_id = None, None
            old.save(update_fields=["deleted_at", "deleted_by"])
            fields = {f.attname: getattr(old, f.attname) for f in Duty._meta.concrete_fields}
            DutyHistory.objects.create(**fields, history_date=now, history_type="~", history_change_reason=RESTORED)
    ids = list(copies.values_list("pk", flat=True))
    TalkHistory.objects.filter(id__in=ids).delete()
    apps.get_model("integrity", "TalkAttendance").objects.filter(talk_id__in=ids).delete()
    copies.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0001_initial"),
        ("duty", "0006_one_letter_per_year"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""From the SHA-256 chain to HMAC-SM3 (issue #13): verify the old chain, then append the transition row.

The transition row is itself keyed; its prev_hash is the last SHA-256 head, and its detail names that head, the
algorithms and the key's id. The chain head's keyed_from_seq then points at it: `audit verify` checks the rows
before it by SHA-256 and the rest by HMAC-SM3, so history stays verifiable. A chain that does not verify is not
carried over (sealing it with the key would launder the break): the migration stops with the broken link named.
A database with no audit row at all needs no transition: its chain is keyed from the first row.

Uses the pure functions of qinglian.audit.chain and the key of qinglian.audit.keys on purpose: the hash must be
the very one the application computes.
"""

from django.db import migrations
from django.utils import timezone

HEAD = 1


def _verify_legacy(Event, head):
    from qinglian.audit.chain import event_hash, row_values, walk

    rows = Event.objects.filter(seq__gt=head.anchor_seq, seq__lte=head.last_seq).order_by("seq").iterator()
    result = walk(rows, seq=head.anchor_seq + 1, prev=head.anchor_hash, seal=lambda r: event_hash(row_values(r)))
    problem = result.broken.message if result.broken else None
    if problem is None and result.next_seq <= head.last_seq:
        problem = f"第 {result.next_seq}–{head.last_seq} 条缺失"
    if problem is None and result.checked and result.last_hash != head.last_hash:
        problem = f"第 {head.last_seq} 条与链头不符"
    if problem:
        raise RuntimeError(f"审计日志（SHA-256）校验未通过，不能启用密钥签名：{problem}。请先查明原因。")


def forwards(apps, schema_editor):
    from qinglian.audit.chain import keyed_hash, row_values
    from qinglian.audit.keys import audit_key, key_id

    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditChainHead")
    head = Head.objects.filter(pk=HEAD).first()
    last = Event.objects.order_by("-seq").first()
    if head is None and last is None:
        return  # a fresh database: keyed from row 1 (the model's default)
    if head is None:
        head = Head.objects.create(pk=HEAD, last_seq=last.seq, last_hash=last.hash)
    if head.last_seq == 0:
        Head.objects.filter(pk=HEAD).update(keyed_from_seq=1)
        return
    _verify_legacy(Event, head)
    key = audit_key()
    seq = head.last_seq + 1
    event = Event(
        seq=seq,
        created_at=timezone.now(),
        organ_id=None,
        actor_id=None,
        actor_name="",
        action="chain_keyed",
        success=True,
        target_type="",
        target_id="",
        target_repr="审计日志",
        ip="",
        user_agent="",
        detail={
            "from": "sha256",
            "to": "hmac-sm3",
            "legacy_head_seq": head.last_seq,
            "legacy_head_hash": head.last_hash,
            "key_id": key_id(key),
        },
        prev_hash=head.last_hash,
    )
    event.hash = keyed_hash(row_values(event), key)
    event.save(force_insert=True)
    Head.objects.filter(pk=HEAD).update(last_seq=seq, last_hash=event.hash, keyed_from_seq=seq)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_keyed_from")]

    # Backwards: nothing to undo in data (the transition row stays, append-only); 0003's reversal drops the field.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]

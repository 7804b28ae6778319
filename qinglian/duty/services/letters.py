"""党风廉政建设责任书: the year's letters generated from the roster (selectors.letters.expected_letters),
signing, and 补签 after a personnel event. The rules (DUTY-003/004) read what is recorded here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp
from qinglian.duty.choices import LetterLevel
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.permissions import can_write_letter
from qinglian.duty.selectors.letters import expected_letters
from qinglian.duty.selectors.people import supervising_leaders
from qinglian.org.choices import Role
from qinglian.org.models import Organ, Person, PersonnelEvent
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import unit_heads


@transaction.atomic
def letters_generate(*, organ_id: int, year: int, by: Any, on: dt.date | None = None) -> int:
    """Create the unsigned letters the roster expects and that do not exist yet. Returns how many were made."""
    if not scope_of(by).has(Role.PARTY_OFFICER):
        raise Forbidden("责任书名单由机关党委专责人员生成")
    on = on or clock.today()
    # One generation at a time per organ: a second one waits here and then finds the letters the first made.
    list(Organ.objects.select_for_update().filter(pk=organ_id).values_list("pk", flat=True))
    have = set(ResponsibilityLetter.objects.filter(organ_id=organ_id, year=year).values_list("signer_id", flat=True))
    made = 0
    for expected in expected_letters(organ_id, year, on):
        if expected.signer_id in have:
            continue
        letter = ResponsibilityLetter(
            organ_id=organ_id,
            year=year,
            level=expected.level,
            issuer_id=expected.issuer_id,
            signer_id=expected.signer_id,
            unit_id=expected.unit_id,
        )
        stamp(letter, by)
        letter.save()
        made += 1
    return made


@transaction.atomic
def letter_save(*, letter: ResponsibilityLetter, by: Any) -> ResponsibilityLetter:
    """Record or correct a letter (e.g. its signed date after the scan is uploaded)."""
    if not can_write_letter(by, letter.level, letter.unit_id):
        raise Forbidden("只有机关党委专责人员或本委室负责人可以登记该责任书")
    if letter.signed_on and letter.signed_on > clock.today():
        raise InvalidInput("签订日期不能晚于今天")
    if letter.signed_on and letter.signed_on.year not in (letter.year - 1, letter.year):
        raise InvalidInput(f"签订日期应在{letter.year}年度内（或上年末提前签订）")
    if letter.issuer_id and letter.issuer_id == letter.signer_id:
        raise InvalidInput("签发人与签订人不能是同一人")
    duplicate = ResponsibilityLetter.objects.filter(
        organ_id=letter.organ_id, year=letter.year, signer_id=letter.signer_id, trigger_event__isnull=True
    ).exclude(pk=letter.pk)
    if letter.trigger_event_id is None and duplicate.exists():
        raise InvalidInput("此人本年度已有责任书")
    return save_checked(letter, by=by)


@transaction.atomic
def letter_sign(*, letter: ResponsibilityLetter, signed_on: dt.date, by: Any) -> ResponsibilityLetter:
    letter.signed_on = signed_on
    return letter_save(letter=letter, by=by)


@transaction.atomic
def letter_for_event(*, event: PersonnelEvent, by: Any) -> ResponsibilityLetter:
    """补签 after a personnel event (调入、任职、提拔、转岗): an unsigned letter for the person's new post."""
    person = Person.objects.get(pk=event.person_id)
    unit_id = event.to_unit_id or person.unit_id
    existing = ResponsibilityLetter.objects.filter(trigger_event=event).first()
    if existing:
        return existing
    heads = unit_heads(person.organ_id).get(unit_id, [])
    is_head = person.pk in heads
    level = LetterLevel.UNIT_HEAD if is_head else LetterLevel.CADRE
    issuer = supervising_leaders(person.organ_id, event.date).get(unit_id) if is_head else next(iter(heads), None)
    letter = ResponsibilityLetter(
        organ_id=person.organ_id,
        year=event.date.year,
        level=level,
        issuer_id=issuer if issuer != person.pk else None,
        signer=person,
        unit_id=unit_id,
        trigger_event=event,
        note=f"因{event.get_kind_display()}补签",
    )
    return letter_save(letter=letter, by=by)

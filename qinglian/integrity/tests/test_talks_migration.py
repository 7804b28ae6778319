"""The move of 廉政谈话 from duty to integrity (decision 0005, integrity 0002): copied, the duty rows withdrawn not
deleted, each side's history saying where the talk went; reversed, the duty rows are back and the copies gone."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from qinglian.duty.models import AccountabilityTalk
from qinglian.integrity.models import IntegrityTalk

move = importlib.import_module("qinglian.integrity.migrations.0002_move_duty_integrity_talks")


@pytest.fixture(scope="module")
def state_apps(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        executor = MigrationExecutor(connection)
        return executor.loader.project_state(("integrity", "0002_move_duty_integrity_talks")).apps


def _duty(org, interviewer, interviewee, kind="integrity", **extra) -> AccountabilityTalk:
    values = {
        "organ": org.organ,
        "kind": kind,
        "date": dt.date(2025, 9, 1),
        "interviewer": interviewer,
        "interviewee": interviewee,
        "unit": org.unit_b,
        "reason": "新提任副处长任前廉政谈话",
    }
    return AccountabilityTalk.objects.create(**(values | extra))


def test_integrity_talks_move_and_come_back(db, state_apps, org, leader, cadre_other_unit, cadre_same_unit):
    lp, cp = leader.person, cadre_other_unit.person
    pre = _duty(org, lp, cp, outcome="本人表态严守纪律")
    moved = _duty(org, lp, cadre_same_unit.person, reason="干部交流轮岗廉政谈话", unit=org.unit_a)
    general = _duty(org, lp, cp, reason="节前廉洁提醒")
    withdrawn = _duty(org, lp, cp, reason="重复登记的谈话", deleted_at=timezone.now())
    admonition = _duty(org, lp, cp, kind="admonition", reason="任务逾期约谈")

    move.forwards(state_apps, None)

    copies = {t.moved_from_duty_talk: t for t in IntegrityTalk.all_objects.all()}
    assert set(copies) == {pre.pk, moved.pk, general.pk, withdrawn.pk}  # never an 约谈
    assert [copies[x.pk].kind for x in (pre, moved, general)] == ["pre_appointment", "transfer", "general"]
    copy = copies[pre.pk]
    assert (copy.talker, copy.subject, copy.unit, copy.date, copy.organ) == (lp, cp, org.unit_b, pre.date, org.organ)
    assert copy.points == "新提任副处长任前廉政谈话\n\n谈话结果：本人表态严守纪律"
    assert copy.created_at == pre.created_at
    assert copy.history.get().history_change_reason == move.CREATED
    assert copies[withdrawn.pk].deleted_at is not None  # withdrawn stays withdrawn
    # nothing deleted for real: the duty rows are withdrawn, and say why
    assert AccountabilityTalk.all_objects.count() == 5
    assert list(AccountabilityTalk.objects.values_list("pk", flat=True)) == [admonition.pk]
    assert pre.history.latest().history_change_reason == move.MOVED
    assert IntegrityTalk.objects.count() == 3

    move.forwards(state_apps, None)  # run twice, moved once
    assert IntegrityTalk.all_objects.count() == 4

    move.backwards(state_apps, None)
    assert not IntegrityTalk.all_objects.exists()
    alive = set(AccountabilityTalk.objects.values_list("pk", flat=True))
    assert alive == {pre.pk, moved.pk, general.pk, admonition.pk}  # the one withdrawn before stays withdrawn


def test_kinds_read_from_the_reason():
    assert move.talk_kind("对新提任干部进行谈话") == "pre_appointment"
    assert move.talk_kind("转岗谈话") == "transfer"
    assert move.talk_kind("年度廉政谈话") == "general"

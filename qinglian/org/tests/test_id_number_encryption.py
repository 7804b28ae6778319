"""ID numbers at rest: the database holds SM4 ciphertext only, lookups go through the keyed digest, and pages,
exports and the roster import work as before (#13 item 5)."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.core import serializers
from django.core.exceptions import FieldError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.core import crypto
from qinglian.core.errors import InvalidInput
from qinglian.core.importing import Action
from qinglian.org.models import Person
from qinglian.org.roster import roster_apply, roster_parse
from qinglian.org.services import person_save
from qinglian.org.tests.factories import PersonFactory
from qinglian.org.tests.test_roster import ident, row, xlsx

NUMBER = "11010519491231002X"


def _raw(table: str, column: str, where: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {where} = %s", [pk])
        return cursor.fetchall()


def test_the_database_holds_no_plaintext_id_number(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    person.post = "副主任"
    person.save()
    [(stored, digest)] = _raw("org_person", "id_number, id_number_digest", "id", person.pk)
    assert NUMBER not in stored and stored.startswith("sm4g1$")
    assert digest == crypto.digest(NUMBER) and NUMBER not in digest
    history = _raw("org_historicalperson", "id_number", "id", person.pk)
    assert len(history) == 2 and all(NUMBER not in value and value.startswith("sm4g1$") for (value,) in history)
    assert Person.objects.get(pk=person.pk).id_number == NUMBER  # Python sees the plaintext


def test_a_person_is_found_by_id_number_through_the_digest(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    PersonFactory(organ=org.organ, unit=org.unit_a, id_number=ident())
    assert list(Person.objects.with_id_number(NUMBER.lower() + " ")) == [person]
    assert list(Person.objects.with_id_number("110105194912310037")) == []
    assert person not in Person.objects.without_id_number()


def test_filtering_on_the_encrypted_column_fails_loudly_instead_of_finding_nothing(org):
    with pytest.raises(FieldError, match="加密字段"):
        Person.objects.filter(id_number=NUMBER).exists()


def test_a_changed_id_number_changes_its_digest_before_saving(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    person.id_number = ident()
    assert person.id_number_digest == crypto.digest(ident())
    person.save()
    assert list(Person.objects.with_id_number(ident())) == [person]
    assert not Person.objects.with_id_number(NUMBER).exists()


def test_the_same_id_number_twice_in_the_organ_is_refused_through_the_digest(org):
    PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    twin = PersonFactory.build(organ=org.organ, unit=org.unit_b, id_number=NUMBER.lower())
    with pytest.raises(InvalidInput):
        person_save(person=twin, by=None)
    assert Person.objects.with_id_number(NUMBER).count() == 1


def test_the_roster_import_matches_an_existing_person_by_id_number(org, party_officer):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, name="张三", id_number=ident(), post="科员")
    plan = roster_parse(
        organ=org.organ, data=xlsx([row("张三", post="副主任", branch=None, status="群众", joined=None)])
    )
    assert [(r.row, r.action) for r in plan.rows] == [(2, Action.UPDATE)]
    roster_apply(plan=plan, mode="all", by=party_officer)
    person.refresh_from_db()
    assert person.post == "副主任" and Person.objects.filter(name="张三").count() == 1


def test_the_export_shows_the_number_to_the_office_decrypted(client, party_officer, cadre_same_unit):
    client.force_login(party_officer)
    response = client.get(reverse("person_list") + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    target = next(r for r in rows if r[1] == "cadre_same_unit")
    assert target[3] == cadre_same_unit.person.id_number and not target[3].startswith("sm4g1")


def test_a_backup_holds_the_ciphertext_and_restores_the_number(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    dumped = serializers.serialize("json", [person])
    assert NUMBER not in dumped
    fields = json.loads(dumped)[0]["fields"]
    assert fields["id_number"].startswith("sm4g1$") and fields["id_number_digest"] == crypto.digest(NUMBER)
    [loaded] = serializers.deserialize("json", dumped)
    assert loaded.object.id_number == NUMBER


def test_the_migration_encrypts_numbers_written_before_it(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE org_person SET id_number = %s, id_number_digest = '' WHERE id = %s", [NUMBER, person.pk])
    migration = importlib.import_module("qinglian.org.migrations.0004_person_id_number_encrypted")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    from django.apps import apps

    migration.encrypt(apps, editor)
    migration.encrypt(apps, editor)  # a second run leaves encrypted values as they are
    [(stored, digest)] = _raw("org_person", "id_number, id_number_digest", "id", person.pk)
    assert stored.startswith("sm4g1$") and digest == crypto.digest(NUMBER)
    assert Person.objects.with_id_number(NUMBER).get().id_number == NUMBER


def test_after_a_key_rotation_rekeydata_puts_numbers_and_files_under_the_new_key(org, settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    settings.QINGLIAN_DATA_KEY, settings.QINGLIAN_DATA_KEY_OLD = "a" * 40, ""
    person = PersonFactory(organ=org.organ, unit=org.unit_a, id_number=NUMBER)
    sealed = tmp_path / "evidence" / "talk.pdf"
    sealed.parent.mkdir()
    with sealed.open("wb") as out:
        crypto.encrypt_stream(io.BytesIO(b"%PDF-1.4 " * 10000), out)

    settings.QINGLIAN_DATA_KEY, settings.QINGLIAN_DATA_KEY_OLD = "b" * 40, "a" * 40
    assert Person.objects.get(pk=person.pk).id_number == NUMBER  # the old key still reads
    assert not Person.objects.with_id_number(NUMBER).exists()  # but the digest is the old key's
    out = io.StringIO()
    call_command("rekeydata", stdout=out)
    assert "重新加密" in out.getvalue()

    settings.QINGLIAN_DATA_KEY_OLD = ""  # the old key can go now
    assert Person.objects.with_id_number(NUMBER).get().id_number == NUMBER
    assert Person.history.filter(id=person.pk).first().id_number == NUMBER
    with sealed.open("rb") as handle:
        assert crypto.file_key_id(handle) == crypto.current_key().key_id
        assert b"".join(crypto.decrypt_segments(handle)) == b"%PDF-1.4 " * 10000

"""ID numbers encrypted at rest (SM4-GCM) with a keyed digest for lookups (#13 item 5, docs/decisions/0011).

The column becomes text (the ciphertext is longer than 18 characters), every existing number — in the people and
in their history — is encrypted in place and its digest filled, and the uniqueness moves to the digest. It reads
and writes the columns with plain SQL: the model field would refuse to decrypt a value that is still plaintext.
Needs QINGLIAN_DATA_KEY (or DEBUG/tests) like the running site; reversing writes the plaintext back.
"""

from django.db import migrations, models

import qinglian.core.encrypted

TABLES = (("person", "id"), ("historicalperson", "history_id"))
CONTEXT = "org.person.id_number"


def _rewrite(apps, schema_editor, convert):
    connection = schema_editor.connection
    for model_name, pk in TABLES:
        table = connection.ops.quote_name(apps.get_model("org", model_name)._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, id_number FROM {table} WHERE id_number <> ''")
            rows = cursor.fetchall()
            for row_id, value in rows:
                cursor.execute(
                    f"UPDATE {table} SET id_number = %s, id_number_digest = %s WHERE {pk} = %s",
                    [*convert(value), row_id],
                )


def encrypt(apps, schema_editor):
    from qinglian.core import crypto

    def convert(value):
        if crypto.is_encrypted_value(value):  # already done (a re-run after a partial failure)
            plain = crypto.decrypt_value(value, context=CONTEXT)
            return value, crypto.digest(plain)
        return crypto.encrypt_value(value, context=CONTEXT), crypto.digest(value)

    _rewrite(apps, schema_editor, convert)


def decrypt(apps, schema_editor):
    from qinglian.core import crypto

    def convert(value):
        if crypto.is_encrypted_value(value):
            return crypto.decrypt_value(value, context=CONTEXT), ""
        return value, ""

    _rewrite(apps, schema_editor, convert)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0003_login_security"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="person",
            name="org_person_unique_id_number",
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="id_number_digest",
            field=qinglian.core.encrypted.DigestField(db_index=True, source="id_number", verbose_name="身份证号摘要"),
        ),
        migrations.AddField(
            model_name="person",
            name="id_number_digest",
            field=qinglian.core.encrypted.DigestField(db_index=True, source="id_number", verbose_name="身份证号摘要"),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="id_number",
            field=qinglian.core.encrypted.EncryptedCharField(
                blank=True, default="", digest_field="id_number_digest", max_length=18, verbose_name="身份证号"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="id_number",
            field=qinglian.core.encrypted.EncryptedCharField(
                blank=True, default="", digest_field="id_number_digest", max_length=18, verbose_name="身份证号"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("deleted_at__isnull", True), models.Q(("id_number_digest", ""), _negated=True)),
                fields=("organ", "id_number_digest"),
                name="org_person_unique_id_number",
            ),
        ),
    ]

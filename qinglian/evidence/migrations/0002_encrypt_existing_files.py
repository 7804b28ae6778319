"""Evidence files written before encryption at rest are encrypted in place (#13 item 5, docs/decisions/0011).

Each file is read, encrypted beside itself and moved over the original in one rename, so an interrupted run
leaves every file either plain or encrypted, and a re-run skips the encrypted ones. A file that is missing stays
missing (the download already says so). The recorded size and SHA-256 stay those of the plaintext.
Reversing decrypts them again.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import migrations


def _files(apps):
    root = Path(settings.MEDIA_ROOT)
    for stored_path in apps.get_model("evidence", "Evidence").objects.values_list("stored_path", flat=True):
        path = root / stored_path
        if path.is_file():
            yield path


def _rewrite(path, write):
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".rewrite-")
    try:
        with path.open("rb") as source, os.fdopen(fd, "wb") as out:
            write(source, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def encrypt(apps, schema_editor):
    from qinglian.core import crypto

    for path in _files(apps):
        with path.open("rb") as handle:
            if crypto.is_encrypted_file(handle):
                continue
        _rewrite(path, crypto.encrypt_stream)


def decrypt(apps, schema_editor):
    from qinglian.core import crypto

    def plain(source, out):
        for segment in crypto.decrypt_segments(source):
            out.write(segment)

    for path in _files(apps):
        with path.open("rb") as handle:
            if not crypto.is_encrypted_file(handle):
                continue
        _rewrite(path, plain)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(encrypt, decrypt, elidable=False)]

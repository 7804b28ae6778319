"""`qinglian rekeydata`: after a data-key rotation, put every encrypted value and file under the current key.

Rotation (docs/operations.md): the new key in QINGLIAN_DATA_KEY, the old one in QINGLIAN_DATA_KEY_OLD, restart,
then run this. Every EncryptedCharField column of every model (history tables included) is decrypted with
whichever key its value names and written again under the current key, with its digest recomputed — so lookups
by ID number find the old rows again; every encrypted file under MEDIA_ROOT with another key id is rewritten
beside itself and renamed over the original. Re-running is harmless. Afterwards the old key may be dropped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from qinglian.core import crypto
from qinglian.core.encrypted import EncryptedCharField


class Command(BaseCommand):
    help = "数据密钥轮换后，将全部加密字段和加密文件改用当前密钥重新加密"

    def handle(self, *args: Any, **options: Any) -> None:
        rows = self._values()
        files = self._files()
        self.stdout.write(f"已用当前密钥（{crypto.current_key().key_id}）重新加密：{rows} 个字段值，{files} 个文件")

    def _values(self) -> int:
        count = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
            if not fields:
                continue
            manager = model._base_manager  # soft-deleted rows too
            with transaction.atomic():
                for row in list(manager.select_for_update().only("pk", *[f.name for f in fields])):
                    changes = {f.name: getattr(row, f.name) for f in fields}  # decrypted with whichever key
                    changes |= {f.digest_field: crypto.digest(changes[f.name]) for f in fields if f.digest_field}
                    manager.filter(pk=row.pk).update(**changes)  # encrypted again under the current key
                    count += sum(1 for f in fields if changes[f.name])
        return count

    def _files(self) -> int:
        current, count = crypto.current_key().key_id, 0
        for path in sorted(Path(settings.MEDIA_ROOT).rglob("*")):
            if not path.is_file():
                continue
            with path.open("rb") as handle:
                key_id = crypto.file_key_id(handle)
            if key_id is None or key_id == current:
                continue
            _rewrite(path)
            count += 1
        return count


def _rewrite(path: Path) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".rekey-")
    try:
        with path.open("rb") as source, os.fdopen(fd, "wb") as out:
            crypto.reencrypt_stream(source, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise

"""Backup and restore of a whole installation: the database as Django's JSON, the files under MEDIA_ROOT, and a
manifest of SHA-256 hashes (docs/operations.md).

- Consistent while the site runs: the whole dump is read in one transaction (PostgreSQL REPEATABLE READ,
  READ ONLY; SQLite a deferred read transaction over its WAL, which does not hold the write lock). Files are
  copied after the database: a row in the dump always finds its file (a file is put
  in place before its row commits), and a file uploaded meanwhile is a harmless extra.
- The same format on both databases, so a backup of the embedded SQLite install restores onto PostgreSQL.
- Restore goes only onto an empty installation at the same migration state, in one transaction: the tables
  are emptied (including what `migrate` seeded: the dump has it, with the same ids) and loaded; the files are
  checked against the manifest before anything is written.

Plain Python under the management commands `qinglian backup` and `qinglian restore`. Core sits below the apps, so
the few models it must name are looked up by label, never imported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from qinglian.core import backup_format
from qinglian.core.errors import Conflict, InvalidInput

FORMAT = 1
DATABASE_FILE = f"database.{backup_format.NAME}"  # JSON, times to the microsecond
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"
EXCLUDED = ("sessions",)  # logins do not survive a restore; everything else does
SKIPPED_DIRS = {".incoming"}  # uploads being written: not yet anybody's file
# An installation holding any of these is not empty: restoring over it would destroy its records.
OCCUPIED_BY = ("org.Organ", "org.User", "audit.AuditEvent")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- backup ------------------------------------------------------------------------------------------------


def backup(target: Path) -> BackupResult:
    """Write a backup into `target` (a new or empty directory). Raises InvalidInput for a non-empty one."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise InvalidInput(f"备份目录 {target} 不是空的，请指定新的目录")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    with _snapshot() as alias:
        counts = row_counts(alias)
        migrations = applied_migrations(alias)
        head = _audit_head(alias)
        call_command(
            "dumpdata",
            format=_format(),
            exclude=list(EXCLUDED),
            use_base_manager=True,  # soft-deleted rows too: the default managers hide them
            database=alias,
            output=str(target / DATABASE_FILE),
            verbosity=0,
        )
    (target / DATABASE_FILE).chmod(0o600)  # personal data: readable by the service account only
    files = _copy_tree(media_root(), target / MEDIA_DIR)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "migrations": migrations,
        "database": {"file": DATABASE_FILE, "sha256": sha256_of(target / DATABASE_FILE)},
        "counts": counts,
        "files": files,
        "audit_head": head,
    }
    _write_json(target / MANIFEST_FILE, manifest)
    return BackupResult(path=target, rows=sum(counts.values()), files=len(files))


@contextlib.contextmanager
def _snapshot() -> Iterator[str]:
    """One transaction that reads one consistent state for as long as the block lasts.

    PostgreSQL: REPEATABLE READ, READ ONLY. SQLite: a DEFERRED read transaction (the site's own transactions
    take the write lock at BEGIN IMMEDIATE, which a backup must not hold); in WAL mode, as configured, a reader
    sees the snapshot of its first read and writers carry on meanwhile. Inside a caller's transaction, that one.
    """
    outer = connection.in_atomic_block
    connection.ensure_connection()
    saved_mode = getattr(connection, "transaction_mode", None)
    if connection.vendor == "sqlite" and not outer:
        connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not outer:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            elif connection.vendor == "sqlite":
                cursor.execute("SELECT count(*) FROM sqlite_master")  # the snapshot starts at the first read
            yield DEFAULT_DB_ALIAS
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = saved_mode


def _format() -> str:
    serializers.register_serializer(backup_format.NAME, "qinglian.core.backup_format")
    return backup_format.NAME


def row_counts(alias: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per table (M2M link tables included), as the backup holds them."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or model._meta.app_label in EXCLUDED:
            continue
        counts[model._meta.label] = model._base_manager.using(alias).count()
    return counts


def applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _audit_head(alias: str) -> dict[str, Any]:
    head = apps.get_model("audit", "AuditChainHead")._base_manager.using(alias).first()
    return {"seq": head.last_seq, "hash": head.last_hash} if head is not None else {"seq": 0, "hash": ""}


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not SKIPPED_DIRS & set(path.relative_to(root).parts):
            yield path


def _copy_tree(source: Path, destination: Path) -> dict[str, str]:
    """Copy every file, hashing what was copied (the copy, not the source, is what the manifest vouches for)."""
    hashes = {}
    for path in _media_files(source):
        relative = path.relative_to(source).as_posix()
        copied = destination / relative
        copied.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(path, copied)
        hashes[relative] = sha256_of(copied)
    return hashes


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    path.chmod(0o600)


# --- restore -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    rows: int
    files: int
    audit_head: dict[str, Any]


def restore(source: Path) -> RestoreResult:
    """Restore the backup in `source` onto this empty installation.

    Refuses (InvalidInput) a backup whose files do not match its manifest or whose migrations differ from this
    installation's, and (Conflict) an installation that already holds records or files.
    """
    source = Path(source)
    manifest = read_manifest(source)
    _check_migrations(manifest)
    _check_empty()
    copied = _restore_files(source / MEDIA_DIR, manifest["files"])
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(source / DATABASE_FILE), format=_format(), verbosity=0)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    apps.get_model("contenttypes", "ContentType").objects.clear_cache()
    return RestoreResult(rows=sum(manifest["counts"].values()), files=len(copied), audit_head=manifest["audit_head"])


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest, after checking the dump and every file against it."""
    try:
        manifest = json.loads((source / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InvalidInput(f"{source} 中没有可读的备份清单 {MANIFEST_FILE}，不是 qinglian backup 生成的备份") from None
    if manifest.get("format") != FORMAT:
        raise InvalidInput(f"备份格式 {manifest.get('format')!r} 不受支持（本系统为 {FORMAT}）")
    expected = {DATABASE_FILE: manifest["database"]["sha256"]}
    expected |= {f"{MEDIA_DIR}/{name}": digest for name, digest in manifest["files"].items()}
    for name, digest in expected.items():
        path = source / name
        if not path.is_file() or sha256_of(path) != digest:
            raise InvalidInput(f"备份文件 {name} 缺失或与清单中的 SHA-256 不符，备份已损坏或被改动，不能恢复")
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    if sorted(manifest["migrations"]) != applied_migrations():
        raise InvalidInput("备份与本系统的数据库结构版本不一致：请先安装与备份时相同的版本并运行 qinglian migrate")


def _check_empty() -> None:
    occupied = [label for label in OCCUPIED_BY if apps.get_model(label)._base_manager.exists()]
    if occupied:
        names = "、".join(apps.get_model(label)._meta.verbose_name for label in occupied)
        raise Conflict(f"只能恢复到空的系统：本系统已有{names}等数据。请在新安装（仅运行过 qinglian migrate）上恢复")
    if any(True for _ in _media_files(media_root())):
        raise Conflict(f"只能恢复到空的系统：附件目录 {media_root()} 中已有文件")


def _restore_files(source: Path, files: dict[str, str]) -> list[Path]:
    root = media_root().resolve()
    targets = {relative: (root / relative).resolve() for relative in sorted(files)}
    for relative, destination in targets.items():
        if root not in destination.parents:  # a manifest naming ../ must not write outside MEDIA_ROOT
            raise InvalidInput(f"备份清单中的文件路径 {relative} 超出附件目录，不能恢复")
    copied = []
    try:
        for relative, destination in targets.items():
            destination.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
            shutil.copy2(source / relative, destination)
            copied.append(destination)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    return copied

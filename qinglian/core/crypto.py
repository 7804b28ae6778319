"""Encryption at rest (等保 2.0 8.1.4.8/8.1.4.9 数据保密性): SM4-GCM (GB/T 32907) for ID numbers and evidence files,
HMAC-SM3 (GB/T 32905) digests so an encrypted value can still be found by equality.

One secret, QINGLIAN_DATA_KEY (environment only, never the database; at least 32 characters), gives three keys
by HMAC-SM3 with a label each: the SM4 key, the digest key and an eight-hex key id. Every ciphertext names its
key id, so a rotated key is found by id among QINGLIAN_DATA_KEY_OLD (docs/decisions/0011-encryption-at-rest.md).
Under DEBUG and in tests a development key derived from SECRET_KEY stands in; in production there is no fallback:
encrypting or decrypting without the key raises, and `qinglian check --deploy` refuses (qinglian.core.E010).

Values:  "sm4g1$<key id>$<base64url(nonce ‖ ciphertext ‖ tag)>", the column's label as associated data.
Files:   a header (magic, version, key id, nonce prefix) then 64 KiB segments, each SM4-GCM with its own tag; the
         nonce carries the segment number and a last-segment flag, so a segment moved, dropped or cut off fails
         (the STREAM construction) and a reader can release each segment only after its tag is checked.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import io
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from qinglian.core.errors import Conflict

MIN_KEY_LENGTH = 32
VALUE_PREFIX = "sm4g1"
FILE_MAGIC = b"QLSM4G\x00\x01"  # 8 bytes: name, then format version 1
SEGMENT = 64 * 1024
TAG = 16
_NONCE_PREFIX = 7  # + 4-byte segment number + 1-byte last flag = the 12-byte GCM nonce
FILE_HEADER = len(FILE_MAGIC) + 8 + _NONCE_PREFIX
_DEV_LABEL = b"qinglian-data-development-key:"
TAMPERED = "加密数据校验失败：数据可能已被篡改，或密钥与加密时不一致，请联系系统管理员"


class TamperedData(Conflict):
    """A ciphertext whose tag does not verify, or whose key is not configured: never returned as if plain."""

    code = "data_tampered"


@dataclass(frozen=True)
class DataKey:
    key_id: str  # 8 hex characters, stored with every ciphertext
    cipher_key: bytes  # 16 bytes for SM4
    digest_key: bytes  # 32 bytes for HMAC-SM3


def _derive(secret: bytes) -> DataKey:
    def label(name: bytes) -> bytes:
        return hmac.new(secret, b"qinglian-data-" + name, "sm3").digest()

    return DataKey(key_id=label(b"key-id").hex()[:8], cipher_key=label(b"sm4-key")[:16], digest_key=label(b"digest"))


def configured_key() -> str:
    return str(getattr(settings, "QINGLIAN_DATA_KEY", "") or "")


def development_key_allowed() -> bool:
    """DEBUG, or a test run (pytest sets PYTEST_CURRENT_TEST, inherited by the commands a test starts)."""
    return bool(settings.DEBUG) or "PYTEST_CURRENT_TEST" in os.environ


def current_key() -> DataKey:
    """The key new ciphertexts and digests use. Without QINGLIAN_DATA_KEY outside DEBUG/tests this raises:
    data encrypted under a stand-in key would be lost the day the real key is set."""
    secret = configured_key()
    if secret:
        return _cached(secret.encode("utf-8"))
    if not development_key_allowed():
        raise ImproperlyConfigured("未设置数据加密密钥 QINGLIAN_DATA_KEY，不能读写加密数据（见 docs/operations.md）")
    return _cached(hashlib.sha256(_DEV_LABEL + settings.SECRET_KEY.encode("utf-8")).digest())


def key_by_id(key_id: str) -> DataKey:
    """The current key or a retired one (QINGLIAN_DATA_KEY_OLD, comma-separated) with this id."""
    current = current_key()
    if key_id == current.key_id:
        return current
    for old in str(getattr(settings, "QINGLIAN_DATA_KEY_OLD", "") or "").split(","):
        if old.strip() and _cached(old.strip().encode("utf-8")).key_id == key_id:
            return _cached(old.strip().encode("utf-8"))
    raise TamperedData(TAMPERED, detail={"key_id": key_id})


@functools.lru_cache(maxsize=8)
def _cached(secret: bytes) -> DataKey:
    return _derive(secret)


# --- values ----------------------------------------------------------------------------------------------


def digest(value: str) -> str:
    """The keyed digest of a value for equality search (64 hex), "" for "": same value, same digest, and
    without the key nobody can test a guess (an ID number has too few possibilities for a plain hash)."""
    if not value:
        return ""
    return hmac.new(current_key().digest_key, value.encode("utf-8"), "sm3").hexdigest()


def encrypt_value(value: str, *, context: str) -> str:
    """ "" stays "" (an empty field is not a secret, and "has a value" stays a plain query)."""
    if not value:
        return ""
    key = current_key()
    nonce = os.urandom(12)
    aad = f"{VALUE_PREFIX}${key.key_id}${context}".encode()
    encryptor = Cipher(algorithms.SM4(key.cipher_key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    body = encryptor.update(value.encode("utf-8")) + encryptor.finalize() + encryptor.tag
    return f"{VALUE_PREFIX}${key.key_id}${base64.urlsafe_b64encode(nonce + body).decode('ascii')}"


def is_encrypted_value(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(VALUE_PREFIX + "$")


def decrypt_value(stored: str, *, context: str) -> str:
    """The plaintext, or TamperedData when the stored text is not one of our ciphertexts or does not verify."""
    if not stored:
        return ""
    try:
        prefix, key_id, encoded = stored.split("$", 2)
        raw = base64.urlsafe_b64decode(encoded.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise TamperedData(TAMPERED) from None
    if prefix != VALUE_PREFIX or len(raw) < 12 + TAG:
        raise TamperedData(TAMPERED)
    key = key_by_id(key_id)
    nonce, body, tag = raw[:12], raw[12:-TAG], raw[-TAG:]
    decryptor = Cipher(algorithms.SM4(key.cipher_key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(f"{VALUE_PREFIX}${key_id}${context}".encode())
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except (InvalidTag, UnicodeDecodeError):
        raise TamperedData(TAMPERED) from None


# --- files -----------------------------------------------------------------------------------------------


def encrypted_size(plain_size: int) -> int:
    """The size on disk of a file of `plain_size` bytes: header, the bytes, one tag per segment (at least one)."""
    segments = max(1, -(-plain_size // SEGMENT))
    return FILE_HEADER + plain_size + segments * TAG


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


def encrypt_stream(source: BinaryIO, out: BinaryIO) -> None:
    """Write `source`'s bytes to `out` encrypted, segment by segment (never the whole file in memory)."""
    key = current_key()
    prefix = os.urandom(_NONCE_PREFIX)
    header = FILE_MAGIC + key.key_id.encode("ascii") + prefix
    out.write(header)
    number, chunk = 0, _read_full(source, SEGMENT)
    while True:
        following = _read_full(source, SEGMENT) if len(chunk) == SEGMENT else b""
        last = not following
        encryptor = Cipher(algorithms.SM4(key.cipher_key), modes.GCM(_nonce(prefix, number, last))).encryptor()
        encryptor.authenticate_additional_data(header)
        out.write(encryptor.update(chunk) + encryptor.finalize() + encryptor.tag)
        if last:
            return
        number, chunk = number + 1, following


def _read_full(source: BinaryIO, size: int) -> bytes:
    """`size` bytes unless the end comes first: a pipe or a decrypting reader may return less per read, and a
    short segment would be taken for the last one."""
    parts, missing = [], size
    while missing:
        part = source.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def file_key_id(handle: BinaryIO) -> str | None:
    """The key id in an encrypted file's header; None when the file is not one of ours."""
    position = handle.tell()
    header = handle.read(FILE_HEADER)
    handle.seek(position)
    if len(header) != FILE_HEADER or not header.startswith(FILE_MAGIC):
        return None
    return header[len(FILE_MAGIC) : len(FILE_MAGIC) + 8].decode("ascii", "replace")


def reencrypt_stream(source: BinaryIO, out: BinaryIO) -> None:
    """An encrypted file under the current key, segment by segment; the plaintext never touches the disk."""
    encrypt_stream(io.BufferedReader(DecryptingReader(source)), out)


def is_encrypted_file(handle: BinaryIO) -> bool:
    position = handle.tell()
    start = handle.read(len(FILE_MAGIC))
    handle.seek(position)
    return start == FILE_MAGIC


def decrypt_segments(handle: BinaryIO) -> Iterator[bytes]:
    """The plaintext of an encrypted file, one verified segment at a time; TamperedData at the first segment
    that fails (wrong key, changed byte, segments swapped, dropped or cut off)."""
    header = handle.read(FILE_HEADER)
    if len(header) != FILE_HEADER or not header.startswith(FILE_MAGIC):
        raise TamperedData(TAMPERED)
    key = key_by_id(header[len(FILE_MAGIC) : len(FILE_MAGIC) + 8].decode("ascii", "replace"))
    prefix = header[-_NONCE_PREFIX:]
    number, block = 0, handle.read(SEGMENT + TAG)
    while True:
        following = handle.read(SEGMENT + TAG) if len(block) == SEGMENT + TAG else b""
        last = not following
        if len(block) < TAG:
            raise TamperedData(TAMPERED)
        nonce = _nonce(prefix, number, last)
        decryptor = Cipher(algorithms.SM4(key.cipher_key), modes.GCM(nonce, block[-TAG:])).decryptor()
        decryptor.authenticate_additional_data(header)
        try:
            yield decryptor.update(block[:-TAG]) + decryptor.finalize()
        except InvalidTag:
            raise TamperedData(TAMPERED) from None
        if last:
            return
        number, block = number + 1, following


class DecryptingReader(io.RawIOBase):
    """A read-only file object over an encrypted file, for FileResponse. It has no `name`, so FileResponse
    does not take the (larger) size on disk for Content-Length; the caller sets the plaintext size."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__()
        self._handle = handle
        self._segments = decrypt_segments(handle)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            self._pending = next(self._segments, None)  # type: ignore[arg-type]
            if self._pending is None:
                self._pending = b""
                return 0
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


# --- start-up check --------------------------------------------------------------------------------------


@register(Tags.security, deploy=True)
def data_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Production start-up (`qinglian check --deploy --fail-level ERROR`, run before gunicorn) refuses without
    the data key, or with one too short to be a random secret."""
    key = configured_key()
    if not key and not development_key_allowed():
        return [
            Error(
                "未设置数据加密密钥 QINGLIAN_DATA_KEY：生产环境不得无密钥运行（身份证号和佐证材料须加密存储）",
                hint="在环境变量中设置 QINGLIAN_DATA_KEY（不少于 32 个字符的随机串，不得写入数据库、代码或备份），"
                "见 docs/operations.md",
                id="qinglian.core.E010",
            )
        ]
    if key and len(key) < MIN_KEY_LENGTH:
        return [
            Error(
                f"数据加密密钥 QINGLIAN_DATA_KEY 过短（少于 {MIN_KEY_LENGTH} 个字符）",
                hint="请设置如 secrets.token_urlsafe(48) 生成的随机串",
                id="qinglian.core.E011",
            )
        ]
    return []

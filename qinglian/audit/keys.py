"""The secret that seals the audit chain (HMAC-SM3), read from the environment and never stored in the database.

Without a secret anybody holding the code and write access to the database could rewrite rows and re-hash the
whole chain after them; with it they cannot make a row that verifies. The key is QINGLIAN_AUDIT_KEY (at least
32 characters). Under DEBUG and in tests a development key derived from SECRET_KEY stands in; a production
start-up (`qinglian check --deploy`) refuses to go on without the real one (checks.py, qinglian.audit.E002).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os

from django.conf import settings

logger = logging.getLogger("qinglian.audit")

MIN_KEY_LENGTH = 32
_DEV_LABEL = b"qinglian-audit-development-key:"
_KEY_ID_LABEL = b"qinglian-audit-key-id"
_warned = False


def configured_key() -> str:
    return str(getattr(settings, "QINGLIAN_AUDIT_KEY", "") or "")


def development_key_allowed() -> bool:
    """DEBUG, or a test run (pytest sets PYTEST_CURRENT_TEST, inherited by the commands a test starts)."""
    return bool(settings.DEBUG) or "PYTEST_CURRENT_TEST" in os.environ


def audit_key() -> bytes:
    """The key bytes. Falls back to the development key, with one warning per process outside DEBUG/tests:
    refusing here would stop every login and every write of a misconfigured site, so the refusal is the
    deploy check's and the warning is the log's."""
    global _warned
    key = configured_key()
    if key:
        return key.encode("utf-8")
    if not development_key_allowed() and not _warned:
        _warned = True
        logger.error("未设置 QINGLIAN_AUDIT_KEY：审计日志正以开发密钥签名，生产环境必须设置独立密钥")
    return hashlib.sha256(_DEV_LABEL + settings.SECRET_KEY.encode("utf-8")).digest()


def key_id(key: bytes | None = None) -> str:
    """Eight hex characters naming the key without revealing it: tells 'wrong key' from 'forged rows'."""
    return hmac.new(key or audit_key(), _KEY_ID_LABEL, "sm3").hexdigest()[:8]

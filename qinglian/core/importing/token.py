"""The signed token that carries a previewed plan to the confirm step ("确认导入").

A ledger that confirms (`LedgerImport.confirm`) shows its preview with the plan in a hidden field, signed with the
site's key, bound to the account that previewed it and valid for `MAX_AGE`: the confirm step writes exactly what
was previewed, without a second upload, and refuses a token that was altered, has expired, or is someone else's.
The payload is JSON (dates tagged so they come back as dates), never a pickle.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core import signing

from qinglian.core.errors import InvalidInput

MAX_AGE = 2 * 60 * 60  # a preview left open over lunch can still be confirmed
UNVERIFIABLE = "导入内容无法核验，请重新上传文件"
_DATE = "$date"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {_DATE: value.isoformat()}
    raise TypeError(f"{type(value).__name__} cannot go into an import token")


def _decode(obj: dict[str, Any]) -> Any:
    return dt.date.fromisoformat(obj[_DATE]) if obj.keys() == {_DATE} else obj


class _Serializer:
    """JSON, with dates kept as dates (signing's serializer interface: dumps → bytes, loads ← bytes)."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), default=_encode).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), object_hook=_decode)


def sign(payload: dict[str, Any], *, user_id: int, salt: str) -> str:
    return signing.dumps({"user": user_id, "plan": payload}, salt=salt, compress=True, serializer=_Serializer)


def unsign(token: str, *, user_id: int, salt: str, max_age: int = MAX_AGE) -> dict[str, Any]:
    """The payload signed for `user_id`; InvalidInput (in Chinese) when it is forged, stale or someone else's."""
    try:
        signed = signing.loads(token, salt=salt, max_age=max_age, serializer=_Serializer)
    except signing.SignatureExpired:
        raise InvalidInput(f"预览已超过{max_age // 3600}小时，请重新上传文件") from None
    except (signing.BadSignature, ValueError):
        raise InvalidInput(UNVERIFIABLE) from None
    if not isinstance(signed, dict) or signed.get("user") != user_id or not isinstance(signed.get("plan"), dict):
        raise InvalidInput(UNVERIFIABLE)
    return signed["plan"]

"""Checks for identity numbers and phone numbers as the organ writes them."""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def id_number_problem(value: str) -> str | None:
    """Why an 18-digit 居民身份证号码 (GB 11643-1999) is wrong, or None when it is well formed."""
    text = value.strip().upper()
    if not _ID_RE.match(text):
        return "应为18位，前17位为数字，末位为数字或X"
    if birth_date_from_id(text) is None:
        return "出生日期段无效"
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS, strict=True))
    if _CHECK[total % 11] != text[17]:
        return "校验码不正确"
    return None


def birth_date_from_id(value: str) -> dt.date | None:
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def gender_from_id(value: str) -> str:
    return "male" if int(value[16]) % 2 else "female"


def with_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + _CHECK[total % 11]


def phone_problem(value: str) -> str | None:
    if value and not _PHONE_RE.match(value.strip()):
        return "手机号码应为11位，或区号-号码"
    return None


# --- password rules (等保2.0 三级 8.1.4.1 a: 口令复杂度) ----------------------------------------------
# Django password validators, listed in settings.AUTH_PASSWORD_VALIDATORS with their parameters. Each says what
# is wrong in Chinese; `validate_password` collects every message, so the person sees all problems at once.

_CLASSES = (
    ("大写字母", re.compile(r"[A-Z]")),
    ("小写字母", re.compile(r"[a-z]")),
    ("数字", re.compile(r"\d")),
    ("特殊字符", re.compile(r"[^A-Za-z0-9]")),
)


def _invalid(message: str, code: str):
    from django.core.exceptions import ValidationError

    return ValidationError(message, code=code)


class LengthValidator:
    """At least `min_length` characters (10 by default)."""

    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) < self.min_length:
            raise _invalid(f"密码至少{self.min_length}位", "password_too_short")

    def get_help_text(self) -> str:
        return f"密码至少{self.min_length}位"


class CharacterClassValidator:
    """At least `min_classes` of the four classes: upper case, lower case, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: object = None) -> None:
        present = sum(1 for _, pattern in _CLASSES if pattern.search(password))
        if present < self.min_classes:
            names = "、".join(name for name, _ in _CLASSES)
            raise _invalid(f"密码须包含{names}中的至少{self.min_classes}类", "password_too_simple")

    def get_help_text(self) -> str:
        return f"须包含大写字母、小写字母、数字、特殊字符中的至少{self.min_classes}类"


def _organ_of(user: object) -> object | None:
    organ = getattr(user, "organ", None)
    if organ is None and getattr(user, "person_id", None):
        organ = user.person.organ  # type: ignore[attr-defined]
    return organ


# The system's own name: with a year after it (Qinglian2026) the first password anyone guesses here.
SYSTEM_NAMES = ("qinglian", "清廉")


class NoIdentityValidator:
    """Not containing the username, the organ's name, short name or code, nor the system's name (case
    ignored): the first things an attacker tries."""

    def validate(self, password: str, user: object = None) -> None:
        text = password.casefold()
        if any(name in text for name in SYSTEM_NAMES):
            raise _invalid("密码不能包含系统名称（qinglian、清廉）", "password_contains_system_name")
        if user is None:
            return
        username = (getattr(user, "username", "") or "").casefold()
        if len(username) >= 3 and username in text:
            raise _invalid("密码不能包含用户名", "password_contains_username")
        organ = _organ_of(user)
        if organ is None:
            return
        names = (organ.name, organ.short_name, organ.code)  # type: ignore[attr-defined]
        if any(len(name) >= 2 and name.casefold() in text for name in names if name):
            raise _invalid("密码不能包含本机关的名称、简称或代码", "password_contains_organ")

    def get_help_text(self) -> str:
        return "不能包含用户名、本机关名称或系统名称"


class PasswordHistoryValidator:
    """Not the current password nor one of the `remember` - 1 before it (their hashes are in PasswordHistory)."""

    def __init__(self, remember: int = 5) -> None:
        self.remember = remember

    def validate(self, password: str, user: object = None) -> None:
        if user is None or getattr(user, "pk", None) is None or self.remember <= 0:
            return
        from django.contrib.auth.hashers import check_password

        from qinglian.org.models import PasswordHistory

        earlier = PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)
        hashes = [user.password, *earlier[: self.remember - 1]]  # type: ignore[attr-defined]
        if any(encoded and check_password(password, encoded) for encoded in hashes):
            raise _invalid(f"不能使用最近{self.remember}次用过的密码", "password_reused")

    def get_help_text(self) -> str:
        return f"不能与最近{self.remember}次用过的密码相同"

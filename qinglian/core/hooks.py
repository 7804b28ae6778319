"""What `core` asks of the layers above it, without importing them.

`core` is the floor: it may not import `org` or `audit` (the layers contract in `make lint` checks this).
Where the floor needs an answer only a higher layer has — write an audit event, resolve an API token, say
whether an account may edit the calendar, create the demo organ — the higher app provides a function here
in its AppConfig.ready(), and core calls it through the names below. Each name is one documented contract;
a missing provider is a configuration error, never a silent no-op (等保: an audit must not be dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_PROVIDED: dict[str, Callable[..., Any]] = {}

# name -> what the provider does; `provide` refuses any other name, so a typo fails at start-up.
CONTRACTS: dict[str, str] = {
    "audit_record": "audit: append one event (keyword arguments of audit.services.audit_record)",
    "audit_denied": "audit: record a refused request (request, message)",
    "api_token_user": "org: the active account of an API token, or None (token)",
    "api_token_expired": "org: whether a known API token is past its lifetime (token)",
    "can_edit_calendar": "org: whether an account may change the working-day calendar (user)",
    "organ_create": "org: create an organ (code, name, short_name, region)",
    "organ_by_code": "org: the organ with this code, or None (code)",
    "organ_of": "org: the organ an account works in, or None (user)",
}


def provide(name: str, function: Callable[..., Any]) -> None:
    if name not in CONTRACTS:
        raise ImproperlyConfigured(f"未知的扩展点：{name}")
    _PROVIDED[name] = function


def _provider(hook: str) -> Callable[..., Any]:
    try:
        return _PROVIDED[hook]
    except KeyError:
        raise ImproperlyConfigured(f"扩展点 {hook} 没有提供者：{CONTRACTS[hook]}") from None


def audit_record(**kwargs: Any) -> Any:
    return _provider("audit_record")(**kwargs)


def audit_denied(request: Any, message: str) -> Any:
    return _provider("audit_denied")(request, message)


def api_token_user(token: str) -> Any:
    return _provider("api_token_user")(token)


def api_token_expired(token: str) -> bool:
    return bool(_provider("api_token_expired")(token))


def can_edit_calendar(user: Any) -> bool:
    return bool(_provider("can_edit_calendar")(user))


def organ_create(**fields: Any) -> Any:
    return _provider("organ_create")(**fields)


def organ_by_code(code: str) -> Any:
    return _provider("organ_by_code")(code)


def organ_of(user: Any) -> Any:
    return _provider("organ_of")(user)

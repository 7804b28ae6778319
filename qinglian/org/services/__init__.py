"""Writes of the org app. Each service checks its input, owns its transaction and records who did it.

Two sub-areas — the organisation (structure) and the logins (accounts) — under one name, so that callers write
`from qinglian.org import services` and `services.person_save(...)` whichever they need."""

from qinglian.org.services.accounts import (
    account_create,
    account_set_active,
    account_set_password,
    api_token_create,
    api_token_revoke,
    api_token_user,
    check_manageable,
    is_admin_account,
    on_server,
    password_change,
    role_grant,
    role_revoke,
    token_digest,
)
from qinglian.org.services.structure import (
    organ_create,
    person_problems,
    person_save,
    personnel_event_record,
    supervision_change,
    unit_save,
)

__all__ = [
    "account_create",
    "account_set_active",
    "account_set_password",
    "api_token_create",
    "api_token_revoke",
    "api_token_user",
    "check_manageable",
    "is_admin_account",
    "on_server",
    "organ_create",
    "password_change",
    "person_problems",
    "person_save",
    "personnel_event_record",
    "role_grant",
    "role_revoke",
    "supervision_change",
    "token_digest",
    "unit_save",
]

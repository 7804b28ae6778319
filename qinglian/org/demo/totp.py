"""The demo's authenticators: the accounts whose roles must use a second factor (the three administrators, the
party-affairs officer and the personnel officer) get a confirmed TOTP device with a fixed secret, printed next to
the login, so that `make demo` stays usable — add the secret to a phone's authenticator, or run
`qinglian totp-code USERNAME`.

Demo data only: the secrets are derived from the user name and are public; a deployment's accounts enrol
their own on first login.
"""

from __future__ import annotations

import base64
import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.core.demo import DemoAccount, DemoContext
from qinglian.org.auth.totp import DEVICE_NAME
from qinglian.org.demo import accounts
from qinglian.org.demo.state import OrgDemo
from qinglian.org.models import User

REQUIRED = {
    "party_officer",
    "personnel_officer",
    "sysadmin",
    "secadmin",
    "auditadmin",
}  # the default QINGLIAN_TOTP_REQUIRED_ROLES


def demo_key(username: str) -> bytes:
    """A fixed 20-byte secret per demo login (the same on every build)."""
    return hashlib.sha256(f"qinglian-demo-totp:{username}".encode()).digest()[:20]


def demo_secret(username: str) -> str:
    return base64.b32encode(demo_key(username)).decode("ascii")


def _usernames() -> dict[str, str]:
    return {p.key: p.username for p in accounts.PERSONAS if p.role in REQUIRED}


def create_devices(demo: OrgDemo) -> None:
    users = User.objects.filter(organ=demo.organ, username__in=_usernames().values())
    for user in users:
        TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True, key=demo_key(user.username).hex())


def describe_accounts(ctx: DemoContext) -> None:
    """The org logins (accounts.describe_accounts), with the authenticator secret after those that have one."""
    accounts.describe_accounts(ctx)
    for key, username in _usernames().items():
        account = ctx.accounts.get(key)
        if account is not None and TOTPDevice.objects.filter(user__username=username, confirmed=True).exists():
            note = f"；双因素认证密钥 {demo_secret(username)}（或运行 qinglian totp-code {username}）"
            ctx.accounts[key] = DemoAccount(account.username, account.password, account.description + note)

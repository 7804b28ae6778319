from django.http import HttpRequest

from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def account(request: HttpRequest) -> dict:
    """The account's roles for the navigation bar ("张三 · 委室负责人")."""
    scope = scope_of(getattr(request, "user", None))
    labels = [Role(role).label for role in sorted(scope.roles)]
    return {"scope": scope, "role_labels": labels}

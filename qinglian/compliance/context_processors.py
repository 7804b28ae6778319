from django.http import HttpRequest

from qinglian.compliance import freshness, selectors
from qinglian.compliance.todos import todo_count
from qinglian.org.permissions import scope_of


def todo(request: HttpRequest) -> dict:
    """The count on the 我的待办 badge (my open findings, the waivers waiting for my decision, and what the apps'
    to-do sources list for me), and when the organ's findings were last checked ("最近检查", every finding list)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = selectors.my_findings(user=user).count() + selectors.awaiting_my_approval(user=user).count()
    scope = scope_of(user)
    return {
        "todo_count": count + todo_count(user),
        "compliance_last_check": freshness.last_checked(scope.organ_id) if scope.is_business else None,
    }

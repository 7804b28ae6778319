from django.http import HttpRequest

from qinglian.compliance import selectors


def todo(request: HttpRequest) -> dict:
    """The count on the 我的待办 badge: my open findings and the waivers waiting for my decision."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = selectors.my_findings(user=user).count() + selectors.awaiting_my_approval(user=user).count()
    return {"todo_count": count}

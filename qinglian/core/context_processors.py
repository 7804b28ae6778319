from django.http import HttpRequest

from qinglian.core.registry import nav_for


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    return {"nav_sections": nav_for(user)}

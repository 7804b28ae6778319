from django.http import HttpRequest

from qinglian.notify.selectors import unread_count


def notifications(request: HttpRequest) -> dict:
    """`unread_count` for the navigation bar's badge: the account's unread messages (0 when logged out)."""
    return {"unread_count": unread_count(getattr(request, "user", None))}

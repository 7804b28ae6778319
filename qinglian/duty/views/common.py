"""What the duty pages share: who may open the 主体责任 pages at all, paging a ledger or printing all of it, and
turning a service's Chinese refusal into a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.http import year_param
from qinglian.org.permissions import scope_of

PRINT_LIMIT = 1000


def require_business(user: Any) -> None:
    if not scope_of(user).is_business:
        raise Forbidden("主体责任台账仅供机关业务账号查看")


def ledger_year(request: HttpRequest) -> int:
    """The year of the letters and 约谈 ledgers: `?year=` or the posted year, up to next year (the coming
    year's letters are signed before it starts)."""
    return year_param(request, latest=clock.today().year + 1, post=True)


def rows_or_page(request: HttpRequest, rows: QuerySet) -> dict[str, Any]:
    """`?print=1` lists every row (up to PRINT_LIMIT) for printing; otherwise one page."""
    if request.GET.get("print"):
        return {"rows": rows[:PRINT_LIMIT], "page_obj": None, "printing": True}
    page = Paginator(rows, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
    return {"rows": page, "page_obj": page, "printing": False}


def tell_outcome(
    request: HttpRequest, action: Callable[[], object], success: str, *, shown: tuple[type[QinglianError], ...]
) -> None:
    """Run a service and say `success`; a refusal of a kind in `shown` becomes an error message instead
    (nothing was written, services are atomic), and any other refusal goes on to the error page."""
    try:
        action()
    except shown as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)

"""Pieces the duty API's parts share: query parameters, the calling account, rows named in a request body."""

# No `from __future__ import annotations`: ninja reads signatures at runtime.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query

from qinglian.core.errors import InvalidInput
from qinglian.org.models import User

YEAR = Query(None, ge=2000, le=2100, description="年度")
TASK_STATUS = Query(None, description="显示状态；overdue 为逾期，未启动/推进中不含逾期的")
NOTICE_STATUS = Query(None, description="overdue 为逾期未回复")


def auth_user(request: HttpRequest) -> User:
    return request.auth_user  # type: ignore[attr-defined]


def reference(queryset: QuerySet, pk: int | None, field: str, noun: str) -> Any:
    """A row named in the request body: must be one the caller may see, else 400 on that field."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        message = f"{noun}不存在或无权查看"
        raise InvalidInput(message, detail={field: message})
    return found

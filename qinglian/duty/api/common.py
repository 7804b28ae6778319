"""Pieces the duty API's parts share: query parameters, the calling account, rows named in a request body."""

# No `from __future__ import annotations`: ninja reads signatures at runtime.

from ninja import Query

YEAR = Query(None, ge=2000, le=2100, description="年度")
TASK_STATUS = Query(None, description="显示状态；overdue 为逾期，未启动/推进中不含逾期的")
NOTICE_STATUS = Query(None, description="overdue 为逾期未回复")

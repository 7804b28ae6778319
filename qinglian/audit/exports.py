"""The audit log as an Excel sheet, every recorded field including the chain hashes."""

from __future__ import annotations

import json
from collections.abc import Iterable

from openpyxl import Workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.excel import Column, build_workbook

COLUMNS = [
    Column("序号", 8),
    Column("时间", 20, number_format="yyyy-mm-dd hh:mm:ss"),  # the log's order is to the second
    Column("机关", 16),
    Column("操作人", 18),
    Column("事件类型", 14),
    Column("结果", 6),
    Column("对象类型", 16),
    Column("对象编号", 10),
    Column("对象", 24),
    Column("IP地址", 16),
    Column("客户端", 30),
    Column("详情", 40),
    Column("前一条摘要", 20),
    Column("本条摘要", 20),
]


def _row(event: AuditEvent) -> tuple:
    return (
        event.seq,
        event.created_at,
        event.organ.short_name if event.organ_id else "（平台）",
        event.actor_name or "系统",
        event.get_action_display(),
        "成功" if event.success else "失败",
        event.target_type,
        event.target_id,
        event.target_repr,
        event.ip,
        event.user_agent,
        json.dumps(event.detail, ensure_ascii=False, sort_keys=True) if event.detail else "",
        event.prev_hash,
        event.hash,
    )


def audit_events_workbook(events: Iterable[AuditEvent]) -> Workbook:
    return build_workbook("审计日志", COLUMNS, (_row(e) for e in events))

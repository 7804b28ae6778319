"""会议记录导入: the organ's existing 三会一课 ledgers from Excel, one row per meeting.

Built on the core import framework (`MeetingImport`), like the roster import: parsing judges every row and
writes nothing, so a page can preview; applying writes inside one transaction, "all or nothing" or "valid rows
only", and every meeting goes through services.meeting_record, so the same checks, permissions and history apply
as for a form. 党费导入 (`DuesImport`, importers/dues.py) is the second import of the app.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from qinglian.core.importing import Mode, Plan, Result
from qinglian.org.models import Organ
from qinglian.partylife.importers.columns import MeetingRow
from qinglian.partylife.importers.dues import DuesImport, DuesRow
from qinglian.partylife.importers.importer import MeetingImport


def meeting_template(organ: Organ) -> Workbook:
    return MeetingImport(organ).template()


def meeting_parse(*, organ: Organ, data: bytes, user: Any) -> Plan[MeetingRow]:
    return MeetingImport(organ, user).parse(data)


def meeting_apply(*, plan: Plan[MeetingRow], mode: Mode, by: Any) -> Result[MeetingRow]:
    return MeetingImport(plan.organ, by).apply(plan, mode=mode, by=by)


__all__ = ["DuesImport", "DuesRow", "MeetingImport", "MeetingRow", "meeting_apply", "meeting_parse", "meeting_template"]

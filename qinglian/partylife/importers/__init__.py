"""会议记录导入: the organ's existing 三会一课 ledgers from Excel, one row per meeting.

Like the roster import (qinglian/org/roster.py): parsing judges every row and writes nothing, so a page can
preview; applying writes inside one transaction, "all or nothing" or "valid rows only", and every meeting goes
through services.meeting_record, so the same checks, permissions and history apply as for a form.
"""

from qinglian.org.roster import MODES, Action, Mode
from qinglian.partylife.importers.apply import meeting_apply
from qinglian.partylife.importers.common import meeting_columns, meeting_template
from qinglian.partylife.importers.parse import meeting_parse

__all__ = ["MODES", "Action", "Mode", "meeting_apply", "meeting_columns", "meeting_parse", "meeting_template"]

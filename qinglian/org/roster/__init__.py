"""花名册导入: a downloadable template, a parse that judges every row, and an apply that writes them.

Parsing never writes: it returns a plan (新增/更新/无变化/错误 per row, with the problems in Chinese), so a
page can show a preview. Applying writes the plan inside one transaction, either "all or nothing" or
"valid rows only", and through services.person_save, so every change is in the person's history with the
importing account. The ID number is the key: a person of the organ with the same number is updated.
"""

from qinglian.org.roster.apply import roster_apply
from qinglian.org.roster.common import CHANGE_REASON, MODES, Action, Mode, roster_columns, roster_template
from qinglian.org.roster.parse import roster_parse

__all__ = [
    "CHANGE_REASON",
    "MODES",
    "Action",
    "Mode",
    "roster_apply",
    "roster_columns",
    "roster_parse",
    "roster_template",
]

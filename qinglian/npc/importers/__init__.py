"""代表建议导入: a year's suggestion list from Excel, one row per suggestion.

Like the roster and meeting-record imports: parsing judges every row and writes nothing, so the page can
preview; applying writes all rows in one transaction or none ("全部成功才导入" only: a year's list is numbered as
a whole, and half a list would leave gaps the desk would have to find). Every write goes through the services
(deputy_save, suggestion_save, suggestion_assign, suggestion_mark_key): the same checks, permissions and history
as the forms.
"""

from qinglian.npc.importers.apply import suggestion_apply
from qinglian.npc.importers.common import (
    Action,
    ImportResult,
    RowPlan,
    SuggestionPlan,
    suggestion_columns,
    suggestion_template,
)
from qinglian.npc.importers.parse import suggestion_parse

__all__ = [
    "Action",
    "ImportResult",
    "RowPlan",
    "SuggestionPlan",
    "suggestion_apply",
    "suggestion_columns",
    "suggestion_parse",
    "suggestion_template",
]

"""责任清单导入: a year's list from an Excel template (one row per item) or from a Word outline
(一、（一）1.), into the year's draft list.

Parsing judges every row or paragraph and writes nothing, so a page can preview; the previewed plan is
carried to the confirm step in a signed token; applying writes it in one transaction, all or nothing,
through services.duty_list_save / section_save / item_save, so the same checks and history apply as for
the forms.
"""

from qinglian.duty.importers.apply import duty_import_apply
from qinglian.duty.importers.common import ImportPlan, ImportResult, ItemPlan, SectionPlan
from qinglian.duty.importers.deadline import Deadline, deadline_parse
from qinglian.duty.importers.excel import duty_columns, duty_excel_parse, duty_template
from qinglian.duty.importers.word import duty_word_parse, split_meta

__all__ = [
    "Deadline",
    "ImportPlan",
    "ImportResult",
    "ItemPlan",
    "SectionPlan",
    "deadline_parse",
    "duty_columns",
    "duty_excel_parse",
    "duty_import_apply",
    "duty_template",
    "duty_word_parse",
    "split_meta",
]

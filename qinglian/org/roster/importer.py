"""花名册导入 on the core import framework: the roster's columns and judging, written through person_save."""

from __future__ import annotations

from typing import Any, ClassVar

from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, LedgerImport, Result
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import can_import_roster
from qinglian.org.roster.columns import CHANGE_REASON, TEXT_COLUMNS, person_units, roster_columns, roster_notes
from qinglian.org.roster.judge import PersonRow, judge_rows
from qinglian.org.services import person_save


class RosterImport(LedgerImport[PersonRow]):
    """The ID number is the key: a person of the organ with the same number is updated, anybody else added."""

    title = "干部花名册"
    sheet = "花名册"
    upload_noun = "花名册"
    row_noun = "人员信息"
    change_reason = CHANGE_REASON
    refusal = "只有机关党委/纪委专责人员可以导入花名册"
    phrases: ClassVar = {Action.CREATE: "新增 {} 人", Action.UPDATE: "更新 {} 人", Action.UNCHANGED: "无变化 {} 人"}
    text_columns = TEXT_COLUMNS
    export_only = ("序号", "状态")  # the 干部花名册 export (org/exports.py) re-imports as it is

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_import_roster(user)

    def columns(self) -> list[Column]:
        units = [u.name for u in person_units(self.organ)]
        branches = list(Branch.objects.filter(organ=self.organ).values_list("name", flat=True))
        return roster_columns(units, branches)

    def notes(self) -> list[str]:
        return roster_notes()

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[PersonRow]:
        return judge_rows(self.organ, sheet)

    def write(self, row: PersonRow, by: Any, result: Result[PersonRow]) -> Action:
        if row.person_id is None:
            person = Person(organ=self.organ, **row.values)
        else:
            person = Person.objects.select_for_update().filter(organ=self.organ, pk=row.person_id).first()
            if person is None:
                raise InvalidInput("该人员已被他人删除，未更新")
            for key, value in row.values.items():
                setattr(person, key, value)
        person._change_reason = CHANGE_REASON
        person_save(person=person, by=by)
        return row.action

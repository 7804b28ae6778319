"""Forms of the finance-system import: the upload (which ledger, the file, whether to set the columns again) and the
mapping of each of the ledger's columns to one of the file's headers. The mapping is checked again by the service
and the import (importers/imports.check_mapping)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing.views import XLSX_ACCEPT
from qinglian.frugality.choices import Ledger
from qinglian.frugality.importers.imports import UNREAD, FinanceSheet, check_mapping
from qinglian.org.forms import BootstrapMixin


class UploadForm(BootstrapMixin, forms.Form):
    ledger = forms.ChoiceField(label="导入到台账", choices=[("", "请选择台账"), *Ledger.choices])
    file = forms.FileField(
        label="财务系统导出的 Excel 文件（.xlsx）",
        error_messages={"required": "请选择财务系统导出的 Excel 文件（.xlsx）"},
        widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT}),
    )
    remap = forms.BooleanField(
        label="重新设置列对应",
        required=False,
        help_text="已保存的列对应会自动使用；财务系统的导出格式变了时勾选此项重新设置",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ledger"].error_messages["required"] = "请选择要导入的台账"
        self._style()


def field_name(index: int) -> str:
    """A column's field by position: the ledger's headers (带括号、斜杠) are no HTML names."""
    return f"col_{index}"


class MappingForm(BootstrapMixin, forms.Form):
    """One drop-down per ledger column: the file's headers, or 不导入."""

    def __init__(
        self,
        *args: Any,
        columns: Sequence[Column],
        sheet: FinanceSheet,
        guess: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.columns, self.sheet = list(columns), sheet
        choices = [("", UNREAD), *[(h, h) for h in sheet.names]]
        for index, column in enumerate(self.columns):
            label = f"{column.header}（必填）" if column.required else column.header
            self.fields[field_name(index)] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                initial=guess.get(column.header, ""),
                help_text=column.note,
            )
        self._style()

    def rows(self) -> list[tuple[Column, forms.BoundField]]:
        return [(column, self[field_name(i)]) for i, column in enumerate(self.columns)]

    def mapping(self) -> dict[str, str]:
        return {c.header: self.cleaned_data.get(field_name(i)) or "" for i, c in enumerate(self.columns)}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            check_mapping(self.mapping(), self.columns, self.sheet)
        except InvalidInput as exc:
            for problem in (exc.detail or {}).get("problems", [exc.message]):
                self.add_error(None, problem)
        return data

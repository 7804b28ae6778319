"""The audit log's filter form."""

from __future__ import annotations

from django import forms

from qinglian.audit.choices import AuditAction
from qinglian.audit.selectors import AuditFilter

_DATE = forms.DateInput(attrs={"type": "date"})
_SUCCESS = {"1": True, "0": False}


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label="事件类型", required=False, choices=[("", "全部事件"), *AuditAction.choices])
    actor = forms.CharField(
        label="操作人", required=False, max_length=80, widget=forms.TextInput(attrs={"placeholder": "操作人"})
    )
    date_from = forms.DateField(label="起始日期", required=False, widget=_DATE)
    date_to = forms.DateField(label="截止日期", required=False, widget=_DATE)
    success = forms.ChoiceField(label="结果", required=False, choices=[("", "全部结果"), ("1", "成功"), ("0", "失败")])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            css = "form-select form-select-sm" if select else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("aria-label", field.label)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        return data

    def filters(self) -> AuditFilter:
        """The filter to apply. An invalid form filters nothing: the page shows its errors, the export refuses."""
        if not self.is_bound or not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        return AuditFilter(
            action=data["action"],
            actor=data["actor"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
            success=_SUCCESS.get(data["success"]),
        )

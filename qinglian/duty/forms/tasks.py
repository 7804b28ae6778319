"""Forms of a unit's task page: a progress report and a return (退回)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat

from qinglian.core import clock
from qinglian.duty.forms.common import DATE
from qinglian.evidence import services as evidence_services
from qinglian.evidence.sniff import accept_attribute
from qinglian.org.forms import BootstrapMixin


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the list may be empty. Each file is judged by
    the evidence service, not here."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in uploads if upload]


class ReportForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label="报送日期", widget=DATE)
    content = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, initial=0)
    period = forms.CharField(
        label="所属期间", required=False, max_length=10, help_text="周期性任务：如 2026-03、2026-Q1"
    )
    is_final = forms.BooleanField(label="已全部完成，申请销号", required=False, help_text="申请销号须有佐证材料")
    # Last: an oversized upload is cut short where the file starts, and the fields before it still arrive.
    files = MultipleFileField(
        label="佐证材料",
        required=False,
        allow_empty_file=True,  # the evidence service says "文件为空" in its own words
        error_messages={"invalid": "文件上传不完整，请重新选择"},
    )

    def __init__(self, *args: Any, recurring: bool, period: str, percent: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", clock.today())
        self.initial.setdefault("percent", percent)  # the last report's, not 0
        self.fields["percent"].widget.attrs["inputmode"] = "numeric"
        self.fields["files"].widget.attrs["accept"] = accept_attribute(evidence_services.allowed_types())
        limit = filesizeformat(evidence_services.max_bytes())
        self.fields["files"].help_text = f"可多选，单个不超过 {limit}，随本次报告保存"
        if recurring:
            self.initial.setdefault("period", period)
        else:
            self.fields["period"].widget = forms.HiddenInput()
        self._style()

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > clock.today():
            raise forms.ValidationError("报送日期不能晚于今天")
        return date


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="退回理由", max_length=90, widget=forms.TextInput(attrs={"placeholder": "退回理由"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

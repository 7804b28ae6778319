"""Forms of the 督办单 pages: the ledger's filter, issuing, replying and escalating."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.duty.choices import NoticeStatus
from qinglian.duty.forms.common import DATE, AssignmentChoice, FindingChoice, PersonChoice, UnitFilterForm
from qinglian.duty.models import OversightNotice
from qinglian.duty.selectors.notices import OVERDUE
from qinglian.org.forms import BootstrapMixin


class NoticeFilterForm(UnitFilterForm):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *NoticeStatus.choices, (OVERDUE, "逾期未回复")]
    )
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "编号/事由"}))


class NoticeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = OversightNotice
        fields = ["number", "assignment", "finding", "unit", "responsible", "reason", "requirement", "reply_due"]
        widgets = {
            "reply_due": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "requirement": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"assignment": AssignmentChoice, "finding": FindingChoice, "responsible": PersonChoice}
        help_texts = {
            "number": "留空则自动编号（督办〔年度〕N号）",
            "assignment": "督办的责任任务与预警至少选一项；选定后自动填入被督办委室、责任人和督办事由",
        }

    def __init__(self, *args: Any, assignments, findings, units, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["assignment"].queryset = assignments
        self.fields["finding"].queryset = findings
        self.fields["unit"].queryset = units
        self.fields["responsible"].queryset = people
        # duty/notice-form.js: choosing one asks the page for `?<name>=<id>` and fills the unit, person and reason
        self.fields["assignment"].widget.attrs["data-prefill"] = "assignment"
        self.fields["finding"].widget.attrs["data-prefill"] = "finding"
        self._style()


class NoticeReplyForm(BootstrapMixin, forms.Form):
    reply = forms.CharField(label="回复内容", widget=forms.Textarea(attrs={"rows": 4}))
    replied_on = forms.DateField(label="回复日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replied_on"].initial = clock.today()
        self._style()


class NoticeEscalateForm(BootstrapMixin, forms.Form):
    to_person = PersonChoice(label="升级至（党组领导）", queryset=None, empty_label=None)

    def __init__(self, *args: Any, leaders, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = leaders
        self._style()

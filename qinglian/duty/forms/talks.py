"""Forms of the 约谈 pages: the ledger's filter and the record."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.duty.choices import TalkKind
from qinglian.duty.forms.common import DATE, AssignmentChoice, FindingChoice, PersonChoice, UnitFilterForm
from qinglian.duty.models import AccountabilityTalk
from qinglian.org.forms import BootstrapMixin


class TalkFilterForm(UnitFilterForm):
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *TalkKind.choices])
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "姓名/事由"}))


class TalkForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AccountabilityTalk
        fields = ["kind", "date", "interviewer", "interviewee", "reason", "outcome", "notice", "assignment", "finding"]
        widgets = {
            "date": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {
            "interviewer": PersonChoice,
            "interviewee": PersonChoice,
            "assignment": AssignmentChoice,
            "finding": FindingChoice,
        }

    def __init__(self, *args: Any, interviewers, interviewees, notices, assignments, findings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()
        self.fields["interviewer"].queryset = interviewers
        self.fields["interviewee"].queryset = interviewees
        self.fields["notice"].queryset = notices
        self.fields["assignment"].queryset = assignments
        self.fields["finding"].queryset = findings
        self._style()

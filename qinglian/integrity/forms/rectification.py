"""Forms of the 问题整改 pages: the batch list's filter, a batch, a problem, a measure, a mechanism, the report
submitted, a measure's completion, a 销号 and a reopening. Choice querysets come from the view (visible_to)."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.org.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


class BatchFilterForm(BootstrapMixin, forms.Form):
    source = forms.ChoiceField(
        label="问题来源", required=False, choices=[("", "全部来源"), *RectificationSource.choices]
    )
    year = forms.IntegerField(label="反馈年度", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "名称/反馈单位"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["placeholder"] = "年度"
        self._style()

    def filters(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_valid() else {}


class BatchForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RectificationBatch
        fields = ["source", "title", "issuer", "feedback_on", "lead"]
        widgets = {"feedback_on": DATE}
        field_classes = {"lead": PersonChoice}

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people
        self._style()


class ReportForm(BootstrapMixin, forms.Form):
    submitted_on = forms.DateField(label="整改报告报送日期", widget=DATE)
    report_no = forms.CharField(label="整改报告文号", max_length=60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submitted_on"].initial = clock.today()
        self._style()


class ProblemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RectificationProblem
        fields = ["number", "category", "description", "unit", "leader", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"leader": PersonChoice, "owner": PersonChoice}

    def __init__(self, *args: Any, people, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["leader"].queryset = people
        self.fields["owner"].queryset = people
        self._style()


class MeasureForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RectificationMeasure
        fields = ["description", "unit", "owner", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "deadline": DATE}
        field_classes = {"owner": PersonChoice}

    def __init__(self, *args: Any, people, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["owner"].queryset = people
        self._style()


class MechanismForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LongTermMechanism
        fields = ["title", "document_no", "issued_on"]
        widgets = {"issued_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CompletionForm(BootstrapMixin, forms.Form):
    completed_on = forms.DateField(label="完成日期", widget=DATE)
    note = forms.CharField(label="完成情况", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = clock.today()
        self._style()


class CloseForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label="销号意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["placeholder"] = "同意销号"
        self._style()


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="重新打开原因", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.compliance.choices import Confidence, FindingStatus, Jurisdiction, Severity
from qinglian.compliance.registry import Rule
from qinglian.org.forms import BootstrapMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParameterSetForm(BootstrapMixin, forms.Form):
    """One field per declared parameter of the rule, plus the period, level and source."""

    jurisdiction = forms.ChoiceField(label="制定层级", choices=Jurisdiction.choices)
    effective_from = forms.DateField(label="生效日期", widget=_DATE)
    effective_to = forms.DateField(label="失效日期（可空）", required=False, widget=_DATE)
    source = forms.CharField(label="依据（文件名称和条款）", max_length=300)
    confidence = forms.ChoiceField(label="可信度", choices=Confidence.choices)
    note = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args: Any, rule: Rule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule
        for param in rule.params:
            label = f"{param.label}（{param.unit}）" if param.unit else param.label
            self.fields[f"p_{param.name}"] = forms.CharField(label=label, help_text=param.help)
        self._style()

    def values(self) -> dict[str, str]:
        return {p.name: self.cleaned_data[f"p_{p.name}"] for p in self.rule.params}


class EndParameterSetForm(BootstrapMixin, forms.Form):
    effective_to = forms.DateField(label="失效日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RunForm(BootstrapMixin, forms.Form):
    as_of = forms.DateField(label="检查日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class FindingFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "对象/问题"}))
    status = forms.ChoiceField(label="状态", required=False)
    severity = forms.ChoiceField(label="等级", required=False)
    rule = forms.ChoiceField(label="规则", required=False)
    category = forms.ChoiceField(label="类别", required=False)
    unit = forms.IntegerField(label="委室", required=False, widget=forms.HiddenInput)
    overdue = forms.BooleanField(label="仅看逾期", required=False)

    def __init__(self, *args: Any, rules: list[Rule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("open", "未销号（全部）"), ("", "全部状态"), *FindingStatus.choices]
        self.fields["severity"].choices = [("", "全部等级"), *Severity.choices]
        self.fields["rule"].choices = [("", "全部规则"), *[(r.code, f"{r.code} {r.title}") for r in rules]]
        categories = sorted({r.category for r in rules})
        self.fields["category"].choices = [("", "全部类别"), *[(c, c) for c in categories]]
        self._style()


class TransitionForm(BootstrapMixin, forms.Form):
    name = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label="说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

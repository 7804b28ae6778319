"""Forms of the 廉政风险点 register: the list's filter, a risk point, a review, retiring one. Choices come from what
the user may see and keep; the services check again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.selectors.risks import REVIEW_STATES, filter_units, keepable_units, owner_choices
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）"


class RiskFilterForm(_Styled, forms.Form):
    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")
    level = forms.ChoiceField(label="风险等级", required=False, choices=[("", "全部等级"), *RiskLevel.choices])
    ledger = forms.ChoiceField(label="风险所在台账", required=False, choices=[("", "全部台账"), *RiskLedger.choices])
    review = forms.ChoiceField(label="复核", required=False, choices=[("", "全部复核状态"), *REVIEW_STATES.items()])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = filter_units(user)

    def selector_args(self) -> dict[str, Any]:
        """Keyword arguments of `selectors.risks.risk_list`; none when a value is bad (the whole register)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "level": data.get("level") or None,
            "ledger": data.get("ledger") or None,
            "review": data.get("review") or None,
        }


class RiskForm(_Styled, forms.ModelForm):
    owner = OwnerChoice(label="责任人", queryset=Person.objects.none(), required=False, empty_label="（未指定）")

    class Meta:
        model = RiskPoint
        fields = [
            "unit",
            "post",
            "matter",
            "description",
            "level",
            "controls",
            "owner",
            "ledger",
            "ledger_note",
            "identified_on",
        ]
        widgets = {
            "identified_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "controls": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Editing needs the right to keep the risk point's unit, so its unit is always among these.
        self.fields["unit"].queryset = keepable_units(user)
        self.fields["owner"].queryset = owner_choices(user, self.instance.owner_id)


class ReviewForm(_Styled, forms.Form):
    date = forms.DateField(label="复核日期", widget=DATE)
    level = forms.ChoiceField(label="复核后风险等级", choices=RiskLevel.choices, help_text="等级有变化时修改")
    note = forms.CharField(
        label="复核情况",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：防控措施执行到位，风险等级不变；或调整的理由",
    )


class RetireForm(_Styled, forms.Form):
    reason = forms.CharField(
        label="删除原因",
        max_length=90,
        widget=forms.TextInput(attrs={"placeholder": "如：岗位撤并，该风险点不再存在；重复登记"}),
    )

"""Forms of the yearly plans: the list's filter, a plan, an item, a withdrawal. Money is read by
`frugality.amounts.parse_amount` (AmountField, also used by the meetings' forms); the services check everything again.
"""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.selectors.plans import ITEM_CATEGORIES
from qinglian.org.choices import UnitKind
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class AmountField(forms.CharField):
    """An amount as people write it ("1,280.50", "0.3万元", full-width digits), in yuan to the fen; a clear Chinese
    error otherwise."""

    MAX_CHARS = 40

    def __init__(self, *args: Any, allow_negative: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allow_negative = allow_negative
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", str(self.MAX_CHARS))

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if len(text) > self.MAX_CHARS:
            raise forms.ValidationError(f"金额最多{self.MAX_CHARS}个字符")
        try:
            return parse_amount(text, allow_negative=self.allow_negative)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from None

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else value


def organ_units(user: Any):
    """The organ's own 委室 (not the stationed group, not an outside body): they spend and hold the meetings."""
    return Unit.objects.filter(organ_id=scope_of(user).organ_id, kind=UnitKind.INTERNAL).order_by("order", "pk")


class PlanFilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, widget=forms.NumberInput({"placeholder": "年度"})
    )
    kind = forms.ChoiceField(label="计划类别", required=False, choices=[("", "全部计划"), *PlanKind.choices])

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"year": data.get("year"), "kind": data.get("kind") or ""}


class PlanForm(Styled, forms.ModelForm):
    class Meta:
        model = SpendingPlan
        fields = ["kind", "year", "approved_on", "approval_ref"]
        widgets = {"approved_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = self.fields["year"].initial or clock.today().year
        self.fields["approved_on"].help_text = "党组会议审定年度计划的日期；尚未审批的不填"
        self.fields["approval_ref"].help_text = "如：党组会议（2026年第1次）"

    def validate_unique(self) -> None:
        """A second plan of the same kind and year is the service's to refuse, with a message that says which."""


class PlanItemForm(Styled, forms.ModelForm):
    budget = AmountField(label="预算（元）", required=False, help_text="可填 12000、1.2万元 等")
    category = forms.ChoiceField(label="类别", required=False)

    class Meta:
        model = PlanItem
        fields = ["name", "unit", "category", "people", "days", "budget"]

    def __init__(self, *args: Any, plan: SpendingPlan, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["unit"].empty_label = "（不指定）"
        categories = ITEM_CATEGORIES[plan.kind]
        if categories:
            self.fields["category"].choices = [("", "（不指定）"), *categories.items()]
        else:
            del self.fields["category"]
        self.fields["days"].help_text = "出国（境）为在外天数"


class WithdrawForm(Styled, forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=200, help_text="如：重复录入、录入错误")

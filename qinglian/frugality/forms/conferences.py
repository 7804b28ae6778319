"""Forms of the meetings ledger: the list's filter, a meeting with the lines of its bill (a formset), a withdrawal.
Amounts are read by `parse_amount` (AmountField); the plan item is one of the organ's meeting plans and must be of
the year the meeting began; dates out of order are refused here and again by the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory

from qinglian.core import clock
from qinglian.frugality.choices import ConferenceCategory, CostKind, PlanKind
from qinglian.frugality.forms.plans import DATE, AmountField, Styled, organ_units
from qinglian.frugality.models import Conference, PlanItem
from qinglian.frugality.selectors.conferences import PLANNED_FILTERS
from qinglian.frugality.selectors.plans import item_label, plan_item_choices
from qinglian.frugality.services.conferences import CostLine
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

MONTHS = [("", "月")] + [(str(m), f"{m}月") for m in range(1, 13)]


class ConferenceFilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, widget=forms.NumberInput({"placeholder": "年度"})
    )
    month_from = forms.TypedChoiceField(label="起始月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    month_to = forms.TypedChoiceField(label="截止月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(
        label="承办委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室"
    )
    category = forms.ChoiceField(
        label="会议类别", required=False, choices=[("", "全部类别"), *ConferenceCategory.choices]
    )
    planned = forms.ChoiceField(label="计划", required=False, choices=[("", "计划内外"), *PLANNED_FILTERS])
    q = forms.CharField(
        label="搜索", required=False, max_length=50, widget=forms.TextInput({"placeholder": "名称/地点/凭证号"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def selector_args(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year"),
            "month_from": data.get("month_from"),
            "month_to": data.get("month_to"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "category": data.get("category") or "",
            "planned": data.get("planned") or "",
            "q": (data.get("q") or "").strip(),
        }


class PlanItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return item_label(obj)


class ApproverChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


class ConferenceForm(Styled, forms.ModelForm):
    total_amount = AmountField(
        label="费用合计（元）", required=False, help_text="填写了费用明细的按明细合计，可不填；可写 8000、0.8万元"
    )
    plan_item = PlanItemChoice(label="年度计划事项", queryset=PlanItem.objects.none(), required=False)
    adhoc_approver = ApproverChoice(label="计划外审批人", queryset=Person.objects.none(), required=False)

    class Meta:
        model = Conference
        fields = [
            "voucher_no",
            "unit",
            "name",
            "category",
            "briefing",
            "plan_item",
            "adhoc_approved_on",
            "adhoc_approver",
            "start_on",
            "end_on",
            "days",
            "travel_days",
            "attendees",
            "staff",
            "venue",
            "venue_city",
            "paid_on",
            "note",
        ]
        widgets = {"adhoc_approved_on": DATE, "start_on": DATE, "end_on": DATE, "paid_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organ_id = scope_of(user).organ_id
        self.fields["unit"].queryset = organ_units(user)
        years = {clock.today().year, clock.today().year - 1}
        if self.instance.start_on:
            years.add(self.instance.start_on.year)
        self.fields["plan_item"].queryset = plan_item_choices(organ_id, PlanKind.CONFERENCE, years)
        self.fields["plan_item"].empty_label = "（计划外会议）"
        # The organ's own people approve its meetings (not the stationed group), as the import reads them.
        people = Person.objects.filter(organ_id=organ_id, is_active=True).exclude(unit__kind=UnitKind.STATIONED)
        self.fields["adhoc_approver"].queryset = people.select_related("unit")
        self.fields["plan_item"].help_text = "未列入年度会议计划的，填写计划外审批日期和审批人"
        self.fields["travel_days"].help_text = "报到和离开的天数，四类会议合计一般不超过1天"
        self.fields["venue_city"].help_text = "如：临江"
        if self.instance.pk is not None:
            self.fields["total_amount"].initial = self.instance.total_amount
        self.order_fields([*self.Meta.fields[:-2], "total_amount", "paid_on", "note"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, item = data.get("start_on"), data.get("end_on"), data.get("plan_item")
        if start and end and end < start:
            self.add_error("end_on", "结束日期不能早于开始日期")
        if item is not None and start and item.plan.year != start.year:
            self.add_error("plan_item", f"所选事项属于{item.plan.year}年度计划，会议在{start.year}年召开")
        return data


class CostLineForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="费用类别", required=False, choices=[("", "—"), *CostKind.choices])
    amount = AmountField(label="金额（元）", required=False)
    description = forms.CharField(label="摘要", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "请填写金额")
        if data.get("amount") is not None and not data.get("kind"):
            self.add_error("kind", "请选择费用类别")
        return data

    def line(self) -> CostLine | None:
        data = self.cleaned_data
        if not data.get("kind"):
            return None
        return CostLine(data["kind"], data["amount"], data.get("description") or "")


CostLineFormSet = formset_factory(CostLineForm, extra=3, max_num=60, validate_max=True)


def cost_formset(data: Any, conference: Conference) -> Any:
    """The bill's lines, with three blank rows to add more (a blank row is ignored)."""
    initial = []
    if conference.pk is not None:
        initial = [
            {"kind": c.kind, "amount": c.amount, "description": c.description}
            for c in conference.costs.all().order_by("id")
        ]
    return CostLineFormSet(data, initial=initial, prefix="costs")


def formset_lines(formset: Any) -> list[CostLine]:
    return [line for form in formset.forms if (line := form.line()) is not None]

"""Forms of the trips abroad ledger: the list's filter, a delegation (the finance officer's), and the report handed
in after return. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.forms.cars import AmountField, LedgerFilterForm
from qinglian.frugality.models import AbroadTrip, PlanItem
from qinglian.frugality.selectors.abroad import REPORT_FILTERS
from qinglian.frugality.services.abroad import check_trip
from qinglian.integrity.forms.inquiries import DATE, PersonChoice, Styled, organ_units
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.org.models import Person
from qinglian.org.scope import scope_of


class AbroadFilterForm(LedgerFilterForm):
    report = forms.ChoiceField(label="出访报告", required=False, choices=[("", "全部"), *REPORT_FILTERS])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "国家/任务/团长/凭证号"

    def selector_args(self) -> dict[str, Any]:
        return super().selector_args() | {"report": self.values().get("report") or ""}


class PlanItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return f"{obj.plan.year}年：{obj.name}"


class AbroadForm(Styled, forms.ModelForm):
    leader = PersonChoice(label="团长", queryset=Person.objects.none())
    plan_item = PlanItemChoice(label="年度计划事项", queryset=PlanItem.objects.none(), required=False)
    total_amount = AmountField(label="费用合计（元）", required=False, help_text="如 186000、18.6万元")

    class Meta:
        model = AbroadTrip
        fields = [
            "leader",
            "unit",
            "purpose",
            "countries",
            "country_count",
            "team_size",
            "depart_on",
            "return_on",
            "approved_on",
            "plan_item",
            "report_on",
            "total_amount",
            "voucher_no",
            "paid_on",
            "note",
        ]
        widgets = {
            "depart_on": DATE,
            "return_on": DATE,
            "approved_on": DATE,
            "report_on": DATE,
            "paid_on": DATE,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = subject_choices(user)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["unit"].required = False
        self.fields["unit"].help_text = "不填为团长所在委室"
        self.fields["plan_item"].queryset = (
            PlanItem.objects.filter(plan__organ_id=scope_of(user).organ_id, plan__kind=PlanKind.ABROAD)
            .filter(plan__deleted_at__isnull=True)
            .select_related("plan")
            .order_by("-plan__year", "id")
        )
        self.fields["plan_item"].empty_label = "（未列入年度计划）"
        self.fields["countries"].help_text = "含经停国家（地区），以顿号分隔，如：德国、法国"
        self.fields["report_on"].help_text = "回国后提交出访报告的日期，未提交的不填"

    def clean_total_amount(self) -> Any:
        value = self.cleaned_data.get("total_amount")
        return 0 if value is None else value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            check_trip(
                countries=data.get("countries") or "",
                country_count=data.get("country_count"),
                team_size=data.get("team_size"),
                depart_on=data.get("depart_on"),
                return_on=data.get("return_on"),
                approved_on=data.get("approved_on"),
                report_on=data.get("report_on"),
            )
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from None
        return data


class AbroadReportForm(Styled, forms.Form):
    report_on = forms.DateField(label="出访报告提交日期", widget=DATE)

    def __init__(self, *args: Any, trip: AbroadTrip, **kwargs: Any) -> None:
        super().__init__(*args, initial={"report_on": trip.report_on or clock.today()}, **kwargs)

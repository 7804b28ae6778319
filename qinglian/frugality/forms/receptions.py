"""Forms of the 公务接待 ledger: the list's filter, a reception (letter, list, invoice, payment), a meal, the reason
for a deletion. Money goes through `frugality.amounts.parse_amount` ("1,280.50", "0.3万元", full-width digits);
dates out of order are refused with the services' own checks, which run again on save."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.selectors.receptions import DOCUMENT_FILTERS
from qinglian.frugality.services.receptions import check_meal_day, check_reception_dates
from qinglian.org.choices import UnitKind
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATES = ("paid_on", "letter_on", "letter_start", "letter_end", "start_on", "end_on", "list_signed_on", "invoice_on")
MONTHS = [("", "—"), *((str(m), f"{m}月") for m in range(1, 13))]


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class AmountField(forms.CharField):
    """An amount in yuan as people type it; the cleaned value is a Decimal (or None when left empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"maxlength": 30, "inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else value

    def to_python(self, value: Any) -> Any:
        try:
            return parse_amount(super().to_python(value))
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from None


def organ_units(user: Any):
    """The organ's own 委室, which spend (承办委室)."""
    return Unit.objects.filter(organ_id=scope_of(user).organ_id, kind=UnitKind.INTERNAL).order_by("order", "pk")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


class ReceptionFilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    month_from = forms.TypedChoiceField(label="起月", choices=MONTHS, coerce=int, required=False, empty_value=None)
    month_to = forms.TypedChoiceField(label="止月", choices=MONTHS, coerce=int, required=False, empty_value=None)
    unit = forms.ModelChoiceField(
        label="承办委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室"
    )
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "来访单位/事由/凭证号/公函文号"}),
    )
    documents = forms.ChoiceField(label="凭证", required=False, choices=DOCUMENT_FILTERS)

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        data = data.copy() if data is not None else {}
        data.setdefault("year", str(clock.today().year))  # a ledger opens on this year, with its totals
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def selector_args(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {"year": clock.today().year}
        return {
            "year": data.get("year"),
            "month_from": data.get("month_from"),
            "month_to": data.get("month_to"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "text": data.get("q") or "",
            "documents": data.get("documents") or "",
        }


class ReceptionForm(Styled, forms.ModelForm):
    lodging_amount = AmountField(label="住宿费（元）", required=False)
    other_amount = AmountField(label="其他费用（元）", required=False, help_text="交通、场地等")
    invoice_amount = AmountField(label="发票金额（元）", required=False)
    approver = PersonChoice(label="审签人", queryset=Person.objects.none(), required=False)

    class Meta:
        model = Reception
        fields = [
            "unit",
            "voucher_no",
            "paid_on",
            "letter_unit",
            "letter_no",
            "letter_on",
            "letter_persons",
            "letter_purpose",
            "letter_start",
            "letter_end",
            "guest_unit",
            "guest_lead",
            "guest_level",
            "guest_count",
            "purpose",
            "start_on",
            "end_on",
            "venue",
            "lodging_place",
            "lodging_amount",
            "other_amount",
            "list_signed_on",
            "approver",
            "invoice_no",
            "invoice_on",
            "invoice_amount",
            "note",
        ]
        widgets = {name: DATE for name in DATES}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        organ_id = scope_of(user).organ_id
        people = Person.objects.filter(organ_id=organ_id).select_related("unit").order_by("unit__order", "name")
        self.fields["approver"].queryset = people
        self.fields["letter_on"].help_text = "未收到公函的不填"
        self.fields["list_signed_on"].help_text = "接待清单经审签的日期；未审签的不填"
        self.fields["paid_on"].help_text = "尚未报销的不填"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            check_reception_dates(
                start_on=data.get("start_on"),
                end_on=data.get("end_on"),
                letter_start=data.get("letter_start"),
                letter_end=data.get("letter_end"),
            )
        except InvalidInput as exc:
            if not self.errors:  # a missing date is already said under its field
                self.add_error(None, exc.message)
        return data


class MealForm(Styled, forms.ModelForm):
    amount = AmountField(label="金额（元）")

    class Meta:
        model = ReceptionMeal
        fields = ["on", "kind", "guests", "escorts", "amount", "venue", "items"]
        widgets = {"on": DATE, "items": forms.TextInput()}

    def __init__(self, *args: Any, reception: Reception, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reception = reception
        self.fields["items"].help_text = "菜品和酒水，如：家常菜四菜一汤，无酒水"
        self.fields["guests"].help_text = f"本次接待对象{reception.guest_count}人"

    def clean_on(self) -> Any:
        on = self.cleaned_data.get("on")
        try:
            check_meal_day(on, self.reception.start_on, self.reception.end_on)
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from None
        return on


class DeleteForm(Styled, forms.Form):
    reason = forms.CharField(
        label="删除原因", max_length=90, widget=forms.TextInput(attrs={"placeholder": "如：重复登记"})
    )

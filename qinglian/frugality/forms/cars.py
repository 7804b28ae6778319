"""Forms of the official car register: the list's filter, a car (the finance officer's), its disposal, and the
withdrawal of a row entered in error. `LedgerFilterForm` and `AmountField` serve the trips abroad too. The services
check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import CarType
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.selectors.cars import STATUS_FILTERS
from qinglian.frugality.services.cars import check_car
from qinglian.integrity.forms.inquiries import DATE, FilterForm, Styled, organ_units
from qinglian.org.models import Unit

MONTHS = [("", "—"), *((m, f"{m}月") for m in range(1, 13))]


class AmountField(forms.CharField):
    """An amount as people type it (1,280.50 / 0.3万元 / full-width digits), read by `parse_amount`."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        try:
            return parse_amount(text)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from None


class LedgerFilterForm(FilterForm):
    """Year, a range of months, unit and text: the filters of every 八项规定 list."""

    month_from = forms.TypedChoiceField(label="起始月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    month_to = forms.TypedChoiceField(label="截止月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    q = forms.CharField(label="搜索", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("month_from"), data.get("month_to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError("起始月不能晚于截止月")
        return data

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "month_from": data.get("month_from"),
            "month_to": data.get("month_to"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "q": (data.get("q") or "").strip(),
        }


class CarFilterForm(LedgerFilterForm):
    car_type = forms.ChoiceField(label="车辆类型", required=False, choices=[("", "全部类型"), *CarType.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *STATUS_FILTERS])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "车牌号/型号/凭证号"

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        extra = {"car_type": data.get("car_type") or "", "status": data.get("status") or ""}
        return super().selector_args() | extra


class CarForm(Styled, forms.ModelForm):
    price = AmountField(label="购置价格（元）", help_text="如 118000、11.8万元")

    class Meta:
        model = OfficialCar
        fields = [
            "plate",
            "unit",
            "car_type",
            "energy",
            "model_name",
            "price",
            "displacement",
            "purchased_on",
            "voucher_no",
            "paid_on",
            "mileage",
            "mileage_on",
            "note",
        ]
        widgets = {"purchased_on": DATE, "paid_on": DATE, "mileage_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["unit"].label = "使用委室"
        self.fields["displacement"].help_text = "以升为单位，如 1.6；燃油车必填"
        self.fields["voucher_no"].help_text = "购车记账凭证号"
        self.fields["mileage_on"].help_text = "里程表读数的日期"

    def clean_mileage(self) -> int:
        mileage = self.cleaned_data["mileage"]
        recorded = self.instance.mileage if self.instance.pk else 0
        if mileage is not None and mileage < recorded:
            raise forms.ValidationError(f"不能少于已登记的{recorded}公里（里程只增不减）")
        return mileage

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            check_car(
                car_type=data.get("car_type") or "",
                energy=data.get("energy") or "",
                price=data.get("price"),
                displacement=data.get("displacement"),
                purchased_on=data.get("purchased_on"),
                mileage_on=data.get("mileage_on"),
            )
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from None
        return data


class CarDisposeForm(Styled, forms.Form):
    disposed_on = forms.DateField(label="处置日期", widget=DATE)
    reason = forms.CharField(label="处置方式和说明", max_length=90, required=False, help_text="如：公开拍卖、报废")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"disposed_on": clock.today()}, **kwargs)


class DeleteForm(Styled, forms.Form):
    reason = forms.CharField(
        label="删除原因", max_length=90, widget=forms.TextInput(attrs={"placeholder": "如：重复登记"})
    )

"""Forms of the travel ledger: the list's filter, and the trip editor — the trip's own fields with its stays and
tickets (formsets) on one page. Amounts are read by `amounts.parse_amount` ("1,280元", "０.３万元"); dates out of
order are refused with the services' own checks, which run again on save."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from qinglian.core.errors import InvalidInput
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import EntrySource, SeatClass, TransportMode, TravelBand
from qinglian.frugality.models import Trip
from qinglian.frugality.selectors.travel import TripFilter
from qinglian.frugality.services.travel import (
    ZERO,
    StayLine,
    TicketLine,
    check_stay,
    check_ticket,
    check_trip_dates,
)
from qinglian.org.choices import UnitKind
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTHS = [("", "月")] + [(str(m), f"{m}月") for m in range(1, 13)]


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class AmountField(forms.Field):
    """Money as people and finance exports write it, read to the fen (amounts.parse_amount)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 40}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return f"{value:.2f}" if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            return parse_amount(str(value))
        except AmountError as exc:
            raise ValidationError(str(exc)) from None


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


def organ_units(user: Any):
    return Unit.objects.filter(organ_id=scope_of(user).organ_id, kind=UnitKind.INTERNAL).order_by("order")


def organ_people(user: Any, *keep: int | None):
    """The organ's people outside the stationed group (whose trips its own organ pays), active, plus `keep`."""
    qs = Person.objects.filter(organ_id=scope_of(user).organ_id).exclude(unit__kind=UnitKind.STATIONED)
    ids = [pk for pk in keep if pk]
    return (
        (qs.filter(is_active=True) | qs.filter(pk__in=ids))
        .select_related("unit")
        .distinct()
        .order_by("unit__order", "pk")
    )


class TripFilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    month_from = forms.TypedChoiceField(label="起始月", choices=MONTHS, coerce=int, required=False, empty_value=None)
    month_to = forms.TypedChoiceField(label="截止月", choices=MONTHS, coerce=int, required=False, empty_value=None)
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    band = forms.ChoiceField(label="级别", required=False, choices=[("", "全部级别"), *TravelBand.choices])
    source = forms.ChoiceField(label="来源", required=False, choices=[("", "全部来源"), *EntrySource.choices])
    approval = forms.ChoiceField(label="审批", required=False, choices=[("", "全部"), ("missing", "未登记审批")])
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "凭证号/出差人/事由/城市"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def filters(self) -> TripFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return TripFilter(
            year=data.get("year"),
            month_from=data.get("month_from"),
            month_to=data.get("month_to"),
            unit_id=data["unit"].pk if data.get("unit") else None,
            band=data.get("band") or "",
            source=data.get("source") or "",
            text=data.get("q") or "",
            approval_missing=data.get("approval") == "missing",
        )


class TripForm(Styled, forms.ModelForm):
    traveller = PersonChoice(label="出差人", queryset=Person.objects.none())
    approver = PersonChoice(label="审批人", queryset=Person.objects.none(), required=False)
    band = forms.ChoiceField(
        label="出差人员级别",
        required=False,
        choices=[("", "按出发日的职级确定"), *TravelBand.choices],
        help_text="不填：正厅级、副厅级为厅局级，其他为其他人员；与报销单不一致的按报销单填写",
    )
    meal_amount = AmountField(label="伙食补助费（元）", required=False)
    transport_amount = AmountField(label="市内交通费（元）", required=False)

    class Meta:
        model = Trip
        fields = [
            "voucher_no",
            "traveller",
            "unit",
            "band",
            "purpose",
            "start_on",
            "end_on",
            "approved_on",
            "approver",
            "meal_days",
            "meal_amount",
            "transport_days",
            "transport_amount",
            "paid_on",
            "note",
        ]
        widgets = {"start_on": DATE, "end_on": DATE, "approved_on": DATE, "paid_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trip = self.instance
        self.fields["traveller"].queryset = organ_people(user, trip.traveller_id)
        self.fields["approver"].queryset = organ_people(user, trip.approver_id)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["unit"].required = False
        self.fields["unit"].empty_label = "（出差人所在委室）"
        self.fields["voucher_no"].help_text = "记账凭证号；报销前可暂不填"
        if trip.pk is None:
            self.initial["band"] = ""

    def clean_meal_amount(self) -> Decimal:
        return self.cleaned_data.get("meal_amount") or ZERO

    def clean_transport_amount(self) -> Decimal:
        return self.cleaned_data.get("transport_amount") or ZERO

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            check_trip_dates(
                start_on=data.get("start_on"),
                end_on=data.get("end_on"),
                approved_on=data.get("approved_on"),
                paid_on=data.get("paid_on"),
            )
        except InvalidInput as exc:
            if data.get("start_on") and data.get("end_on"):  # a missing date already has its field's error
                raise ValidationError(exc.message) from None
        return data


class StayForm(Styled, forms.Form):
    province = forms.CharField(label="省份", max_length=30)
    city = forms.CharField(label="城市", max_length=40)
    arrive_on = forms.DateField(label="到达日期", widget=DATE)
    leave_on = forms.DateField(label="离开日期", widget=DATE)
    nights = forms.IntegerField(label="住宿（晚）", min_value=0, max_value=366)
    lodging_amount = AmountField(label="住宿费（元）", required=False)

    def line(self) -> StayLine:
        d = self.cleaned_data
        return StayLine(
            d["province"], d["city"], d["arrive_on"], d["leave_on"], d["nights"], d.get("lodging_amount") or ZERO
        )


class TicketForm(Styled, forms.Form):
    on = forms.DateField(label="乘坐日期", widget=DATE)
    mode = forms.ChoiceField(label="交通工具", choices=TransportMode.choices)
    seat_class = forms.ChoiceField(label="座位/舱位", choices=SeatClass.choices)
    from_city = forms.CharField(label="出发地", max_length=40, required=False)
    to_city = forms.CharField(label="到达地", max_length=40, required=False)
    amount = AmountField(label="票价（元）", required=False)

    def line(self) -> TicketLine:
        d = self.cleaned_data
        return TicketLine(d["on"], d["mode"], d["seat_class"], d["from_city"], d["to_city"], d.get("amount") or ZERO)


StayFormSet = forms.formset_factory(StayForm, extra=2, can_delete=True)
TicketFormSet = forms.formset_factory(TicketForm, extra=2, can_delete=True)


def _initial_stays(trip: Trip) -> list[dict[str, Any]]:
    if trip.pk is None:
        return []
    fields = ("province", "city", "arrive_on", "leave_on", "nights", "lodging_amount")
    return [{f: getattr(s, f) for f in fields} for s in trip.stays.order_by("arrive_on", "id")]


def _initial_tickets(trip: Trip) -> list[dict[str, Any]]:
    if trip.pk is None:
        return []
    fields = ("on", "mode", "seat_class", "from_city", "to_city", "amount")
    return [{f: getattr(t, f) for f in fields} for t in trip.tickets.order_by("on", "id")]


class TripEditor:
    """The trip form and its two formsets as one form for `core.http.form_page`: valid when all three are and every
    stay and ticket lies inside the trip's dates."""

    def __init__(self, data: Any, *, trip: Trip, user: Any) -> None:
        self.trip = TripForm(data, instance=trip, user=user)
        self.stays = StayFormSet(data, prefix="stays", initial=_initial_stays(trip))
        self.tickets = TicketFormSet(data, prefix="tickets", initial=_initial_tickets(trip))

    @property
    def instance(self) -> Trip:
        return self.trip.instance

    @staticmethod
    def _kept(formset: Any) -> list[Any]:
        """The lines to save: every existing line not ticked for deletion, and the blank rows that were filled in."""
        existing = formset.initial_form_count()
        return [
            f
            for n, f in enumerate(formset.forms)
            if not f.cleaned_data.get("DELETE") and (n < existing or f.has_changed())
        ]

    def is_valid(self) -> bool:
        valid = all([self.trip.is_valid(), self.stays.is_valid(), self.tickets.is_valid()])
        if not valid:
            return False
        start, end = self.trip.cleaned_data["start_on"], self.trip.cleaned_data["end_on"]
        for form in self._kept(self.stays):
            self._check(form, lambda f: check_stay(f.line(), start, end))
        for form in self._kept(self.tickets):
            self._check(form, lambda f: check_ticket(f.line(), start, end))
        return not any(f.errors for f in [*self.stays.forms, *self.tickets.forms])

    @staticmethod
    def _check(form: Any, check: Any) -> None:
        try:
            check(form)
        except InvalidInput as exc:
            form.add_error(None, exc.message)

    def stay_lines(self) -> list[StayLine]:
        return [f.line() for f in self._kept(self.stays)]

    def ticket_lines(self) -> list[TicketLine]:
        return [f.line() for f in self._kept(self.tickets)]

    def add_error(self, field: str | None, message: str) -> None:
        self.trip.add_error(field, message)

    @property
    def line_blocks(self) -> list[dict[str, Any]]:
        """The two formsets as the page lays them out."""
        return [
            {
                "title": "住宿",
                "help": "每个城市填一行；住宿晚数不超过到达至离开的天数。空行不保存，勾选“删除”去掉一行。",
                "formset": self.stays,
                "testid": "stay-lines",
            },
            {
                "title": "城市间交通票据",
                "help": "每张票一行（往返各一行）；座位/舱位须与交通工具对应。",
                "formset": self.tickets,
                "testid": "ticket-lines",
            },
        ]

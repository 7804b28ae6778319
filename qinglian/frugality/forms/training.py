"""Forms of the training ledger (培训费): the list's filter, and a course with its cost lines and lectures
(`CourseForms`: the course form and two line formsets, valid together). Amounts go through
frugality.amounts.parse_amount; dates out of order, a lecture outside the course's days and a plan item of
another kind or year are refused here with the field named, and again by the service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import formset_factory

from qinglian.core import clock
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind, TrainingCategory
from qinglian.frugality.models import PlanItem, TrainingCourse
from qinglian.frugality.services.training import CostLine, LectureLine
from qinglian.integrity.forms.inquiries import DATE, FilterForm, PersonChoice, Styled, organ_units
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

MONTHS = [("", "月份")] + [(str(m), f"{m}月") for m in range(1, 13)]
COST_ROWS_BLANK, LECTURE_ROWS_BLANK = 3, 2


class TrainingFilterForm(FilterForm):
    month_from = forms.TypedChoiceField(label="起始月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    month_to = forms.TypedChoiceField(label="截止月", required=False, choices=MONTHS, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *TrainingCategory.choices])
    planned = forms.ChoiceField(label="计划", required=False, choices=[("", "全部"), ("unapproved", "计划外且未审批")])
    q = forms.CharField(
        label="搜索", required=False, max_length=50, widget=forms.TextInput(attrs={"placeholder": "名称/凭证号/地点"})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("month_from"), data.get("month_to")
        if start is not None and end is not None and end < start:
            self.add_error("month_to", "截止月不能早于起始月")
        return data

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "month_from": data.get("month_from"),
            "month_to": data.get("month_to"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "category": data.get("category") or "",
            "unapproved": data.get("planned") == "unapproved",
            "q": data.get("q") or "",
        }


class PlanItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        return f"{obj.plan.year}年 {obj.name}"


class AmountField(forms.Field):
    """An amount as people write it ("1,280.50", "0.3万元"), read by parse_amount."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})

    def to_python(self, value: Any) -> Decimal | None:
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from None


class CourseForm(Styled, forms.ModelForm):
    plan_item = PlanItemChoice(
        label="年度计划事项", queryset=PlanItem.objects.none(), required=False, empty_label="（计划外培训）"
    )
    adhoc_approver = PersonChoice(label="计划外审批人", queryset=Person.objects.none(), required=False)

    class Meta:
        model = TrainingCourse
        fields = [
            "voucher_no",
            "unit",
            "name",
            "category",
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
        year = (self.instance.start_on or clock.today()).year
        # The plan of the course's year, and of the years either side while the dates are being corrected.
        items = PlanItem.objects.filter(
            plan__organ_id=organ_id,
            plan__kind=PlanKind.TRAINING,
            plan__year__in=(year - 1, year, year + 1),
            plan__deleted_at__isnull=True,
        )
        self.fields["plan_item"].queryset = items.select_related("plan").order_by("plan__year", "id")
        self.fields["unit"].queryset = organ_units(user)
        self.fields["adhoc_approver"].queryset = subject_choices(user)
        self.fields["plan_item"].help_text = "列入党组审批的年度培训计划的，选择对应事项；计划外培训须填写审批日期"
        self.fields["days"].help_text = "培训天数（不含报到、撤离）"
        self.fields["travel_days"].help_text = "报到和撤离各不超过1天"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, days = data.get("start_on"), data.get("end_on"), data.get("days")
        if start and end and end < start:
            self.add_error("end_on", "结束日期不能早于开始日期")
        elif start and end and days is not None and days > (end - start).days + 1:
            self.add_error("days", f"培训天数不能超过起止日期之间的天数（{(end - start).days + 1}天）")
        item = data.get("plan_item")
        if item is not None and start and item.plan.year != start.year:
            self.add_error("plan_item", f"请选择{start.year}年度培训计划的事项")
        if data.get("adhoc_approver") and not data.get("adhoc_approved_on"):
            self.add_error("adhoc_approved_on", "填写了计划外审批人的，请填写审批日期")
        return data


class _LineForm(Styled, forms.Form):
    """A line of the formset: all blank is no line; partly filled needs every required cell."""

    needed: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # the rows show no labels on a phone: say what each cell is
            field.widget.attrs.setdefault("aria-label", field.label)
            if isinstance(field.widget, forms.TextInput):
                field.widget.attrs.setdefault("placeholder", field.label)

    def is_blank(self) -> bool:
        return not any(v not in (None, "", False) for v in self.cleaned_data.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.is_blank():
            for name in self.needed:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, "必填")
        return data


class CostLineForm(_LineForm):
    kind = forms.ChoiceField(label="费用类别", required=False, choices=[("", "—"), *CostKind.choices])
    amount = AmountField(label="金额（元）", required=False)
    description = forms.CharField(label="摘要", required=False, max_length=200)
    needed = ("kind", "amount")

    def line(self) -> CostLine:
        d = self.cleaned_data
        return CostLine(kind=d["kind"], amount=d["amount"], description=d["description"])


class LectureLineForm(_LineForm):
    lecturer = forms.CharField(label="授课人", required=False, max_length=50)
    title = forms.ChoiceField(label="职称", required=False, choices=[("", "—"), *LecturerTitle.choices])
    on = forms.DateField(label="授课日期", required=False, widget=DATE)
    hours = forms.DecimalField(label="学时", required=False, min_value=Decimal("0.5"), max_digits=4, decimal_places=1)
    fee = AmountField(label="讲课费（税后，元）", required=False)
    from_afar = forms.BooleanField(label="外地邀请", required=False)
    needed = ("lecturer", "title", "on", "hours", "fee")

    def line(self) -> LectureLine:
        d = self.cleaned_data
        return LectureLine(d["lecturer"], d["title"], d["on"], d["hours"], d["fee"], d["from_afar"])


CostFormSet = formset_factory(CostLineForm, extra=0, max_num=100, validate_max=True)
LectureFormSet = formset_factory(LectureLineForm, extra=0, max_num=100, validate_max=True)


class CourseForms:
    """The course form and its two line formsets, bound or not, valid together."""

    def __init__(self, data: Any, *, course: TrainingCourse, user: Any) -> None:
        self.form = CourseForm(data, instance=course, user=user)
        costs = [{"kind": c.kind, "amount": c.amount, "description": c.description} for c in _lines(course, "costs")]
        lectures = [
            {
                "lecturer": x.lecturer,
                "title": x.title,
                "on": x.on,
                "hours": x.hours,
                "fee": x.fee,
                "from_afar": x.from_afar,
            }
            for x in _lines(course, "lectures")
        ]
        self.costs = CostFormSet(data, prefix="cost", initial=costs + [{}] * COST_ROWS_BLANK)
        self.lectures = LectureFormSet(data, prefix="lecture", initial=lectures + [{}] * LECTURE_ROWS_BLANK)

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), self.costs.is_valid(), self.lectures.is_valid()])
        return valid and self._lectures_in_course()

    def _lectures_in_course(self) -> bool:
        start, end = self.form.cleaned_data.get("start_on"), self.form.cleaned_data.get("end_on")
        ok = True
        for f in self._filled(self.lectures):
            if start and end and not start <= f.cleaned_data["on"] <= end:
                f.add_error("on", f"授课日期不在培训起止日期（{start:%Y-%m-%d}至{end:%Y-%m-%d}）内")
                ok = False
        return ok

    @staticmethod
    def _filled(formset: Any) -> list[Any]:
        return [f for f in formset.forms if f.is_valid() and not f.is_blank()]

    def cost_lines(self) -> list[CostLine]:
        return [f.line() for f in self._filled(self.costs)]

    def lecture_lines(self) -> list[LectureLine]:
        return [f.line() for f in self._filled(self.lectures)]

    @property
    def errors(self) -> bool:
        return bool(self.form.errors or self.costs.total_error_count() or self.lectures.total_error_count())


def _lines(course: TrainingCourse, name: str) -> list[Any]:
    return list(getattr(course, name).all()) if course.pk else []


class DeleteForm(Styled, forms.Form):
    reason = forms.CharField(
        label="删除原因", max_length=90, widget=forms.TextInput(attrs={"placeholder": "如：重复登记"})
    )

"""Forms of the public-opinion register: the list's filter, the summary's year, an event (the party-affairs
office's), the first response, the report upward, the handling, the closing and a reason (reopen, delete). Choices
come from the caller's organ; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from qinglian.core import clock
from qinglian.ideology.choices import OpinionLevel
from qinglian.ideology.forms.outlets import PersonChoice, organ_people
from qinglian.ideology.models import OpinionEvent, Outlet
from qinglian.ideology.selectors.opinion import STATUS_FILTERS
from qinglian.integrity.forms.inquiries import DATE, FilterForm, Styled, organ_units
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def moment_field(label: str, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DATETIME, input_formats=DATETIME_FORMATS, **kwargs)


def _now_minute() -> str:
    return f"{timezone.localtime(clock.now()):%Y-%m-%dT%H:%M}"


class OpinionFilterForm(FilterForm):
    level = forms.ChoiceField(label="等级", required=False, choices=[("", "全部等级"), *OpinionLevel.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATUS_FILTERS])
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    q = forms.CharField(label="搜索", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["q"].widget.attrs["placeholder"] = "标题/内容/责任人"

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "level": data.get("level") or "",
            "status": data.get("status") or "",
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "q": (data.get("q") or "").strip(),
        }


class OpinionEventForm(Styled, forms.ModelForm):
    found_at = moment_field("发现时间")
    responsible = PersonChoice(label="责任人", queryset=Person.objects.none(), required=False)

    class Meta:
        model = OpinionEvent
        fields = ["title", "source", "level", "found_at", "summary", "unit", "responsible", "outlet"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["responsible"].queryset = organ_people(user)
        self.fields["outlet"].queryset = Outlet.objects.filter(organ_id=scope_of(user).organ_id).order_by("name")
        self.fields["outlet"].required = False
        self.fields["responsible"].help_text = "负责处置的机关人员；不填时预警发给机关党委"
        self.fields["found_at"].help_text = "精确到分钟；首次响应和向上级报告的时限自此计算"
        if self.instance.found_at and not self.is_bound:
            self.initial["found_at"] = f"{timezone.localtime(self.instance.found_at):%Y-%m-%dT%H:%M}"


class RespondForm(Styled, forms.Form):
    at = moment_field("首次响应时间")
    measure = forms.CharField(
        label="首次响应措施",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：发布情况说明、联系平台核实、约谈当事人、向网信部门报告",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"at": _now_minute()}, **kwargs)


class ReportForm(Styled, forms.Form):
    at = moment_field("报告时间")
    to = forms.CharField(label="报告对象", max_length=100, help_text="如：市委宣传部、市委网信办")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"at": _now_minute()}, **kwargs)


class HandleForm(Styled, forms.Form):
    handling = forms.CharField(label="处置情况", widget=forms.Textarea(attrs={"rows": 5}))


class CloseForm(Styled, forms.Form):
    closed_on = forms.DateField(label="办结日期", widget=DATE)
    handling = forms.CharField(
        label="处置情况", widget=forms.Textarea(attrs={"rows": 5}), help_text="核查结论、回应和整改情况"
    )

    def __init__(self, *args: Any, handling: str = "", **kwargs: Any) -> None:
        super().__init__(*args, initial={"closed_on": clock.today(), "handling": handling}, **kwargs)


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label="原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "原因"}))

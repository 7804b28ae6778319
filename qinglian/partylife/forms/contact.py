"""The form of a 失去联系党员 record. The dates are checked by services.contact (in Chinese), not here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person
from qinglian.partylife.models import Meeting
from qinglian.partylife.services.contact import ContactDates

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _member_label(person: Person) -> str:
    return f"{person.name}（{person.branch.name if person.branch_id else '未编入党支部'}）"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.date:%Y-%m-%d} {obj.branch.name if obj.branch_id else ''} {obj.get_kind_display()}"


class LostContactForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(label="党员", queryset=Person.objects.none())
    lost_since = forms.DateField(
        label="失去联系日期", widget=_DATE, help_text="最后一次取得联系的次日或组织确认失去联系之日"
    )
    searches = forms.CharField(
        label="查找情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="何时、通过何种方式查找（电话、函询、走访家属和原单位、户籍地党组织协查等）及结果；停止党籍前须填写",
    )
    found_on = forms.DateField(label="重新取得联系日期", required=False, widget=_DATE)
    suspended_on = forms.DateField(
        label="停止党籍日期", required=False, widget=_DATE, help_text="失去联系6个月以上、查找仍无结果的，由党支部决定"
    )
    suspension_meeting = MeetingChoiceField(
        label="作出停止党籍决定的会议", required=False, queryset=Meeting.objects.none(), empty_label="（未登记）"
    )
    removed_on = forms.DateField(
        label="除名日期", required=False, widget=_DATE, help_text="停止党籍2年后仍无法取得联系的，按照自行脱党予以除名"
    )
    note = forms.CharField(label="备注", required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person] | None = None,
        meetings: QuerySet[Meeting] | None = None,
        **kwargs: Any,
    ) -> None:
        """`people`: whom the user may record; None for an edit, where the member stays. `meetings`: the branch
        meetings that may have decided the suspension."""
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = _member_label
        self.fields["suspension_meeting"].queryset = meetings if meetings is not None else Meeting.objects.none()
        self._style()

    def dates(self) -> ContactDates:
        data = self.cleaned_data
        return ContactDates(
            lost_since=data["lost_since"],
            found_on=data["found_on"],
            suspended_on=data["suspended_on"],
            suspension_meeting=data["suspension_meeting"],
            removed_on=data["removed_on"],
        )


class LostContactDeleteForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label="删除原因", max_length=200, help_text="如：重复录入、录错人员")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

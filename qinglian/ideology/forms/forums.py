"""Forms of the 一会一报 register: the list's filter, the filing (applicant's), a step's decision, the
cancellation. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from qinglian.core import clock
from qinglian.ideology.choices import ForumKind, ForumStatus, ForumStep, ReviewDecision
from qinglian.ideology.models import Forum
from qinglian.ideology.permissions import can_keep_register
from qinglian.integrity.forms.inquiries import DATE, FilterForm, Styled, organ_units
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

MONTHS = [("", "全部月份"), *((m, f"{m}月") for m in range(1, 13))]
DECISIONS = [(ReviewDecision.APPROVE, "同意"), (ReviewDecision.RETURN, "不予批准")]


class ForumFilterForm(FilterForm):
    month = forms.TypedChoiceField(label="月份", required=False, choices=MONTHS, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(
        label="主办委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室"
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *ForumStatus.choices])
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *ForumKind.choices])
    q = forms.CharField(label="搜索", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["q"].widget.attrs["placeholder"] = "名称/主题/报告人"

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "month": data.get("month"),
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "status": data.get("status") or "",
            "kind": data.get("kind") or "",
            "q": (data.get("q") or "").strip(),
        }


def hosting_units(user: Any):
    """The units the user may file for: their own and those they head (every unit for the party-affairs office)."""
    units = organ_units(user)
    if can_keep_register(user):
        return units
    scope = scope_of(user)
    return units.filter(Q(pk=scope.unit_id or 0) | Q(pk__in=scope.head_unit_ids))


class ForumForm(Styled, forms.ModelForm):
    class Meta:
        model = Forum
        fields = [
            "kind",
            "title",
            "topic",
            "unit",
            "host_role",
            "co_hosts",
            "held_on",
            "venue",
            "online",
            "speaker",
            "speaker_title",
            "outline",
            "audience",
            "audience_size",
            "foreign_participants",
            "foreign_detail",
        ]
        widgets = {"held_on": DATE, "outline": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = hosting_units(user)
        self.fields["held_on"].help_text = "须在举办前报备；报备日期为提交当天"
        self.fields["outline"].help_text = "报告或讲座的主要内容提纲，也可在详情页上传提纲文件"
        self.fields["foreign_detail"].help_text = "有境外人员参加的必填：姓名、国籍或地区、单位及职务"
        self.fields["co_hosts"].help_text = "合办、协办的填写合办单位，如：某大学法学院"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("foreign_participants") and not (data.get("foreign_detail") or "").strip():
            self.add_error("foreign_detail", "有境外人员参加的，请填写境外人员情况")
        held_on, filed_on = data.get("held_on"), self.instance.filed_on or clock.today()
        if held_on is not None and held_on < filed_on:
            self.add_error("held_on", "举办日期早于报备日期：一会一报须在举办前报备")
        return data


class DecideForm(Styled, forms.Form):
    decision = forms.ChoiceField(label="审批意见", choices=DECISIONS, widget=forms.RadioSelect)
    opinion = forms.CharField(
        label="意见说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label="审批日期", widget=DATE)

    def __init__(self, *args: Any, step: int, **kwargs: Any) -> None:
        super().__init__(*args, initial={"decided_on": clock.today(), "decision": ReviewDecision.APPROVE}, **kwargs)
        if step == ForumStep.FOREIGN_AFFAIRS:
            self.fields["decided_on"].label = "外事部门批复日期"
            self.fields["opinion"].label = "批复文号或批复情况"
            self.fields["opinion"].help_text = "请据外事部门的书面批复登记，并在详情页上传批复文件"
        else:
            self.fields["opinion"].help_text = "不予批准的必须填写"


class CancelForm(Styled, forms.Form):
    reason = forms.CharField(
        label="取消原因", max_length=300, widget=forms.TextInput(attrs={"placeholder": "如：报告人行程变更，活动取消"})
    )

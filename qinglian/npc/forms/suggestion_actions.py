"""Forms of the handling steps of one suggestion (交办, 签收, 退回, 通知代表, 联系, 协办意见, 答复, 满意度,
延期, 重点督办 and its 督办工作方案). Each takes the suggestion and the user, offers only that suggestion's rows,
and leaves the rules of the step (dates, order, status) to the service, whose Chinese refusal the view shows on the
form.

Every form is rendered with `prefix=<action name>`, so the page can hold all of them at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from qinglian.npc.choices import ContactWay, HandlingRole, ReplyResult, Satisfaction
from qinglian.npc.forms.common import DATE, Styled
from qinglian.npc.models import Assignment, Reply, Suggestion
from qinglian.npc.selectors.setup import external_units, internal_units
from qinglian.npc.selectors.suggestion_actions import (
    active_assignments,
    current_lead,
    pending_replies,
    supervising_leaders,
)
from qinglian.org.models import Person, Unit


def _today_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, initial=timezone.localdate)


class AssignmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Assignment) -> str:
        return f"{obj.unit.name}（{obj.get_role_display()}）"


class ActionForm(Styled, forms.Form):
    """Base: keeps the suggestion and user, styles the widgets."""

    def __init__(self, *args: Any, suggestion: Suggestion, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion, self.user = suggestion, user
        self.setup()

    def setup(self) -> None:
        """Fill the querysets of choice fields from the suggestion."""

    def active_assignments(self) -> QuerySet[Assignment]:
        return active_assignments(self.suggestion)


class AssignForm(ActionForm):
    lead_unit = forms.ModelChoiceField(label="主办单位", queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label="协办单位", queryset=Unit.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    assigned_on = _today_field("交办日期")

    def setup(self) -> None:
        units = external_units(self.user)
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("lead_unit") and data.get("lead_unit") in (data.get("co_units") or []):
            self.add_error("co_units", "主办单位不能同时作为协办单位")
        return data


class AddCoUnitsForm(ActionForm):
    units = forms.ModelMultipleChoiceField(
        label="增加协办单位", queryset=Unit.objects.none(), widget=forms.SelectMultiple(attrs={"size": 5})
    )
    assigned_on = _today_field("交办日期")

    def setup(self) -> None:
        taken = self.active_assignments().values("unit_id")
        self.fields["units"].queryset = external_units(self.user).exclude(pk__in=taken)


class ReceiveForm(ActionForm):
    assignment = AssignmentChoice(label="签收单位", queryset=Assignment.objects.none())
    received_on = _today_field("签收日期")

    def setup(self) -> None:
        self.fields["assignment"].queryset = self.active_assignments().filter(received_on__isnull=True)


class ReturnForm(ActionForm):
    assignment = AssignmentChoice(label="退回单位", queryset=Assignment.objects.none())
    returned_on = _today_field("退回日期")
    reason = forms.CharField(label="退回理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    accepted = forms.TypedChoiceField(
        label="交办机构意见",
        coerce=lambda v: v == "1",
        choices=[("1", "同意退回（另行交办）"), ("0", "不同意退回（继续承办）")],
    )

    def setup(self) -> None:
        self.fields["assignment"].queryset = self.active_assignments()


class NotifyForm(ActionForm):
    notified_on = _today_field("通知代表受理日期")


class ContactForm(ActionForm):
    assignment = AssignmentChoice(
        label="承办单位", queryset=Assignment.objects.none(), required=False, empty_label="（主办单位）"
    )
    date = _today_field("联系日期")
    way = forms.ChoiceField(label="方式", choices=ContactWay.choices)
    with_whom = forms.CharField(label="联系对象", max_length=60, required=False, help_text="留空为领衔代表")
    note = forms.CharField(label="情况", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def setup(self) -> None:
        self.fields["assignment"].queryset = self.active_assignments()

    def clean_assignment(self) -> Assignment | None:
        """No unit chosen: the active lead made the contact (the usual case)."""
        return self.cleaned_data.get("assignment") or current_lead(self.suggestion)


class CoOpinionForm(ActionForm):
    assignment = AssignmentChoice(label="协办单位", queryset=Assignment.objects.none())
    opinion_on = _today_field("协办意见日期")
    opinion = forms.CharField(label="协办意见要点", widget=forms.Textarea(attrs={"rows": 3}))

    def setup(self) -> None:
        self.fields["assignment"].queryset = self.active_assignments().filter(role=HandlingRole.CO)


class ReplyForm(ActionForm):
    document_no = forms.CharField(label="答复文号", max_length=60, required=False)
    date = _today_field("答复日期")
    result = forms.ChoiceField(label="答复类别", choices=ReplyResult.choices)
    summary = forms.CharField(label="答复要点", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if current_lead(self.suggestion) is None:
            raise forms.ValidationError("该建议没有承办中的主办单位，不能登记答复")
        return data


class SatisfactionForm(ActionForm):
    reply = forms.ModelChoiceField(label="答复", queryset=Reply.objects.none())
    recorded_on = _today_field("反馈日期")
    level = forms.ChoiceField(label="满意度", choices=Satisfaction.choices)
    opinion = forms.CharField(
        label="代表意见", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self) -> None:
        pending = pending_replies(self.suggestion)
        self.fields["reply"].queryset = pending
        first = pending.first()
        if first is not None:
            self.fields["reply"].initial = first.pk


class ExtensionRequestForm(ActionForm):
    requested_on = _today_field("申请日期")
    reason = forms.CharField(label="延期理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionApproveForm(ActionForm):
    approved_on = _today_field("批准日期")


class MarkKeyForm(ActionForm):
    is_key = forms.TypedChoiceField(
        label="重点督办", coerce=lambda v: v == "1", choices=[("1", "列为重点督办"), ("0", "取消重点督办")]
    )
    committee = forms.ModelChoiceField(label="督办委室", queryset=Unit.objects.none(), required=False)
    leader = forms.ModelChoiceField(label="督办领导", queryset=Person.objects.none(), required=False)
    decided_on = forms.DateField(
        label="确定重点督办日期",
        widget=DATE,
        required=False,
        help_text="主任会议研究确定的日期；督办工作方案期限自该日起算（未填的自交办之日起算）",
    )

    def setup(self) -> None:
        self.fields["committee"].queryset = internal_units(self.user)
        self.fields["leader"].queryset = supervising_leaders(self.user)
        s = self.suggestion
        self.initial.update(
            {
                "is_key": "1",
                "committee": s.supervising_committee_id,
                "leader": s.supervising_leader_id,
                "decided_on": s.key_decided_on,
            }
        )


class SupervisionPlanForm(ActionForm):
    """督办工作方案 of a key suggestion (浙江规定 Art.28 ¶2), drawn up by the supervising committee."""

    plan_on = _today_field("督办工作方案日期")
    summary = forms.CharField(
        label="督办工作方案要点",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="督办方式（走访座谈、专题调研、跟踪督办等）、时间安排和责任分工",
    )

    def setup(self) -> None:
        s = self.suggestion
        if s.supervision_plan_on:
            self.initial.update({"plan_on": s.supervision_plan_on, "summary": s.supervision_plan})

"""Forms of the list pages: the filter of the tree, the list, its headings and items.

Forms check the shape of the input; the services check the rules (and say why in Chinese), and a refusal
becomes a form error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from qinglian.duty.choices import AssignmentRole, Theme
from qinglian.duty.forms.common import DATE
from qinglian.duty.models import DutyItem, DutyList, DutySection
from qinglian.duty.selectors.lists import TaskFilter, heading_label
from qinglian.duty.selectors.tasks import STATUS_FILTER_CHOICES
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person, Unit


class TaskFilterForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    leader = forms.ModelChoiceField(
        label="牵头领导", queryset=Person.objects.none(), required=False, empty_label="全部牵头领导"
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATUS_FILTER_CHOICES])
    theme = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *Theme.choices])

    def __init__(self, *args: Any, units: QuerySet[Unit], leaders: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["leader"].queryset = leaders
        self.fields["year"].widget.attrs.update({"placeholder": "年度", "inputmode": "numeric"})
        self._style()

    def task_filter(self) -> TaskFilter:
        data = self.cleaned_data if self.is_valid() else {}
        unit, leader = data.get("unit"), data.get("leader")
        return TaskFilter(
            unit_id=unit.pk if unit else None,
            leader_id=leader.pk if leader else None,
            status=data.get("status") or "",
            theme=data.get("theme") or "",
        )


class DutyListForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DutyList
        fields = ["year", "title", "document_no"]
        help_texts = {"title": "留空则为“某年全面从严治党主体责任清单”"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["year"].widget.attrs["inputmode"] = "numeric"
        self._style()


class SectionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DutySection
        fields = ["parent", "order", "title"]
        labels = {"parent": "上级标题（二级标题“（一）”须选择；一级标题“一、”留空）"}

    def __init__(self, *args: Any, duty_list: DutyList, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tops = duty_list.sections.filter(parent__isnull=True).order_by("order", "id")
        if self.instance.pk:
            tops = tops.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = tops
        self.fields["parent"].empty_label = "（无，一级标题）"
        self.fields["parent"].label_from_instance = section_label
        self._style()


def section_label(section: DutySection) -> str:
    return heading_label(section)


class ItemForm(BootstrapMixin, forms.ModelForm):
    """An item with its units. The lead leader is chosen among the Party group's current members."""

    lead_unit = forms.ModelChoiceField(label="牵头委室", queryset=Unit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label="配合委室",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DutyItem
        fields = [
            "section",
            "order",
            "content",
            "theme",
            "lead_leader",
            "deadline",
            "recurrence",
            "standard",
            "evidence_required",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "standard": forms.Textarea(attrs={"rows": 2}),
            "deadline": DATE,
        }

    def __init__(self, *args: Any, duty_list: DutyList, units: QuerySet[Unit], leaders: QuerySet[Person], **kw):
        super().__init__(*args, **kw)
        # 一、 then its （一）（二）…, then 二、: order by the top heading's number, then the heading's own.
        top_order, top_id = Coalesce("parent__order", "order"), Coalesce("parent_id", "id")
        sections = duty_list.sections.select_related("parent").order_by(
            top_order, top_id, F("parent_id").asc(nulls_first=True), "order"
        )
        self.fields["section"].queryset = sections
        self.fields["section"].label_from_instance = section_label
        self.fields["lead_leader"].queryset = leaders
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units
        self.fields["co_units"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            tasks = list(self.instance.assignments.all())
            self.initial["lead_unit"] = next((a.unit_id for a in tasks if a.role == AssignmentRole.LEAD), None)
            self.initial["co_units"] = [a.unit_id for a in tasks if a.role == AssignmentRole.CO]
        self._style()

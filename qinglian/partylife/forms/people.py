"""Forms of the people-facing party-life pages: a talk, a study record, a plan, a democratic-life step."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.org.forms import BootstrapMixin
from qinglian.partylife.choices import BRANCH_KINDS, DLMStep, MeetingKind
from qinglian.partylife.models import HeartTalk, StudyRecord

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_KIND_BY_TEXT = {str(MeetingKind(k).label): str(k) for k in BRANCH_KINDS} | {str(k): str(k) for k in BRANCH_KINDS}


class HeartTalkForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = HeartTalk
        fields = ["initiator", "initiator_role", "counterpart", "counterpart_role", "date", "topic", "summary"]
        widgets = {"date": _DATE, "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, initiators, counterparts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiator"].queryset = initiators
        self.fields["counterpart"].queryset = counterparts
        self.fields["date"].initial = clock.today()
        self._style()


class StudyRecordForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = StudyRecord
        fields = ["kind", "date", "title", "hours"]
        widgets = {"date": _DATE}
        help_texts = {"hours": "按实际参加的学时填写，单次不超过80学时"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()
        self.fields["hours"].widget.attrs.update({"step": "0.5", "min": "0.5", "inputmode": "decimal"})
        self._style()


def plan_lines(items) -> str:
    """The textarea text of existing plan slots: "月份,类型,主题" per line."""
    return "\n".join(f"{i.month},{i.get_kind_display()},{i.topic}" for i in items)


class PlanForm(BootstrapMixin, forms.Form):
    lines = forms.CharField(
        label="计划事项",
        widget=forms.Textarea(attrs={"rows": 16, "placeholder": "3,支部党员大会,学习全国两会精神"}),
        help_text="每行一项：月份,会议类型,拟定主题（主题可空）。会议类型："
        + "、".join(str(MeetingKind(k).label) for k in BRANCH_KINDS)
        + "。已按计划召开的会议保留不变。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_lines(self) -> list[tuple[int, str, str]]:
        items, problems = [], []
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            line = raw.strip().replace("，", ",")
            if not line:
                continue
            parts = [p.strip() for p in line.split(",", 2)]
            month = parts[0].removesuffix("月")
            kind = _KIND_BY_TEXT.get(parts[1]) if len(parts) > 1 else None
            if not month.isdigit() or not 1 <= int(month) <= 12:
                problems.append(f"第{number}行：月份应为1至12")
            elif kind is None:
                problems.append(f"第{number}行：会议类型“{parts[1] if len(parts) > 1 else ''}”无法识别")
            else:
                items.append((int(month), kind, parts[2] if len(parts) > 2 else ""))
        if problems:
            raise forms.ValidationError(problems)
        return items


class DLMStepForm(BootstrapMixin, forms.Form):
    step = forms.ChoiceField(label="环节", choices=DLMStep.choices)
    done_on = forms.DateField(label="完成日期", widget=_DATE)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = clock.today()
        self._style()

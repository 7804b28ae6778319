"""Forms and query-string helpers of the letters, 督办单 and 约谈 pages.

Choice fields get their querysets from the view (always a `visible_to(user)` queryset), so a form never offers
a record the person could not open.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone

from qinglian.duty.choices import LetterLevel, NoticeStatus, TalkKind
from qinglian.duty.models import AccountabilityTalk, SupervisionNotice
from qinglian.org.forms import BootstrapMixin

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OVERDUE = "overdue"  # a filter value, not a stored status: 待回复 past its reply date


def year_param(request: HttpRequest) -> int:
    """The `year` query parameter, or this year when missing or implausible."""
    raw = request.GET.get("year", "") or request.POST.get("year", "")
    today = timezone.localdate()
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year


def int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() else None


class _FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.rule_code} {obj.reason[:40]}"


class _AssignmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.item.duty_list.year}年 {obj.unit.name}：{obj.item.content[:36]}"


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


# --- 责任书 ---------------------------------------------------------------------------------------


class LetterFilterForm(BootstrapMixin, forms.Form):
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部层级"), *LetterLevel.choices])
    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")
    signed = forms.ChoiceField(
        label="签订情况", required=False, choices=[("", "全部"), ("yes", "已签订"), ("no", "未签订")]
    )

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self._style()


def filter_letters(letters, data: dict):
    if data.get("level"):
        letters = letters.filter(level=data["level"])
    if data.get("unit"):
        letters = letters.filter(unit=data["unit"])
    if data.get("signed") == "yes":
        letters = letters.filter(signed_on__isnull=False)
    elif data.get("signed") == "no":
        letters = letters.filter(signed_on__isnull=True)
    return letters


class LetterSignForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label="签订日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()
        self._style()


# --- 督办单 ---------------------------------------------------------------------------------------


class NoticeFilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *NoticeStatus.choices, (OVERDUE, "逾期未回复")]
    )
    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "编号/事由"}))

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self._style()


def filter_notices(notices, data: dict):
    from django.db.models import Q

    status = data.get("status")
    if status == OVERDUE:
        notices = notices.filter(status=NoticeStatus.ISSUED, reply_due__lt=timezone.localdate())
    elif status:
        notices = notices.filter(status=status)
    if data.get("unit"):
        notices = notices.filter(unit=data["unit"])
    if data.get("q"):
        notices = notices.filter(Q(number__icontains=data["q"]) | Q(reason__icontains=data["q"]))
    return notices


class NoticeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SupervisionNotice
        fields = ["number", "assignment", "finding", "unit", "responsible", "reason", "requirement", "reply_due"]
        widgets = {
            "reply_due": _DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "requirement": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"assignment": _AssignmentChoice, "finding": _FindingChoice, "responsible": _PersonChoice}
        help_texts = {
            "number": "留空则自动编号（督办〔年度〕N号）",
            "assignment": "督办的责任任务与预警至少选一项",
        }

    def __init__(self, *args: Any, assignments, findings, units, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["assignment"].queryset = assignments
        self.fields["finding"].queryset = findings
        self.fields["unit"].queryset = units
        self.fields["responsible"].queryset = people
        self._style()


class NoticeReplyForm(BootstrapMixin, forms.Form):
    reply = forms.CharField(label="回复内容", widget=forms.Textarea(attrs={"rows": 4}))
    replied_on = forms.DateField(label="回复日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replied_on"].initial = timezone.localdate()
        self._style()


class NoticeEscalateForm(BootstrapMixin, forms.Form):
    to_person = _PersonChoice(label="升级至（党组领导）", queryset=None, empty_label=None)

    def __init__(self, *args: Any, leaders, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_person"].queryset = leaders
        self._style()


# --- 约谈 -----------------------------------------------------------------------------------------


class TalkFilterForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *TalkKind.choices])
    unit = forms.ModelChoiceField(label="委室", queryset=None, required=False, empty_label="全部委室")
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "姓名/事由"}))

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self._style()


def filter_talks(talks, data: dict):
    from django.db.models import Q

    if data.get("kind"):
        talks = talks.filter(kind=data["kind"])
    if data.get("unit"):
        talks = talks.filter(unit=data["unit"])
    if data.get("q"):
        names = Q(interviewer__name__icontains=data["q"]) | Q(interviewee__name__icontains=data["q"])
        talks = talks.filter(names | Q(reason__icontains=data["q"]))
    return talks


class TalkForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AccountabilityTalk
        fields = ["kind", "date", "interviewer", "interviewee", "reason", "outcome", "notice", "assignment", "finding"]
        widgets = {
            "date": _DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {
            "interviewer": _PersonChoice,
            "interviewee": _PersonChoice,
            "assignment": _AssignmentChoice,
            "finding": _FindingChoice,
        }

    def __init__(self, *args: Any, interviewers, interviewees, notices, assignments, findings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["interviewer"].queryset = interviewers
        self.fields["interviewee"].queryset = interviewees
        self.fields["notice"].queryset = notices
        self.fields["assignment"].queryset = assignments
        self.fields["finding"].queryset = findings
        self._style()

"""Forms of pieces: the list's filter, a new piece (paste the text or upload a .txt/.docx), its particulars, a new
version, a sign-off, an override of a political finding, a proofreading round, the publication and a withdrawal.
The services check everything again; these only read what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.ideology.choices import PieceKind, PieceStatus, ReviewDecision
from qinglian.ideology.models import Outlet
from qinglian.integrity.forms.inquiries import DATE, FilterForm, Styled, organ_units
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

NO_TEXT = "请粘贴稿件正文，或选择一个 .docx / .txt 文件"


class PieceFilterForm(FilterForm):
    outlet = forms.ModelChoiceField(
        label="阵地", queryset=Outlet.objects.none(), required=False, empty_label="全部阵地"
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *PieceStatus.choices])
    unit = forms.ModelChoiceField(
        label="撰稿委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室"
    )
    q = forms.CharField(label="搜索", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = Outlet.objects.visible_to(user)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["q"].widget.attrs["placeholder"] = "标题/撰稿人/网址"

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "outlet_id": data["outlet"].pk if data.get("outlet") else None,
            "status": data.get("status") or "",
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "q": (data.get("q") or "").strip(),
        }


class TextOrFile(forms.Form):
    """The text pasted or a .txt/.docx file chosen (the file wins); the engine judges whether it is a document."""

    text = forms.CharField(
        label="粘贴正文",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "在此粘贴稿件正文……"}),
    )
    file = forms.FileField(
        label="或上传文件（.docx / .txt）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
        help_text="选择了文件时以文件为准",
    )
    note = forms.CharField(label="修改说明", required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(NO_TEXT)
        return data

    def content(self) -> dict[str, Any]:
        """The service's text / data & file_name arguments."""
        upload = self.cleaned_data.get("file")
        if upload is not None:
            return {"data": upload.read(), "file_name": upload.name}
        return {"text": self.cleaned_data["text"]}


class PieceForm(Styled, TextOrFile):
    outlet = forms.ModelChoiceField(label="阵地", queryset=Outlet.objects.none(), empty_label="请选择阵地")
    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="稿件类型", choices=PieceKind.choices, initial=PieceKind.ARTICLE)
    sensitive = forms.BooleanField(label="重大敏感稿件", required=False, help_text="重大敏感稿件各审核环节提高一个层级")
    sensitive_reason = forms.CharField(label="重大敏感说明", max_length=200, required=False)

    field_order = ["outlet", "title", "kind", "sensitive", "sensitive_reason", "text", "file", "note"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organ_id = scope_of(user).organ_id
        self.fields["outlet"].queryset = Outlet.objects.filter(organ_id=organ_id).open_on(clock.today())
        self.fields["note"].initial = "初稿"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("sensitive") and not (data.get("sensitive_reason") or "").strip():
            self.add_error("sensitive_reason", "重大敏感稿件请说明理由")
        return data


class ParticularsForm(Styled, forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="稿件类型", choices=PieceKind.choices)
    sensitive = forms.BooleanField(label="重大敏感稿件", required=False)
    sensitive_reason = forms.CharField(label="重大敏感说明", max_length=200, required=False)


class VersionForm(Styled, TextOrFile):
    pass


class SignForm(Styled, forms.Form):
    stage = forms.TypedChoiceField(choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int, widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="审核意见", choices=ReviewDecision.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(
        label="意见说明",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="退回修改须填写",
    )


class OverrideForm(Styled, forms.Form):
    issue_key = forms.CharField(max_length=300, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="放行理由", max_length=500, widget=forms.TextInput(attrs={"placeholder": "如：引用历史文献原文"})
    )


class ProofRoundForm(Styled, forms.Form):
    round = forms.IntegerField(min_value=1, max_value=3, widget=forms.HiddenInput)
    proofreader = forms.ModelChoiceField(label="校对人", queryset=Person.objects.none(), empty_label="请选择")
    done_on = forms.DateField(label="校对日期", widget=DATE)
    note = forms.CharField(label="校对记录", max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("done_on", clock.today())
        super().__init__(*args, **kwargs)
        self.fields["proofreader"].queryset = Person.objects.filter(
            organ_id=scope_of(user).organ_id, is_active=True
        ).order_by("unit__order", "name")


class PublishForm(Styled, forms.Form):
    published_on = forms.DateField(label="发布日期", widget=DATE)
    published_url = forms.CharField(label="发布网址或刊期", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("published_on", clock.today())
        super().__init__(*args, **kwargs)


class WithdrawForm(Styled, forms.Form):
    reason = forms.CharField(label="撤稿原因", max_length=300)

"""Forms of 公文审校: a new check (paste or upload) and a term of the organ's profile."""

from __future__ import annotations

from django import forms

from qinglian.docreview.choices import MinSeverity, TermKind


class CheckForm(forms.Form):
    text = forms.CharField(
        label="粘贴文字",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control", "placeholder": "在此粘贴公文正文……"}),
    )
    file = forms.FileField(
        label="或上传文件（.docx / .txt）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".docx,.txt"}),
    )
    min_severity = forms.ChoiceField(
        label="提示范围",
        choices=MinSeverity.choices,
        initial=MinSeverity.SUGGESTION,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请粘贴要校对的文字，或选择一个 .docx / .txt 文件")
        return data

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return "提交的内容有误"


class TermForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型", choices=TermKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    text = forms.CharField(label="词语", max_length=100, widget=forms.TextInput(attrs={"class": "form-control"}))
    replacement = forms.CharField(
        label="改为",
        max_length=100,
        required=False,
        help_text="本机关用语必填；禁用词可填替换词",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label="说明", max_length=300, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )

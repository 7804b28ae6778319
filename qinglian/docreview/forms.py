"""Forms of 公文审校: a new check (paste or upload) and a term of the organ's profile."""

from __future__ import annotations

import datetime as dt

from django import forms

from qinglian.docreview.choices import MinSeverity, TermKind

# A 成文日期 may be typed as 2025-03-05, 2025/3/5 or 2025年3月5日 (the form's date picker sends the first).
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
BAD_DATE = "成文日期不是有效的日期，请按“2025-03-05”或“2025年3月5日”填写"
# No 公文 of the organ predates the People's Republic; a year past 2100 is a typing slip.
FIRST_DATE, LAST_DATE = dt.date(1949, 10, 1), dt.date(2100, 12, 31)


def parse_document_date(value: object) -> dt.date | None:
    """The 成文日期 of the form or the API: None when empty; ValueError (with BAD_DATE) when not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValueError(BAD_DATE)
    for fmt in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
        if not FIRST_DATE <= day <= LAST_DATE:
            raise ValueError(f"成文日期 {day:%Y-%m-%d} 超出可能的范围（1949年10月1日至2100年）")
        return day
    raise ValueError(BAD_DATE)


class DocumentDateField(forms.CharField):
    def to_python(self, value: object) -> dt.date | None:  # type: ignore[override]
        try:
            return parse_document_date(super().to_python(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


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
    document_date = DocumentDateField(
        label="成文日期（可选）",
        required=False,
        help_text="据此判断机构名称、会议届次等在成文时是否正确；不填时取文中的落款日期，没有则取今天",
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
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

"""Forms of 个人有关事项报告: plain forms whose cleaned values go to services.personal (which checks everything
again); person and event choices are the organ's own, read by the view."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.integrity.choices import ChangeKind, CheckOutcome, CheckReason, ReportKind
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REPORT_FILE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx"


class _Styled(BootstrapMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）"


class ReportForm(_Styled):
    """A report: the personnel officer's form has `person`; the cadre's own has not, and may carry the file."""

    person = PersonChoice(label="报告人", queryset=Person.objects.none())
    kind = forms.ChoiceField(label="报告类型", choices=ReportKind.choices)
    year = forms.IntegerField(
        label="报告年份", required=False, min_value=2000, max_value=2100, help_text="年度集中报告填写"
    )
    change_kind = forms.ChoiceField(label="变化事项", required=False, choices=[("", "—"), *ChangeKind.choices])
    event_date = forms.DateField(label="事项发生日期", required=False, widget=DATE, help_text="变化事项报告填写")
    submitted_on = forms.DateField(label="报告日期", widget=DATE)
    managed_here = forms.BooleanField(label="本机关管理（市管干部只保存回执）", required=False, initial=True)
    file = forms.FileField(
        label="报告扫描件", required=False, widget=forms.ClearableFileInput(attrs={"accept": REPORT_FILE_ACCEPT})
    )

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
            del self.fields["managed_here"]
        else:
            self.fields["person"].queryset = people
            del self.fields["file"]

    def service_args(self) -> dict[str, Any]:
        d = self.cleaned_data
        args = {
            "kind": d["kind"],
            "submitted_on": d["submitted_on"],
            "year": d.get("year"),
            "change_kind": d.get("change_kind") or "",
            "event_date": d.get("event_date"),
        }
        if "managed_here" in self.fields:
            args["managed_here"] = bool(d.get("managed_here"))
        return args


class ReceiveForm(_Styled):
    received_on = forms.DateField(label="受理日期", widget=DATE)
    receipt_no = forms.CharField(label="回执编号", max_length=60, required=False)


class UploadForm(_Styled):
    file = forms.FileField(label="报告扫描件", widget=forms.ClearableFileInput(attrs={"accept": REPORT_FILE_ACCEPT}))


class ExtraReporterForm(_Styled):
    person = PersonChoice(label="人员", queryset=Person.objects.none())
    reason = forms.CharField(label="列入原因", max_length=200)
    start = forms.DateField(label="起始日期", widget=DATE)
    end = forms.DateField(label="截止日期", required=False, widget=DATE)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DrawForm(_Styled):
    seed = forms.CharField(
        label="随机种子（可不填）",
        max_length=64,
        required=False,
        help_text="不填由系统生成；抽取后种子和方法公开，可复核",
    )


class OutcomeForm(_Styled):
    outcome = forms.ChoiceField(label="核实结果", choices=CheckOutcome.choices)
    checked_on = forms.DateField(label="核实完成日期", widget=DATE)
    handling = forms.CharField(
        label="不一致的处理", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="如：批评教育、诫勉"
    )


class CheckFilterForm(_Styled):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    reason = forms.ChoiceField(label="核实原因", required=False, choices=[("", "全部"), *CheckReason.choices])
    outstanding = forms.BooleanField(label="只看未完成", required=False)

    def values(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


class ReportFilterForm(_Styled):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="报告类型", required=False, choices=[("", "全部"), *ReportKind.choices])
    unreceived = forms.BooleanField(label="只看未受理", required=False)
    q = forms.CharField(label="姓名/回执编号", required=False, max_length=30)

    def values(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

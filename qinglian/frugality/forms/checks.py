"""Forms of the special check: the list's filter, a new check, one sample's review, the report. They parse; the
services (services/checks.py) decide and refuse in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.frugality.choices import CheckStatus, Ledger, SampleVerdict
from qinglian.frugality.services.checks import MAX_SAMPLE
from qinglian.org.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT_SAMPLE = 20


class LedgerBoxes(forms.CheckboxSelectMultiple):
    """The ledgers as Bootstrap check boxes side by side (Django's list of labels breaks the 375 px form)."""

    template_name = "frugality/checks_ledgers_widget.html"


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CheckFilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *CheckStatus.choices])
    q = forms.CharField(
        label="搜索", required=False, max_length=50, widget=forms.TextInput(attrs={"placeholder": "名称/文号/结论"})
    )

    def selector_args(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"year": data.get("year"), "status": data.get("status") or "", "q": (data.get("q") or "").strip()}


class CheckStartForm(Styled, forms.Form):
    title = forms.CharField(label="检查名称", max_length=200, help_text="如：2026年上半年财务收支、接待经费专项检查")
    period_start = forms.DateField(label="检查期间起", widget=DATE)
    period_end = forms.DateField(label="检查期间止", widget=DATE)
    ledgers = forms.MultipleChoiceField(
        label="检查台账",
        choices=Ledger.choices,
        widget=LedgerBoxes(attrs={"class": "form-check-input"}),
        help_text="运行所选台账的全部八项规定规则，并从所选台账的凭证中抽样",
    )
    sample_size = forms.IntegerField(
        label="抽样数量（张）",
        min_value=1,
        max_value=MAX_SAMPLE,
        initial=DEFAULT_SAMPLE,
        help_text="随机种子由系统生成并记录，抽样只进行一次",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        today = clock.today()
        kwargs.setdefault(
            "initial",
            {
                "period_start": today.replace(month=1, day=1),
                "period_end": today,
                "ledgers": [Ledger.RECEPTION, Ledger.TRAVEL],
                "sample_size": DEFAULT_SAMPLE,
            },
        )
        super().__init__(*args, **kwargs)


class SampleReviewForm(Styled, forms.Form):
    verdict = forms.ChoiceField(label="审核结论", required=False, choices=[("", "请选择"), *SampleVerdict.choices])
    remark = forms.CharField(label="问题说明", max_length=500, required=False)


class CheckReportForm(Styled, forms.Form):
    report_no = forms.CharField(label="报告文号", max_length=60, help_text="如：驻机关纪检组〔2026〕3号")
    reported_on = forms.DateField(label="报告日期", widget=DATE)
    conclusion = forms.CharField(label="检查结论", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"reported_on": clock.today()})
        super().__init__(*args, **kwargs)

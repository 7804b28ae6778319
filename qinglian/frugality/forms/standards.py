"""Forms of the standard tables: the list's filter, a new version's metadata (the import page's fields), a
version's end date, its retirement, and the facts of "which standard applies on a date". The services check
everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.compliance.choices import Confidence, Jurisdiction
from qinglian.core import clock
from qinglian.frugality.choices import (
    CarType,
    ConferenceCategory,
    Energy,
    GuestLevel,
    LecturerTitle,
    StandardKind,
    TransportMode,
    TravelBand,
)
from qinglian.frugality.standards.specs import SPECS
from qinglian.org.forms import BootstrapMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVERY = [("", "全部")]


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class StandardFilterForm(Styled, forms.Form):
    kind = forms.ChoiceField(label="标准类别", required=False, choices=[("", "全部类别"), *StandardKind.choices])
    jurisdiction = forms.ChoiceField(
        label="制定层级", required=False, choices=[("", "全部层级"), *Jurisdiction.choices]
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )
    q = forms.CharField(
        label="名称/文号",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "名称、文号、依据"}),
    )
    retired = forms.BooleanField(label="含已作废", required=False)

    def selector_args(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "kind": data.get("kind") or "",
            "jurisdiction": data.get("jurisdiction") or "",
            "year": data.get("year"),
            "text": (data.get("q") or "").strip(),
            "retired": bool(data.get("retired")),
        }


def table_meta_fields() -> dict[str, forms.Field]:
    """A new version's metadata, asked beside the file on the import page (the rows come from the sheet)."""
    return {
        "kind": forms.ChoiceField(label="标准类别", choices=[("", "请选择"), *StandardKind.choices]),
        "jurisdiction": forms.ChoiceField(
            label="制定层级",
            choices=Jurisdiction.choices,
            help_text="本机关：仅本机关适用；中央、省、市：照录公布的文件",
        ),
        "title": forms.CharField(label="标准名称", max_length=200),
        "doc_no": forms.CharField(label="文号", max_length=80, required=False, help_text="如 财行〔2013〕531号"),
        "source": forms.CharField(label="依据（文件名称和条款）", max_length=300, help_text="以《》开头，写明条款"),
        "effective_from": forms.DateField(label="生效日期", widget=DATE),
        "effective_to": forms.DateField(label="失效日期", widget=DATE, required=False, help_text="不填为长期有效"),
        "confidence": forms.ChoiceField(label="可信度", choices=Confidence.choices, initial=Confidence.HIGH),
        "note": forms.CharField(label="说明", max_length=500, required=False),
    }


class EndTableForm(Styled, forms.Form):
    effective_to = forms.DateField(
        label="失效日期", widget=DATE, help_text="该日仍适用本表；新表从次日起生效，请再导入新表"
    )


class RetireTableForm(Styled, forms.Form):
    reason = forms.CharField(
        label="作废原因",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="仅用于录入错误的标准表；作废后规则不再读取，修改记录中保留",
    )


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class InForceForm(Styled, forms.Form):
    """A date and, optionally, the facts a spending has (place, band, category…): each kind takes the keys it needs."""

    on = forms.DateField(label="日期", widget=DATE)
    kind = forms.ChoiceField(label="标准类别", required=False, choices=[("", "全部类别"), *StandardKind.choices])
    province = forms.CharField(label="省份", required=False, max_length=30)
    city = forms.CharField(label="城市", required=False, max_length=30, help_text="不填为该省其他地区")
    band = forms.ChoiceField(label="人员级别", required=False, choices=_choices(TravelBand.choices))
    mode = forms.ChoiceField(label="交通工具", required=False, choices=_choices(TransportMode.choices))
    guest_level = forms.ChoiceField(label="接待对象级别", required=False, choices=_choices(GuestLevel.choices))
    category = forms.ChoiceField(
        label="会议/培训类别",
        required=False,
        choices=_choices([(v, label[:2]) for v, label in ConferenceCategory.choices]),
    )
    title = forms.ChoiceField(label="讲课人员职称", required=False, choices=_choices(LecturerTitle.choices))
    car_type = forms.ChoiceField(label="车辆类型", required=False, choices=_choices(CarType.choices))
    energy = forms.ChoiceField(label="能源类型", required=False, choices=_choices(Energy.choices))
    countries = forms.ChoiceField(
        label="出访国家（地区）数", required=False, choices=_choices(SPECS[StandardKind.ABROAD_DAYS].keys[0].choices)
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # Always bound: without a date the page answers for today.
        given = {name: value for name, value in (data or {}).items() if value}
        super().__init__({"on": clock.today().isoformat(), **given}, **kwargs)

    def facts(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("on", "kind") and value}

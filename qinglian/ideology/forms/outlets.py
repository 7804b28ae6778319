"""Forms of the outlet register: the list's filter, an outlet (the party-affairs office's), its filing and its
closing. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.ideology.choices import OutletKind
from qinglian.ideology.models import Outlet
from qinglian.ideology.selectors.outlets import STATUS_FILTERS
from qinglian.ideology.services.outlets import check_outlet
from qinglian.integrity.forms.inquiries import DATE, FilterForm, Styled, organ_units
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of


def organ_people(user: Any):
    """The organ's active people, by unit: who may answer for an outlet."""
    people = Person.objects.filter(organ_id=scope_of(user).organ_id, is_active=True)
    return people.select_related("unit").order_by("unit__order", "name", "pk")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）"


class OutletFilterForm(FilterForm):
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *OutletKind.choices])
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部"), *STATUS_FILTERS])
    q = forms.CharField(label="搜索", required=False, max_length=50)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["q"].widget.attrs["placeholder"] = "名称/账号/责任人"

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "kind": data.get("kind") or "",
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "status": data.get("status") or "",
            "q": (data.get("q") or "").strip(),
        }


class OutletForm(Styled, forms.ModelForm):
    owner = PersonChoice(label="责任人", queryset=Person.objects.none(), required=False)

    class Meta:
        model = Outlet
        fields = [
            "name",
            "kind",
            "platform",
            "account",
            "unit",
            "owner",
            "first_level",
            "second_level",
            "final_level",
            "opened_on",
            "filed_on",
            "filing_no",
            "note",
        ]
        widgets = {"opened_on": DATE, "filed_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)
        self.fields["owner"].queryset = organ_people(user)
        self.fields["owner"].help_text = "阵地责任人（责任编辑），须为本机关在职人员；不填将产生红色预警"
        self.fields["platform"].help_text = "微信公众号、视频号等政务新媒体必填，其他阵地不填"
        self.fields["filed_on"].help_text = "政务新媒体备案日期；尚未备案的不填"
        self.fields["first_level"].help_text = "重大敏感稿件各环节自动提高一级"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            check_outlet(
                kind=data.get("kind") or "",
                platform=data.get("platform") or "",
                levels=(data.get("first_level"), data.get("second_level"), data.get("final_level")),
                opened_on=data.get("opened_on"),
                filed_on=data.get("filed_on"),
                filing_no=data.get("filing_no") or "",
            )
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from None
        return data


class OutletFileForm(Styled, forms.Form):
    filed_on = forms.DateField(label="备案日期", widget=DATE)
    filing_no = forms.CharField(label="备案编号", max_length=60, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"filed_on": clock.today()}, **kwargs)


class OutletCloseForm(Styled, forms.Form):
    closed_on = forms.DateField(label="关停日期", widget=DATE)
    reason = forms.CharField(
        label="关停原因", max_length=200, help_text="如：栏目撤并、账号注销（已按规定报备）", widget=forms.TextInput()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, initial={"closed_on": clock.today()}, **kwargs)

"""Forms of the analysis and reporting schedule: the list's filter, an item's title/responsible/recipient, its
completion, the reason of an undo or a withdrawal, and the year to plan. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.selectors.reports import STATUS_LABELS
from qinglian.integrity.forms.inquiries import DATE, Styled
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person
from qinglian.org.scope import scope_of


def responsible_choices(user: Any, *keep: int | None):
    """The organ's active people outside the stationed group, plus the one already named (`keep`)."""
    qs = Person.objects.filter(organ_id=scope_of(user).organ_id).exclude(unit__kind=UnitKind.STATIONED)
    ids = [pk for pk in keep if pk]
    return (
        (qs.filter(is_active=True) | qs.filter(pk__in=ids))
        .select_related("unit")
        .distinct()
        .order_by("unit__order", "pk")
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）"


class ReportFilterForm(Styled, forms.Form):
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部类型"), *ReportKind.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATUS_LABELS.items()])

    def selector_args(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year") or clock.today().year,
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
        }


class ReportItemForm(Styled, forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    responsible = PersonChoice(label="责任人", queryset=Person.objects.none(), required=False, empty_label="（未指定）")
    recipient = forms.CharField(
        label="报送或通报对象", max_length=200, required=False, help_text="如：市委宣传部、机关各党支部"
    )

    def __init__(self, *args: Any, user: Any, keep: int | None = None, office: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = responsible_choices(user, keep)
        if not office:  # only the party-affairs office names who is responsible
            self.fields["responsible"].disabled = True


class DoneForm(Styled, forms.Form):
    done_on = forms.DateField(label="完成日期", widget=DATE, help_text="研判会召开、报告报送或通报印发的日期")
    summary = forms.CharField(
        label="主要内容",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="研判的主要情况和措施、报告或通报的要点；正式文件请在详情页作为佐证材料上传",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"done_on": clock.today()})
        super().__init__(*args, **kwargs)


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label="原因", max_length=90, widget=forms.TextInput(attrs={"placeholder": "如：登记错误"}))


class PlanForm(Styled, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)

"""Forms of the proposals (纪检监察建议) and letters of inquiry (谈话函询): the filters, the group's proposal,
the organ's reply, a letter's receipt and its reply dates. Choices come from the caller's organ; the services
check everything again."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.core import clock
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.selectors.inquiries import INQUIRY_STATUSES, PROPOSAL_STATUSES, subject_choices
from qinglian.org.choices import UnitKind
from qinglian.org.forms import BootstrapMixin
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled(BootstrapMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


def organ_units(user: Any):
    """The organ's own 委室: a proposal is addressed to one, a cadre sits in one (not the stationed group, not an
    outside body)."""
    return Unit.objects.filter(organ_id=scope_of(user).organ_id, kind=UnitKind.INTERNAL).order_by("order")


class FilterForm(Styled, forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": "年度"}),
    )

    def values(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


class ProposalFilterForm(FilterForm):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *PROPOSAL_STATUSES])
    unit = forms.ModelChoiceField(label="主送委室", queryset=Unit.objects.none(), required=False, empty_label="全部")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organ_units(user)

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {
            "year": data.get("year"),
            "status": data.get("status") or "",
            "unit_id": data["unit"].pk if data.get("unit") else None,
        }


class ProposalForm(Styled, forms.ModelForm):
    class Meta:
        model = DisciplineProposal
        fields = ["kind", "number", "issued_on", "title", "summary", "target_unit"]
        widgets = {"issued_on": DATE, "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_unit"].queryset = organ_units(user)
        self.fields["target_unit"].empty_label = "（主送机关党组）"


class ProposalReplyForm(Styled, forms.Form):
    replied_on = forms.DateField(label="书面回复日期", widget=DATE)
    reply_no = forms.CharField(label="回复文号", max_length=60)
    reply_summary = forms.CharField(label="整改落实情况", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, proposal: DisciplineProposal, **kwargs: Any) -> None:
        initial = {
            "replied_on": proposal.replied_on or clock.today(),
            "reply_no": proposal.reply_no,
            "reply_summary": proposal.reply_summary,
        }
        super().__init__(*args, initial=initial, **kwargs)


class InquiryFilterForm(FilterForm):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *INQUIRY_STATUSES])

    def selector_args(self) -> dict[str, Any]:
        data = self.values()
        return {"year": data.get("year"), "status": data.get("status") or ""}


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.unit.name}）" if obj.unit_id else obj.name


class InquiryForm(Styled, forms.ModelForm):
    subject = PersonChoice(label="被函询人", queryset=Person.objects.none())

    class Meta:
        model = InquiryLetter
        fields = ["subject", "number", "received_on"]
        widgets = {"received_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = subject_choices(user)
        if self.instance.subject_id:
            people = people | Person.objects.filter(pk=self.instance.subject_id)
        self.fields["subject"].queryset = people.distinct()


class InquiryReplyForm(Styled, forms.Form):
    signer = PersonChoice(label="签署意见人（党组书记）", queryset=Person.objects.none(), required=False)
    signed_on = forms.DateField(label="签署意见日期", widget=DATE, required=False)
    replied_on = forms.DateField(label="回复日期", widget=DATE)

    def __init__(self, *args: Any, letter: InquiryLetter, user: Any, **kwargs: Any) -> None:
        from qinglian.integrity.services.inquiries import secretary_on

        today = clock.today()
        secretary = secretary_on(letter.organ_id, today)
        initial = {
            "signer": letter.signer_id or (secretary.pk if secretary and secretary.pk != letter.subject_id else None),
            "signed_on": letter.signed_on,
            "replied_on": letter.replied_on or today,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["signer"].queryset = subject_choices(user)
        self.fields["signer"].help_text = "被函询人为党组书记的直接回复，不填签署意见人和日期"

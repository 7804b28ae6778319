"""Forms of the suggestions ledger: the list filter and the suggestion itself.

The handling steps (交办, 签收, 答复…) are in suggestion_actions.py. Choices always come from
`visible_to(user)` querysets, so a form never offers a row of another organ.
"""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.npc.choices import SuggestionCategory, SuggestionStatus
from qinglian.npc.forms.common import DATE, FilterForm, Styled, year_field
from qinglian.npc.models import Deputy, Session, Suggestion
from qinglian.npc.selectors.setup import deputy_choices, external_units
from qinglian.npc.selectors.suggestions import suggestion_deputy_ids
from qinglian.org.models import Unit

KEY_CHOICES = [("", "全部（重点督办）"), ("1", "重点督办"), ("0", "非重点")]
DEADLINE_CHOICES = [("", "全部期限"), ("overdue", "已超期未答复"), ("due_soon", "10个工作日内到期")]


class SuggestionFilterForm(FilterForm):
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "编号/标题/代表"}))
    year = year_field()
    session = forms.ModelChoiceField(
        label="届次会议", queryset=Session.objects.none(), required=False, empty_label="全部会议"
    )
    unit = forms.ModelChoiceField(
        label="承办单位", queryset=Unit.objects.none(), required=False, empty_label="全部承办单位"
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *SuggestionStatus.choices])
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *SuggestionCategory.choices])
    key = forms.ChoiceField(label="重点督办", required=False, choices=KEY_CHOICES)
    deadline = forms.ChoiceField(label="期限", required=False, choices=DEADLINE_CHOICES)
    deputy = forms.ModelChoiceField(
        label="代表", queryset=Deputy.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.visible_to(user)
        self.fields["unit"].queryset = external_units(user)
        self.fields["deputy"].queryset = Deputy.objects.visible_to(user)

    def selector_args(self) -> dict[str, Any]:
        """Keyword arguments of `selectors.suggestions.suggestion_list`; none when a value is bad (the whole
        ledger)."""
        data = self.values()
        if not data:
            return {}
        key = {"1": True, "0": False}.get(data.get("key") or "")
        return {
            "year": data.get("year"),
            "session_id": data["session"].pk if data.get("session") else None,
            "unit_id": data["unit"].pk if data.get("unit") else None,
            "status": data.get("status") or None,
            "category": data.get("category") or None,
            "is_key": key,
            "overdue": True if data.get("deadline") == "overdue" else None,
            "due_soon": data.get("deadline") == "due_soon",
            "text": (data.get("q") or "").strip() or None,
            "deputy_id": data["deputy"].pk if data.get("deputy") else None,
        }


class SuggestionForm(Styled, forms.ModelForm):
    """Register or change a suggestion. Co-signers go to the service as ids (it checks them)."""

    co_signers = forms.ModelMultipleChoiceField(
        label="附议代表",
        queryset=Deputy.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="可按住 Ctrl（手机上直接点选）选择多名代表",
    )

    class Meta:
        model = Suggestion
        fields = [
            "number",
            "year",
            "session",
            "lead_deputy",
            "co_signers",
            "title",
            "content",
            "category",
            "received_on",
        ]
        widgets = {"received_on": DATE, "content": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"year": "留空时按届次会议的年份（无会议时按收到日期的年份）"}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = deputy_choices(user, suggestion_deputy_ids(self.instance))
        self.fields["lead_deputy"].queryset = active
        self.fields["co_signers"].queryset = active
        self.fields["session"].queryset = Session.objects.visible_to(user)
        self.fields["session"].empty_label = "（闭会期间/未指定）"
        self.fields["year"].required = False

    def validate_unique(self) -> None:
        """The number's uniqueness per year is the service's (it says so in Chinese, after defaulting the year)."""

    def co_signer_ids(self) -> list[int]:
        return [d.pk for d in self.cleaned_data.get("co_signers") or []]

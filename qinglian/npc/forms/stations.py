"""Forms of the liaison stations (代表联络站) and deputies' activities (履职活动): the activities filter, a
station with its deputies, an activity with the deputies who took part. Deputies go to the services as ids
(they check them); choices come from `visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.npc.choices import ActivityKind
from qinglian.npc.forms.common import DATE, FilterForm, Styled, year_field
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation
from qinglian.npc.selectors.setup import deputy_choices


class DeputyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Deputy) -> str:
        return f"{obj.name}（{obj.delegation}）" if obj.delegation else obj.name


def _deputies_field(label: str, *, required: bool) -> DeputyChoices:
    return DeputyChoices(
        label=label,
        queryset=Deputy.objects.none(),
        required=required,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="可按住 Ctrl（手机上直接点选）选择多名代表",
    )


class _WithDeputies(Styled, forms.ModelForm):
    """A station or an activity: deputies in office are offered, and those already on the row stay."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.instance.deputies.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["deputies"].queryset = deputy_choices(user, keep)

    def deputy_ids(self) -> list[int]:
        return [d.pk for d in self.cleaned_data.get("deputies") or []]


class StationForm(_WithDeputies):
    deputies = _deputies_field("进站代表", required=False)

    class Meta:
        model = LiaisonStation
        fields = ["name", "area", "address", "contact_name", "contact_phone", "deputies"]


class ActivityForm(_WithDeputies):
    deputies = _deputies_field("参加代表", required=True)

    class Meta:
        model = DeputyActivity
        fields = ["kind", "date", "days", "title", "station", "place", "deputies", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["station"].queryset = LiaisonStation.objects.visible_to(user)
        self.fields["station"].empty_label = "（不在联络站开展）"
        self.fields["days"].required = False  # most activities take a day

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or 1


class ActivityFilterForm(FilterForm):
    year = year_field()
    kind = forms.ChoiceField(label="活动类型", required=False, choices=[("", "全部类型"), *ActivityKind.choices])
    station = forms.ModelChoiceField(
        label="联络站", queryset=LiaisonStation.objects.none(), required=False, empty_label="全部联络站"
    )
    deputy = forms.ModelChoiceField(
        label="代表", queryset=Deputy.objects.none(), required=False, empty_label="全部代表"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = LiaisonStation.objects.visible_to(user)
        self.fields["deputy"].queryset = Deputy.objects.visible_to(user)

    def selector_args(self) -> dict[str, Any]:
        """Keyword arguments of `selectors.stations.activity_list`."""
        data = self.values()
        return {
            "year": data.get("year"),
            "kind": data.get("kind") or None,
            "station_id": data["station"].pk if data.get("station") else None,
            "deputy_id": data["deputy"].pk if data.get("deputy") else None,
        }

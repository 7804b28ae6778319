from __future__ import annotations

from typing import Any

from django import forms

from qinglian.org.choices import ADMIN_ROLES, PartyStatus, PersonnelEventKind, Rank, Role, UnitKind
from qinglian.org.models import Branch, PartyGroup, Person, Unit

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates can render fields in a loop."""

    def _style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class PersonFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "姓名/职务/委室"}))
    unit = forms.ModelChoiceField(label="委室", queryset=Unit.objects.none(), required=False, empty_label="全部委室")
    party_status = forms.ChoiceField(label="政治面貌", required=False)
    rank = forms.ChoiceField(label="职级", required=False)
    include_inactive = forms.BooleanField(label="含已离开人员", required=False)

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        self.fields["unit"].queryset = units
        self.fields["party_status"].choices = [("", "全部"), ("party", "党员（含预备）"), *PartyStatus.choices]
        self.fields["rank"].choices = [("", "全部职级"), *Rank.choices]
        self._style()


class PersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "gender",
            "id_number",
            "birth_date",
            "unit",
            "post",
            "rank",
            "party_status",
            "party_joined_on",
            "branch",
            "party_group",
            "phone",
        ]
        widgets = {"birth_date": _DATE, "party_joined_on": _DATE}

    def __init__(self, *args: Any, organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organ=organ).exclude(kind=UnitKind.EXTERNAL)
        self.fields["branch"].queryset = Branch.objects.filter(organ=organ)
        self.fields["party_group"].queryset = PartyGroup.objects.filter(organ=organ)
        self._style()


class UnitForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "order"]

    def __init__(self, *args: Any, organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(organ=organ)
        self._style()


class PersonnelEventForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label="类型", choices=PersonnelEventKind.choices)
    date = forms.DateField(label="日期", widget=_DATE)
    to_unit = forms.ModelChoiceField(label="新委室", queryset=Unit.objects.none(), required=False)
    to_post = forms.CharField(label="新职务", max_length=60, required=False)
    document_no = forms.CharField(label="文号", max_length=60, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args: Any, organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.filter(organ=organ).exclude(kind=UnitKind.EXTERNAL)
        self._style()


class AccountForm(BootstrapMixin, forms.Form):
    username = forms.RegexField(
        label="用户名",
        regex=r"^[A-Za-z0-9_.@-]{3,40}$",
        error_messages={"invalid": "用户名为3-40位字母、数字或 _ . @ -"},
    )
    display_name = forms.CharField(label="显示名称", max_length=30, required=False)
    person = forms.ModelChoiceField(
        label="对应人员（管理员账号不关联）", queryset=Person.objects.none(), required=False
    )
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput, help_text="账号本人首次登录时须修改此密码", strip=False
    )

    def __init__(self, *args: Any, organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(organ=organ, is_active=True, user__isnull=True)
        self._style()


class RoleGrantForm(BootstrapMixin, forms.Form):
    # Business roles only: the administrator roles are granted on the server (qinglian adminaccount).
    role = forms.ChoiceField(label="角色", choices=[(r.value, r.label) for r in Role if r not in ADMIN_ROLES])
    unit = forms.ModelChoiceField(label="负责委室（仅委室负责人）", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, organ, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organ=organ)
        self._style()


class PasswordSetForm(BootstrapMixin, forms.Form):
    """An administrator sets an account's password; its owner must change it at the next login."""

    password = forms.CharField(label="新密码", widget=forms.PasswordInput, strip=False)
    confirm = forms.CharField(label="再次输入", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("confirm"):
            self.add_error("confirm", "两次输入的密码不一致")
        return data


class PasswordChangeForm(BootstrapMixin, forms.Form):
    """The owner's own password change."""

    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput, strip=False)
    new_password = forms.CharField(label="新密码", widget=forms.PasswordInput, strip=False)
    confirm = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth.password_validation import password_validators_help_texts

        self.fields["new_password"].help_text = "；".join(password_validators_help_texts())
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("confirm"):
            self.add_error("confirm", "两次输入的新密码不一致")
        return data

"""Forms of the 党风廉政意见回复 pages: the list's filter, the new request, the group's answer for one person."""

from __future__ import annotations

from typing import Any

from django import forms

from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.selectors.opinions import Status
from qinglian.org.forms import BootstrapMixin


class PersonMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        parts = [p for p in ((obj.unit.name if obj.unit_id else ""), obj.post) if p]
        return f"{obj.name}（{' '.join(parts)}）" if parts else obj.name


class OpinionFilterForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Status.CHOICES])
    purpose = forms.ChoiceField(label="事由", required=False, choices=[("", "全部事由"), *OpinionPurpose.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "标题/文号/姓名"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def filters(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_valid() else {}


class OpinionRequestForm(BootstrapMixin, forms.Form):
    purpose = forms.ChoiceField(label="征求意见事由", choices=OpinionPurpose.choices)
    title = forms.CharField(label="标题", max_length=200, initial="关于征求拟提拔人选党风廉政意见的函")
    document_no = forms.CharField(label="来函文号", max_length=60, required=False)
    people = PersonMultiple(
        label="人员",
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 10, "data-searchable": ""}),
        help_text="可输入姓名筛选，按住Ctrl可多选",
    )
    posts = forms.CharField(
        label="拟任职务/事项",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一人：姓名：拟任职务（如“张三：拟任法制工作委员会副主任”），未列的留空",
    )

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = {p.name: p for p in data.get("people") or []}
        posts: dict[int, str] = {}
        for number, raw in enumerate((data.get("posts") or "").splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            name, sep, post = line.replace(":", "：").partition("：")
            if not sep or name.strip() not in chosen:
                self.add_error("posts", f"第{number}行“{line[:20]}”：请写成“姓名：拟任职务”，姓名须为所选人员")
                continue
            posts[chosen[name.strip()].pk] = post.strip()
        data["post_by_person"] = posts
        return data


class AnswerForm(BootstrapMixin, forms.Form):
    summary = forms.CharField(label="廉政情况摘要", widget=forms.Textarea(attrs={"rows": 8}))
    conclusion = forms.ChoiceField(
        label="回复意见", choices=[("", "（暂不回复，只保存摘要）"), *OpinionConclusion.choices], required=False
    )
    answer = forms.CharField(
        label="意见说明", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="“有问题”的必填"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

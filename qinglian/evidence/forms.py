"""The upload form of the evidence panel. The file itself is judged by services.evidence_attach, not here."""

from __future__ import annotations

from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(
        label="文件",
        allow_empty_file=True,  # the service says "文件为空" in its own words
        error_messages={"required": "请选择要上传的文件", "invalid": "文件上传不完整，请重新选择"},
    )
    note = forms.CharField(
        label="说明", max_length=200, required=False, error_messages={"max_length": "说明不能超过 200 个字"}
    )

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""

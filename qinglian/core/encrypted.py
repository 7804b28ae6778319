"""Model fields for values kept encrypted in the database (core/crypto.py), findable through a keyed digest.

    id_number = EncryptedCharField("身份证号", max_length=18, digest_field="id_number_digest", blank=True, default="")
    id_number_digest = DigestField(source="id_number")

Python code sees the plaintext; the column holds "sm4g1$…". Assigning the value keeps the digest attribute in
step at once (before full_clean, so unique constraints on the digest validate), and the digest is recomputed
on save. The encrypted column cannot be compared — SM4-GCM gives a new ciphertext each time — so every lookup
but `isnull` raises and says to use the digest: a query that would silently find nothing fails loudly instead.
Serialization (backup) writes the ciphertext and reading it back decrypts, so a backup holds no plaintext.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from qinglian.core import crypto


class _EncryptedAttribute(DeferredAttribute):
    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value
        if self.field.digest_field and isinstance(value, str):
            instance.__dict__[self.field.digest_field] = crypto.digest(value)


class EncryptedCharField(models.CharField):
    """A short text stored as SM4-GCM ciphertext in a text column; `max_length` bounds the plaintext."""

    descriptor_class = _EncryptedAttribute

    def __init__(self, *args: Any, digest_field: str = "", **kwargs: Any) -> None:
        self.digest_field = digest_field
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.digest_field:
            kwargs["digest_field"] = self.digest_field
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TextField"  # the ciphertext is longer than the plaintext's max_length

    @property
    def context(self) -> str:
        """Bound into each ciphertext: a value copied into another column does not decrypt there."""
        return f"{self.model._meta.app_label}.{self.model._meta.object_name}.{self.name}".lower().replace(
            "historical", ""
        )

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt_value(str(value), context=self.context)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return crypto.decrypt_value(value, context=self.context)

    def to_python(self, value: Any) -> Any:
        if crypto.is_encrypted_value(value):  # a backup being restored
            return crypto.decrypt_value(value, context=self.context)
        return super().to_python(value)

    def value_to_string(self, obj: Any) -> str:
        return crypto.encrypt_value(self.value_from_object(obj) or "", context=self.context)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"{self.name} 为加密字段，不能按 {lookup_name} 查询；请按 {self.digest_field or '摘要字段'} 查询"
        )


class DigestField(models.CharField):
    """The HMAC-SM3 digest of another field's plaintext, "" when that is empty; recomputed on every save."""

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("blank", True), ("default", ""), ("editable", False)):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        value = crypto.digest(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value

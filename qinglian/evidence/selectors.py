"""Reads of the evidence app: what the panel of one record shows."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from qinglian.evidence import registry, services
from qinglian.evidence.models import Evidence
from qinglian.evidence.sniff import accept_attribute, allowed_labels


def evidence_list(*, target: models.Model) -> models.QuerySet[Evidence]:
    """Live evidence of one record, newest first. The caller has checked read access to the record."""
    return Evidence.objects.for_target(target).select_related("uploaded_by", "uploaded_by__person")


def panel_context(request: HttpRequest, target: models.Model, *, notice: str = "", error: str = "") -> dict[str, Any]:
    """Everything `evidence/_panel.html` needs for `target`; the caller has checked read access."""
    reg = registry.registration_for(type(target))
    return {
        "target": target,
        "target_label": reg.label,
        "panel_id": f"evidence-{reg.label.replace('.', '-')}-{target.pk}",
        "items": list(evidence_list(target=target)),
        "can_write": registry.can_write(request.user, target),
        "max_bytes": services.max_bytes(),
        "accept": accept_attribute(services.allowed_types()),
        "allowed_labels": allowed_labels(services.allowed_types()),
        "next": request.POST.get("next") or request.GET.get("next") or request.get_full_path(),
        "notice": notice,
        "error": error,
    }

"""`{% load evidence %}{% evidence_panel obj %}`: the evidence list and upload form of one record."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from qinglian.core.errors import NotFound
from qinglian.evidence import registry
from qinglian.evidence.selectors import panel_context

register = template.Library()


@register.inclusion_tag("evidence/_panel.html", takes_context=True)
def evidence_panel(context: template.Context, obj: models.Model) -> dict[str, Any]:
    """The panel of `obj` (a registered model) for the current user; nothing when they cannot see it.

    The page has normally checked access already; checking again keeps a careless include from leaking files.
    """
    request = context["request"]
    try:
        registry.registration_for(type(obj))
    except NotFound:  # a programming error, not a permission question: say so loudly
        message = f"{obj._meta.label} 未登记，不能挂接佐证材料（evidence.registry.register）"
        raise template.TemplateSyntaxError(message) from None
    try:
        target = registry.access_target(request.user, type(obj), obj.pk)
    except NotFound:
        return {"hidden": True}
    return panel_context(request, target)

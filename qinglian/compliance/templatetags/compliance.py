"""`{% load compliance %}`: the rule's short title of a finding (`code|rule_short`), and `{% record_findings %}`,
the findings about the record a page shows — open ones and the recorded facts (违规记录) — for that page."""

from __future__ import annotations

from typing import Any

from django import template

from qinglian.compliance.rules_meta import rule_short_title
from qinglian.compliance.selectors import record_findings as findings_about

register = template.Library()


@register.filter
def rule_short(code: str) -> str:
    return rule_short_title(code)


@register.inclusion_tag("compliance/_record_findings.html", takes_context=True)
def record_findings(context: template.Context) -> dict[str, Any]:
    """The findings whose subject links to this page (Finding.subject_link), as the user may see them."""
    request = context["request"]
    return {"record_findings": findings_about(user=request.user, paths=[request.path, request.get_full_path()])}

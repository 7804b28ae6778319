"""Small read helpers over the registry for pages and messages."""

from qinglian.compliance.registry import RULES


def rule_title(code: str) -> str:
    spec = RULES.get(code)
    return spec.title if spec else code


def rule_short_title(code: str) -> str:
    """The few words a list shows for the rule (its `short`, else its title)."""
    spec = RULES.get(code)
    return spec.short_title if spec else code

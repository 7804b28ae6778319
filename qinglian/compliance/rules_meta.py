"""Small read helpers over the registry for pages and messages."""

from qinglian.compliance.registry import RULES


def rule_title(code: str) -> str:
    spec = RULES.get(code)
    return spec.title if spec else code

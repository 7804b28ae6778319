"""The 廉政 rules (INT-0xx), one module per ledger; importing this package registers them."""

from qinglian.integrity.rules import gifts, inquiries, opinions, personal, rectification, risks, talks

__all__ = ["gifts", "inquiries", "opinions", "personal", "rectification", "risks", "talks"]

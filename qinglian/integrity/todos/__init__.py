"""The 廉政 sources of 我的待办 (imported by registry.discover as `<app>.todos`), one module per ledger."""

from qinglian.integrity.todos import gifts, inquiries, opinions, personal, rectification, risks, talks

__all__ = ["gifts", "inquiries", "opinions", "personal", "rectification", "risks", "talks"]

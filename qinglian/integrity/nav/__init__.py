"""The 廉政 menu entries and workbench cards (imported by name as `<app>.nav`), one module per ledger.

Orders 90–109 keep the section together in the menu."""

from qinglian.integrity.nav import gifts, inquiries, opinions, personal, rectification, risks, talks

__all__ = ["gifts", "inquiries", "opinions", "personal", "rectification", "risks", "talks"]

"""The 意识形态 sources of 我的待办 (imported by registry.discover as `<app>.todos`), one module per part."""

from qinglian.ideology.todos import forums, opinion, outlets, pieces, reports

__all__ = ["forums", "opinion", "outlets", "pieces", "reports"]

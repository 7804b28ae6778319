"""The 意识形态 menu entries and workbench cards (imported by name as `<app>.nav`), one module per part.

Orders 130–149 keep the section together in the menu."""

from qinglian.ideology.nav import figures, forums, opinion, outlets, pieces, reports

__all__ = ["figures", "forums", "opinion", "outlets", "pieces", "reports"]

"""The 意识形态 rules (IDEO-0xx), one module per part; the compliance registry discovers them by importing this."""

from qinglian.ideology.rules import forums, opinion, outlets, pieces, reports  # noqa: F401

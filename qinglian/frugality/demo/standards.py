"""The demo organ's standard tables are the shipped ones (standards/data/, loaded after migrate): the central tables,
the example 浙江 lodging and city reception-meal tables (待核实) and the 2013 central lodging caps for 浙江 in force
2014–2015. Every other part plans its demo spending against those figures, so nothing is added here: an organ-level
table would change which standard applies to the other parts' planted violations."""

from __future__ import annotations

from qinglian.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    return None

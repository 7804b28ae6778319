"""The standard tables shipped with the code (standards/data/*.json), loaded after migrate like rule parameters.
(Stub: the standards helper writes it.)"""

from __future__ import annotations


def load_shipped_standards(*, verbosity: int = 0) -> int:
    return 0

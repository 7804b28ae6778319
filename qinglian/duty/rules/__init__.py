"""Rules of 主体责任 (DUTY-001…008): tasks coming due and overdue, recurring reports, responsibility letters,
the Party group's study of its three duties, and unanswered 督办单.

Figures are parameters (rule_params.json); where a figure is local practice or unconfirmed, its parameter
set says so (confidence, note) and an organ may replace it. Importing this package registers the rules
(compliance discovers `<app>.rules`).
"""

from qinglian.duty.rules import agenda, letters, notices, tasks  # noqa: F401

"""Rules of 主体责任 (DUTY-001…009): tasks coming due and overdue, recurring reports, responsibility letters,
the Party group's study of its three duties, unanswered 督办单, and the Party group's yearly report to its
superior Party organisation.

Figures are parameters (rule_params.json); where a figure is local practice or unconfirmed, its parameter
set says so (confidence, note) and an organ may replace it. Importing this package registers the rules
(compliance discovers `<app>.rules`).
"""

from qinglian.duty.rules import agenda, letters, notices, reports, tasks  # noqa: F401

"""Compliance rules that read the organisation itself (branches, members, the leading group): ORG-001 a branch
committee's term (terms), ORG-002…004 members, units and the leading group (organ), ORG-005…007 how a branch is
set up (rolls); the readers of the organisation on D they share are in common.

They live in the spine, not in org: org is the layer below compliance and cannot import the registry.

Every collector reads the organisation as it stood on the date checked (core.asof; docs/compliance.md "True on any
date"): a person is on D's roll by their own dates (调入, 调出, 退休, 入党), with the unit, branch and status
history gives them at the end of D; a branch stands from its 成立日期 and its term is the one begun by D; a seat
(支部委员, 党组成员, 分管) counts by its own start and end; a row soft-deleted after D still stood on D. Every
period (a term, a reminder window, the 预备期) goes through core.workdays.

Importing this package registers the rules (compliance discovers `<app>.rules`).
"""

from qinglian.compliance.rules import organ, rolls, terms  # noqa: F401

"""Rules of 人大履职服务: deputies' suggestions (NPC-001…NPC-007), meeting materials (NPC-008), deputies' work
between sessions (NPC-009…NPC-011, and their days of duty NPC-015), key suggestions' supervision plans (NPC-012),
the year's handling report (NPC-013) and the audit rectification report (NPC-014).

Deadline rules share one verdict: red when the thing was done after its deadline or is still not done past
it; yellow when it is not done and the deadline is within `warn_working_days`. A thing done late cannot be
undone, so its red finding stays (the office may waive it with a reason); an outstanding one closes itself
once the ledger records it in time. Findings go to the responsible unit (the handling unit for suggestions,
the submitting unit for materials).

A finding whose subject has no unit of its own, or whose unit is an outside one, is followed up by the desk
keeping the ledger (ServiceDesk): the suggestions desk for the app, the materials and stations desks for their
rules (`keeper=`).

Importing this package registers the rules (compliance discovers `<app>.rules`).
"""

from qinglian.compliance.owners import register_keeper
from qinglian.npc.choices import DeskKind
from qinglian.npc.rules import (  # noqa: F401
    deputies,
    materials,
    oversight,
    suggestions,
    suggestions_feedback,
    supervision,
)
from qinglian.npc.rules.common import desk_keeper

register_keeper("npc", desk_keeper(DeskKind.SUGGESTIONS))

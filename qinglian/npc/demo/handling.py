"""The planned suggestions put on the timeline as the desk records them, step by step (the handling units have
no logins: the 人代选工委 desk enters what they send; the Party secretary, who 分管 the desk, approves
extensions). The steps run on the `Desk`, which mirrors the services on rows in memory."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from qinglian.npc.deadlines import supervision_plan_due
from qinglian.npc.demo import data
from qinglian.npc.demo import data_suggestions as text
from qinglian.npc.demo.data import HANDLING_UNITS
from qinglian.npc.demo.desk import Desk
from qinglian.npc.demo.plans import Plan
from qinglian.npc.demo.state import NpcDemo, Timeline
from qinglian.npc.models import Assignment, Reply, Suggestion
from qinglian.npc.selectors.common import rule_params

PREFIX = {u.name: u.doc_prefix for u in HANDLING_UNITS}
CO_OPINION = "已将本单位职责范围内的办理意见书面告知主办单位"


@dataclass
class Live:
    """The rows of one suggestion as they come into being during the replay."""

    suggestion: Suggestion | None = None
    lead: Assignment | None = None
    co: dict[int, Assignment] = field(default_factory=dict)
    reply: Reply | None = None
    rereply: Reply | None = None


class Recorder:
    """Schedules each plan's steps on the timeline; the steps read the `Live` rows made by earlier ones."""

    def __init__(self, demo: NpcDemo, timeline: Timeline, desk: Desk) -> None:
        self.demo, self.timeline, self.desk = demo, timeline, desk
        self.doc_numbers: dict[str, int] = {}
        self.lives: dict[str, Live] = {}  # number → its rows, for steps planned after the year (supervision plans)

    def at(self, day: dt.date, step: Callable[[], None]) -> bool:
        return self.timeline.add(day, step, self.demo.hour())

    def schedule(self, plan: Plan) -> None:
        live, desk = Live(), self.desk
        self.lives[plan.number] = live
        if not self.at(plan.registered_on, lambda: self._register(plan, live)):
            return
        if plan.notified_on:
            self.at(plan.notified_on, lambda: desk.notify(live.suggestion, plan.notified_on))
        first_lead = plan.wrong_lead or plan.lead
        co_units = [u for u in plan.co_units if u is not plan.wrong_lead]
        self.at(plan.assigned_on, lambda: self._assign(live, first_lead, co_units, plan.assigned_on))
        self.at(plan.lead_received_on, lambda: desk.receive(live.lead, plan.lead_received_on))
        for unit in co_units:
            self.at(plan.co_received_on, lambda u=unit: desk.receive(live.co[u.pk], plan.co_received_on))
        if plan.wrong_lead is not None:
            self._reassignment(plan, live)
        if plan.refused_return_on:
            refused_on = plan.refused_return_on
            self.at(refused_on, lambda: desk.return_(live.lead, refused_on, text.REFUSED_RETURN_REASON, accepted=False))
        for unit_id, day in plan.co_opinions.items():
            self.at(day, lambda u=unit_id, d=day: desk.co_opinion(live.co[u], d, CO_OPINION))
        if plan.key:
            self.at(plan.key_on, lambda: desk.mark_key(live.suggestion, *plan.key, plan.key_on))
        if plan.extension:
            requested, approved = plan.extension
            self.at(requested, lambda: desk.request_extension(live.suggestion, requested, text.EXTENSION_REASON))
            self.at(approved, lambda: desk.approve_extension(live.suggestion, approved))
        for day, way in plan.contacts:
            self.at(day, lambda d=day, w=way: self._contact(live, d, w))
        self._reply(plan, live)

    def _register(self, plan: Plan, live: Live) -> None:
        suggestion = Suggestion(
            number=plan.number,
            session=plan.session,
            lead_deputy=plan.deputy,
            title=plan.title,
            content=plan.content,
            category=plan.category,
            received_on=plan.received_on,
        )
        live.suggestion = self.desk.register(suggestion, plan.co_signers)

    def _assign(self, live: Live, lead, co_units: list, day: dt.date) -> None:
        made = self.desk.assign(live.suggestion, lead, co_units, day)
        live.lead = made[0]
        live.co.update({a.unit_id: a for a in made[1:]})

    def _reassignment(self, plan: Plan, live: Live) -> None:
        """The first lead returns it within the 10 days; the desk agrees and gives it to the right unit, with
        the returner as a co-unit."""
        reason = text.RETURN_REASON.format(right=plan.lead.name)
        self.at(plan.returned_on, lambda: self.desk.return_(live.lead, plan.returned_on, reason, accepted=True))

        def reassign() -> None:
            lead, co = self.desk.assign(live.suggestion, plan.lead, [plan.wrong_lead], plan.reassigned_on)
            live.lead, live.co[plan.wrong_lead.pk] = lead, co

        self.at(plan.reassigned_on, reassign)
        received = self.demo.days.add(plan.reassigned_on, 1)
        self.at(received, lambda: self.desk.receive(live.lead, received))
        self.at(received, lambda: self.desk.receive(live.co[plan.wrong_lead.pk], received))

    def _contact(self, live: Live, day: dt.date, way: str) -> None:
        self.desk.contact(live.suggestion, live.lead, day, way, self.demo.rng.choice(text.CONTACT_NOTES))

    def _reply(self, plan: Plan, live: Live) -> None:
        if plan.reply_on is None:
            return

        def first() -> None:
            live.reply = self._write_reply(plan, live, plan.reply_on, plan.result)

        if not self.at(plan.reply_on, first):
            return
        self.at(plan.feedback[0], lambda: self._feedback(live.reply, *plan.feedback))
        if plan.rereply is None:
            return

        def again() -> None:
            live.rereply = self._write_reply(plan, live, *plan.rereply)

        self.at(plan.rereply[0], again)
        self.at(plan.refeedback[0], lambda: self._feedback(live.rereply, *plan.refeedback))

    def _write_reply(self, plan: Plan, live: Live, day: dt.date, result: str) -> Reply:
        prefix = PREFIX[plan.lead.name]
        number = self.doc_numbers[prefix] = self.doc_numbers.get(prefix, self.demo.rng.randint(2, 9)) + 1
        reply = Reply(
            suggestion=live.suggestion,
            assignment=live.lead,
            document_no=f"{prefix}〔{day.year}〕{number}号",
            date=day,
            result=result,
            summary=self.demo.rng.choice(text.REPLY_SUMMARIES[result]),
        )
        return self.desk.reply(reply)

    def _feedback(self, reply: Reply, day: dt.date, level: str) -> None:
        pool = text.DISSATISFIED_OPINIONS if level == "dissatisfied" else text.SATISFIED_OPINIONS
        self.desk.evaluate(reply, day, level, self.demo.rng.choice(pool))


def plan_supervision(recorder: Recorder) -> None:
    """The supervising committees' plans for the key suggestions (NPC-012): most within two to three weeks of the
    chairpersons' meeting, one a fortnight after the month (data.LATE_PLAN) and one never drawn up (data.NO_PLAN).

    Planned after everything else, with a generator of its own and fixed hours, so that nothing else in the demo
    moves (the timeline's order and the year's random draws stay as they were)."""
    demo, desk = recorder.demo, recorder.desk
    rng = random.Random(f"{demo.rng.getstate()[1][:8]}:supervision")
    key = sorted(demo.slips.key)
    slipped = rng.sample(key, data.LATE_PLAN + data.NO_PLAN) if demo.plants_slips else []
    late, missing = slipped[: data.LATE_PLAN], slipped[data.LATE_PLAN :]
    params = rule_params("NPC-012", organ_id=demo.organ.pk, on=demo.today)
    for number, decided in key:
        due = supervision_plan_due(decided, params.plan_months)
        if (number, decided) in missing:
            demo.slips.no_plan.append((number, due + dt.timedelta(days=1)))
            continue
        if (number, decided) in late:
            day = demo.days.on_or_after(due + dt.timedelta(days=rng.randint(12, 16)))
            demo.slips.late_plan.append((number, day))
        else:
            day = demo.days.add(decided, rng.randint(8, 15))
        live, summary = recorder.lives[number], rng.choice(text.SUPERVISION_PLANS)
        recorder.timeline.add(day, lambda live=live, d=day, t=summary: desk.record_plan(live.suggestion, d, t), 15)

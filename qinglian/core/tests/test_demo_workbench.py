"""The demo's personas on their workbenches (issue #14 'Done when'): each opens on a card of their own work, and every
figure on every card equals the count of the list it links to, for that persona.

The module's name starts with test_demo so that it shares the demo organ's build with the other readers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from qinglian.compliance.engine import run_checks
from qinglian.core.testing import DemoSpec
from qinglian.core.tests.test_demo_csp import ORGAN
from qinglian.core.tests.test_workbench_roles import listed, workbench
from qinglian.org.models import User


def _run_checks(demo) -> None:
    run_checks(organ_id=demo.organ.pk, as_of=ORGAN.today)


# The demo organ as `make demo` opens it: built, then checked (its findings current), so that the finding figures on
# the cards are compared with real lists, not 0 with 0. A step on the shared build, in a savepoint of its own.
CHECKED = DemoSpec(seed=ORGAN.seed, today=ORGAN.today, then=(_run_checks,))

# The first card each demo persona may open on: their own work (a card that is empty is not rendered, hence two).
FIRST = {
    "party_officer": {"widget-duty-organ"},
    "unit_head": {"widget-duty-notices", "widget-duty-unit"},
    "leader": {"widget-duty-leader"},
    "leader_member": {"widget-duty-leader", "widget-duty-supervised"},
    "cadre": {"widget-warnings"},
    "supervisor": {"widget-duty-supervisor"},
}


def _user(shared_demo, persona: str) -> User:
    user = User.objects.get(username=shared_demo.accounts[persona].username)
    TOTPDevice.objects.filter(user=user).delete()  # the workbench, not the second factor
    return user


@pytest.mark.demo_build(CHECKED)
@pytest.mark.parametrize("persona", sorted(FIRST))
def test_each_demo_persona_opens_on_their_work_and_every_figure_is_its_lists_count(shared_demo, persona):
    user = _user(shared_demo, persona)
    page = workbench(user)
    tier, first = page.cards[0]
    assert tier == "action" and first in FIRST[persona], page.cards
    assert "widget-duty-unit" not in {t for _, t in page.cards} or persona not in ("leader", "leader_member")
    wrong = []
    for figure in page.figures:
        count = listed(user, figure)
        shown = Decimal(figure.count) if isinstance(count, Decimal) else int(figure.count)
        if shown != count:
            wrong.append(f"{figure.card} {figure.name}: card {figure.count}, list {count} ({figure.href})")
    assert wrong == []
    assert page.figures, "no figure on the workbench"

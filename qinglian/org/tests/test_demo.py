"""The demo organ (`qinglian demo`): its size and shape, the validity of its data, determinism, and the
persona logins it prints.

The readers share one build per test session (`demo_build`, qinglian/core/testing.py); the tests that
need an empty database (a fresh build, the command, a failing app) run on one."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from qinglian.core import demo as core_demo
from qinglian.core.demo import DEMO_PASSWORD, accounts_table, build_demo
from qinglian.core.errors import InvalidInput
from qinglian.core.testing import BUILDS, DemoSpec, fresh_build
from qinglian.org import selectors
from qinglian.org.choices import (
    ADMIN_ROLES,
    PARTY_STATUSES,
    BranchPost,
    LeadingGroupPost,
    PartyStatus,
    PersonnelEventKind,
    Rank,
    Role,
    UnitKind,
)
from qinglian.org.models import (
    Branch,
    LeadingGroupMember,
    Organ,
    Person,
    PersonnelEvent,
    Supervision,
    Unit,
    User,
)
from qinglian.org.permissions import scope_of
from qinglian.org.validators import birth_date_from_id, gender_from_id, id_number_problem

# A fixed day in the past: services refuse dates after the real today, and the same day keeps the
# demo identical from run to run.
TODAY = dt.date(2026, 6, 30)
ORGAN = DemoSpec(seed=2026, today=TODAY)


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.fixture
def demo(shared_demo):
    """The session's demo organ as of TODAY (organ, accounts), each test in a savepoint inside it."""
    return shared_demo


@pytest.mark.demo_build(ORGAN)
class TestTheDemoOrgan:
    def test_it_has_about_fifteen_units_named_as_in_an_organ(self, demo):
        units = Unit.objects.filter(organ=demo.organ)
        internal = units.filter(kind=UnitKind.INTERNAL)
        assert 12 <= internal.count() <= 16
        names = set(internal.values_list("name", flat=True))
        assert {"办公室", "研究室", "法制工作委员会", "信访室", "人事代表选举工作委员会"} <= names
        assert internal.get(name="法制工作委员会").short_name == "法工委"
        assert units.filter(kind=UnitKind.STATIONED).count() == 1
        assert units.filter(kind=UnitKind.EXTERNAL).count() >= 5

    def test_external_units_have_no_people(self, demo):
        assert not Person.objects.filter(organ=demo.organ, unit__kind=UnitKind.EXTERNAL).exists()

    def test_it_has_140_to_160_people(self, demo):
        people = Person.objects.filter(organ=demo.organ)
        assert 140 <= people.count() <= 160
        assert people.filter(is_active=True).count() >= 130

    def test_the_stationed_group_has_a_leader_a_deputy_and_a_cadre(self, demo):
        people = Person.objects.filter(organ=demo.organ, unit__kind=UnitKind.STATIONED)
        assert people.count() == 3
        assert {"组长", "副组长"} <= set(people.values_list("post", flat=True))

    def test_the_leading_group_has_one_secretary_and_seven_to_nine_members(self, demo):
        members = LeadingGroupMember.objects.filter(organ=demo.organ)
        assert 7 <= members.count() <= 9
        posts = Counter(members.values_list("post", flat=True))
        assert posts[LeadingGroupPost.SECRETARY] == 1
        assert posts[LeadingGroupPost.DEPUTY_SECRETARY] == 1
        secretary = members.get(post=LeadingGroupPost.SECRETARY)
        assert secretary.title == "常委会主任"
        assert secretary.person.rank == Rank.DEPARTMENT_CHIEF
        assert all(m.is_current(TODAY) for m in members)

    def test_every_internal_unit_has_a_supervising_leader(self, demo):
        leaders = set(LeadingGroupMember.objects.filter(organ=demo.organ).values_list("person_id", flat=True))
        for unit in Unit.objects.filter(organ=demo.organ, kind=UnitKind.INTERNAL):
            supervisors = selectors.supervisors_of(unit, on=TODAY - dt.timedelta(days=730))
            assert supervisors, f"{unit.name} 没有分管领导"
            assert {p.pk for p in supervisors} <= leaders

    def test_each_leader_supervises_one_to_three_units(self, demo):
        load = Counter(Supervision.objects.filter(organ=demo.organ).values_list("leader_id", flat=True))
        leaders = LeadingGroupMember.objects.filter(organ=demo.organ).values_list("person_id", flat=True)
        assert all(1 <= load[leader] <= 3 for leader in leaders)

    def test_branches_cover_every_internal_unit_exactly_once(self, demo):
        branches = Branch.objects.filter(organ=demo.organ)
        assert 4 <= branches.count() <= 6
        covering = Counter(branches.values_list("units", flat=True))
        for unit in Unit.objects.filter(organ=demo.organ, kind=UnitKind.INTERNAL):
            assert covering[unit.pk] == 1, unit.name

    def test_each_branch_has_a_three_year_term_a_committee_and_led_party_groups(self, demo):
        for branch in Branch.objects.filter(organ=demo.organ):
            assert branch.term_start <= TODAY < branch.term_end
            assert branch.term_end == branch.term_start.replace(year=branch.term_start.year + 3) - dt.timedelta(1)
            posts = list(branch.committee.values_list("post", flat=True))
            assert posts.count(BranchPost.SECRETARY) == 1 and 3 <= len(posts) <= 7
            assert all(seat.person.branch_id == branch.pk for seat in branch.committee.all())
            groups = list(branch.party_groups.all())
            assert 1 <= len(groups) <= 3
            assert all(g.leader is not None and g.leader.party_group_id == g.pk for g in groups)

    def test_one_branch_term_ends_within_six_months(self, demo):
        soon = Branch.objects.filter(organ=demo.organ, term_end__gt=TODAY, term_end__lte=TODAY + dt.timedelta(days=183))
        assert soon.count() == 1

    def test_every_party_member_belongs_to_the_branch_covering_their_unit(self, demo):
        members = Person.objects.filter(organ=demo.organ, is_active=True, party_status__in=PARTY_STATUSES)
        for person in members.exclude(unit__kind=UnitKind.STATIONED):
            assert person.branch is not None, person.name
            assert person.unit in person.branch.units.all(), person.name
            assert person.party_group.branch_id == person.branch_id, person.name
        # The stationed group's members are organised by the city's discipline commission, not here.
        assert not members.filter(unit__kind=UnitKind.STATIONED, branch__isnull=False).exists()
        assert (
            not Person.objects.filter(organ=demo.organ)
            .exclude(party_status__in=PARTY_STATUSES)
            .filter(branch__isnull=False)
            .exists()
        )

    def test_id_numbers_are_valid_unique_and_agree_with_birth_date_and_gender(self, demo):
        people = list(Person.objects.filter(organ=demo.organ))
        assert len({p.id_number for p in people}) == len(people)
        for person in people:
            assert id_number_problem(person.id_number) is None, person.id_number
            assert birth_date_from_id(person.id_number) == person.birth_date
            assert gender_from_id(person.id_number) == person.gender
        assert len({p.phone for p in people}) == len(people)

    def test_active_cadres_are_24_to_59(self, demo):
        ages = [_age(p.birth_date, TODAY) for p in Person.objects.filter(organ=demo.organ, is_active=True)]
        assert min(ages) >= 24 and max(ages) <= 59

    def test_names_are_chinese_mostly_of_three_characters(self, demo):
        names = list(Person.objects.filter(organ=demo.organ).values_list("name", flat=True))
        assert all(2 <= len(n) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in n) for n in names)
        assert sum(len(n) == 3 for n in names) > 0.7 * len(names)
        assert Counter(n[0] for n in names).most_common(1)[0][1] >= 8  # common surnames recur

    def test_party_status_is_mostly_member_with_a_few_probationary_and_democratic(self, demo):
        people = Person.objects.filter(organ=demo.organ)
        status = Counter(people.values_list("party_status", flat=True))
        assert 0.80 <= (status[PartyStatus.MEMBER] + status[PartyStatus.PROBATIONARY]) / people.count() <= 0.92
        assert status[PartyStatus.PROBATIONARY] >= 1
        assert 1 <= status[PartyStatus.DEMOCRATIC_PARTY] <= 2
        assert status[PartyStatus.MASSES] >= 5
        for person in people:
            if person.is_party_member:
                assert _age(person.birth_date, person.party_joined_on) >= 18 and person.party_joined_on <= TODAY
            else:
                assert person.party_joined_on is None
        for person in people.filter(party_status=PartyStatus.PROBATIONARY):
            assert TODAY - person.party_joined_on < dt.timedelta(days=366)  # still in the 预备期

    def test_posts_and_ranks_fit_each_other(self, demo):
        leading = {
            "主任": Rank.BUREAU_CHIEF,
            "副主任": Rank.BUREAU_DEPUTY,
            "常委会主任": Rank.DEPARTMENT_CHIEF,
            "常委会副主任": Rank.DEPARTMENT_DEPUTY,
            "组长": Rank.BUREAU_CHIEF,
            "副组长": Rank.BUREAU_DEPUTY,
        }
        for person in Person.objects.filter(organ=demo.organ, is_active=True):
            if person.post in leading:
                assert person.rank == leading[person.post], person.post
            elif person.post.endswith("副科长"):
                assert person.rank == Rank.SECTION_DEPUTY
            elif person.post.endswith("科长"):
                assert person.rank == Rank.SECTION_CHIEF
            elif person.post == "科员":
                assert person.rank in (Rank.STAFF_1, Rank.STAFF_2)
            elif person.post.endswith(("调研员", "主任科员")):
                assert Rank(person.rank).label == person.post

    def test_each_unit_has_at_most_one_director(self, demo):
        directors = Counter(
            Person.objects.filter(organ=demo.organ, is_active=True, post="主任").values_list("unit_id", flat=True)
        )
        assert max(directors.values()) == 1

    def test_two_years_of_personnel_events_of_every_kind(self, demo):
        events = PersonnelEvent.objects.filter(organ=demo.organ)
        assert 30 <= events.count() <= 50
        assert {e.date for e in events} <= {TODAY - dt.timedelta(days=n) for n in range(731)}
        assert set(events.values_list("kind", flat=True)) == set(PersonnelEventKind.values)
        assert all(e.document_no for e in events)

    def test_events_are_reflected_in_the_people(self, demo):
        for event in PersonnelEvent.objects.filter(organ=demo.organ).order_by("date", "id"):
            person = event.person
            latest = person.events.order_by("-date", "-id").first()
            if event.kind in (PersonnelEventKind.RETIREMENT, PersonnelEventKind.TRANSFER_OUT):
                assert not person.is_active and person.branch_id is None
            elif event == latest:
                assert person.is_active
                assert person.unit_id == (event.to_unit_id or event.from_unit_id)
                assert person.post == (event.to_post or event.from_post)

    def test_history_reads_in_the_order_things_happened(self, demo):
        for person in Person.objects.filter(organ=demo.organ, events__isnull=False).distinct():
            rows = list(person.history.order_by("history_date", "history_id"))
            assert rows[0].history_type == "+"
            assert [r.history_date for r in rows] == sorted(r.history_date for r in rows)
            last = person.history.latest()  # what a reader of the history sees as the present
            assert (last.unit_id, last.post, last.is_active) == (person.unit_id, person.post, person.is_active)

    @pytest.mark.parametrize(
        ("key", "role"),
        [
            ("party_officer", Role.PARTY_OFFICER),
            ("unit_head", Role.UNIT_HEAD),
            ("leader", Role.LEADER),
            ("leader_member", Role.LEADER),
            ("cadre", Role.CADRE),
            ("supervisor", Role.SUPERVISOR),
            ("sysadmin", Role.SYSADMIN),
            ("secadmin", Role.SECADMIN),
            ("auditadmin", Role.AUDITADMIN),
        ],
    )
    def test_every_persona_logs_in_with_the_printed_password(self, demo, client, key, role):
        account = demo.accounts[key]
        assert account.password == DEMO_PASSWORD
        assert client.login(username=account.username, password=account.password)
        user = User.objects.get(username=account.username)
        assert role in scope_of(user).roles
        assert user.organ_id == demo.organ.pk

    def test_the_administrators_are_not_linked_to_a_person(self, demo):
        for key in ("sysadmin", "secadmin", "auditadmin"):
            user = User.objects.get(username=demo.accounts[key].username)
            assert user.person_id is None
            assert set(scope_of(user).roles) <= ADMIN_ROLES and len(scope_of(user).roles) == 1

    def test_the_personas_sit_where_the_demo_says(self, demo):
        users = {key: User.objects.get(username=a.username) for key, a in demo.accounts.items()}
        assert users["party_officer"].person.unit.short_name == "机关党委"
        head_grant = users["unit_head"].grants.get(role=Role.UNIT_HEAD)
        assert head_grant.unit == users["unit_head"].person.unit == users["cadre"].person.unit
        assert users["unit_head"].person.post == "主任"
        leader = users["leader"].person.leading_posts.get()
        assert leader.post == LeadingGroupPost.SECRETARY
        supervised = set(users["leader_member"].person.supervisions.values_list("unit_id", flat=True))
        assert head_grant.unit_id in supervised
        assert users["supervisor"].person.post == "组长"
        assert scope_of(users["cadre"]).roles == {Role.CADRE}

    def test_the_accounts_table_shows_usernames_password_and_who_they_are(self, demo):
        table = accounts_table(demo.accounts)
        for account in demo.accounts.values():
            assert account.username in table
        assert DEMO_PASSWORD in table
        assert "党组书记" in table and "派驻纪检监察组" in table


# --- building: determinism, transactions, the command ------------------------------------------


@BUILDS.reading(ORGAN)
def _fingerprint(demo) -> list[tuple]:
    """What identifies the organ: its people and their events (taken from the session's build as it is built)."""
    # Sorted here, not by the database: the ID number column holds ciphertext, different in every build.
    people = sorted(
        Person.objects.filter(organ=demo.organ).values_list(
            "id_number", "name", "unit__name", "post", "party_status", "branch__name", "is_active"
        )
    )
    events = sorted(
        PersonnelEvent.objects.filter(organ=demo.organ).values_list(
            "date", "person__id_number", "kind", "person__name", "document_no"
        )
    )
    return people + events


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_organ(demo_builds):
    first = demo_builds.read_of(ORGAN, _fingerprint)  # the session's build, rolled back since
    assert Organ.objects.filter(code="demo").count() == 0
    assert fresh_build(ORGAN, _fingerprint) == first  # built again now, in a savepoint
    assert Organ.objects.filter(code="demo").count() == 0
    assert fresh_build(replace(ORGAN, seed=7), _fingerprint) != first


@pytest.mark.django_db
def test_a_failing_app_leaves_nothing_behind(monkeypatch):
    class Broken:
        @staticmethod
        def build(ctx):
            raise RuntimeError("boom")

    modules = core_demo.demo_modules()
    monkeypatch.setattr(core_demo, "demo_modules", lambda: [*modules, ("broken", "坏模块", Broken)])
    with pytest.raises(RuntimeError):
        build_demo(today=TODAY)
    assert not Organ.objects.filter(code="demo").exists()
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_if_empty_does_not_build_twice():
    first, second = io.StringIO(), io.StringIO()
    call_command("demo", "--if-empty", "--today", TODAY.isoformat(), stdout=first)
    people = Person.objects.count()
    call_command("demo", "--if-empty", stdout=second)
    assert Organ.objects.filter(code="demo").count() == 1
    assert Person.objects.count() == people
    assert "已存在" in second.getvalue()
    # The second run prints the same accounts table, read back from the database.
    assert accounts_table_of(first.getvalue()) == accounts_table_of(second.getvalue())
    assert "fuzeren" in second.getvalue()


def accounts_table_of(output: str) -> str:
    return output[output.index("演示账号（") :]


@pytest.mark.demo_build(ORGAN)
def test_a_second_build_is_refused_without_if_empty(shared_demo):
    assert Organ.objects.filter(code="demo").count() == 1  # the first build: the session's
    with pytest.raises(CommandError, match="已存在"):
        call_command("demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_a_day_in_the_future_is_refused():
    with pytest.raises(InvalidInput):
        build_demo(today=timezone.localdate() + dt.timedelta(days=30))
    with pytest.raises(CommandError):
        call_command("demo", "--today", "2026-13-01", stdout=io.StringIO())

"""Factories for the org app. Other apps' factories build on these."""

from __future__ import annotations

import datetime as dt

import factory

from qinglian.org.choices import Gender, PartyStatus, Rank, Role, UnitKind
from qinglian.org.models import Branch, Organ, Person, PersonnelEvent, RoleGrant, Supervision, Unit, User
from qinglian.org.validators import with_check_digit


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organ
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"organ-{n}")
    name = factory.Sequence(lambda n: f"测试市{n}人大常委会机关")
    short_name = factory.Sequence(lambda n: f"测试{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organ = factory.SubFactory(OrganFactory)
    name = factory.Sequence(lambda n: f"测试委员会{n}")
    kind = UnitKind.INTERNAL


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    organ = factory.SubFactory(OrganFactory)
    name = factory.Sequence(lambda n: f"机关第{n}党支部")
    term_start = dt.date(2024, 3, 1)
    term_end = dt.date(2027, 2, 28)


def _id_number(n: int) -> str:
    return with_check_digit(f"330106198{n % 10}0{1 + n % 9}1{n % 10}{n % 1000:03d}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organ = factory.SelfAttribute("unit.organ")
    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"测试{n}号")
    gender = Gender.MALE
    id_number = factory.Sequence(_id_number)
    rank = Rank.CLERK_2
    post = "干部"
    party_status = PartyStatus.MEMBER
    party_joined_on = dt.date(2010, 7, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "Qinglian-test-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        """Roles granted to the account, as the security administrator would: `UserFactory(roles=[...])`.

        Left out, an account linked to a person of the organ is granted the cadre role (what every staff login
        of a live organ is given; there is no implicit role) and any other account nothing. The stationed group's
        people get nothing: their role (SUPERVISOR) is read-only and never combined with the cadre role.
        `roles=[]` makes a linked account with no business access.
        """
        if not create:
            return
        if extracted is None:
            cadre = obj.person_id is not None and obj.person.unit.kind != UnitKind.STATIONED
            extracted = [Role.CADRE] if cadre else []
        organ_id = obj.organ_id or (obj.person.organ_id if obj.person_id else None)
        for role in extracted:
            RoleGrant.objects.create(user=obj, organ_id=organ_id, role=role)


class SupervisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervision

    organ = factory.SelfAttribute("unit.organ")
    leader = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    start = dt.date(2023, 1, 1)


class PersonnelEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonnelEvent

    organ = factory.SelfAttribute("person.organ")
    person = factory.SubFactory(PersonFactory)
    kind = "promotion"
    date = dt.date(2025, 6, 1)

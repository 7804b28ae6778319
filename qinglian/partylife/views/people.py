"""A person's participation record: meetings attended, talks and study of a year, hours against the target."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from qinglian.org.permissions import access_person
from qinglian.partylife.choices import AttendanceStatus
from qinglian.partylife.selectors import counts, study, talks
from qinglian.partylife.views.common import year_of


@login_required
def person_participation(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    year = year_of(request)
    attendance = [
        {"a": a, "url": reverse("meeting_detail", args=[a.meeting_id])}
        for a in study.person_attendance(user=request.user, person=person, year=year)
    ]
    hours = counts.training_hours(organ_id=person.organ_id, year=year, person_ids=[person.pk])
    context = {
        "person": person,
        "year": year,
        "attendance": attendance,
        "present": sum(1 for r in attendance if r["a"].status == AttendanceStatus.PRESENT),
        "talks": talks.person_talks(user=request.user, person=person, year=year),
        "studies": study.study_records(user=request.user, year=year).filter(person=person),
        "hours": hours.get(person.pk, Decimal("0")),
        "target": study.hours_target(person.organ_id),
    }
    return render(request, "partylife/person/participation.html", context)

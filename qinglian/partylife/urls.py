"""The party-life pages under /partylife/. The URLs have no app namespace, hence plain names."""

from django.urls import path

from qinglian.core.importing.views import import_page, import_template
from qinglian.partylife.views import contact, dues, meetings, people, plans, study, talks
from qinglian.partylife.views.imports import DUES_PAGE, MEETING_PAGE

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/print/", meetings.meeting_print, name="meeting_print"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("talks/", talks.talk_list, name="talk_list"),
    path("talks/new/", talks.talk_create, name="talk_create"),
    path("talks/coverage/", talks.talk_coverage, name="talk_coverage"),
    path("talks/<int:pk>/", talks.talk_detail, name="talk_detail"),
    path("study/", study.study_list, name="study_list"),
    path("study/new/", study.study_create, name="study_create"),
    path("study/hours/", study.training_hours, name="training_hours"),
    path("people/<int:person_id>/", people.person_participation, name="person_participation"),
    path("plans/", plans.plan_index, name="plan_index"),
    path("plans/<int:branch_id>/<int:year>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:branch_id>/<int:year>/edit/", plans.plan_edit, name="plan_edit"),
    path("dlm/", plans.dlm_index, name="dlm_index"),
    path("dlm/<int:year>/", plans.dlm_process, name="dlm_process"),
    path("dlm/<int:year>/mark/", plans.dlm_mark, name="dlm_mark"),
    path("dues/", dues.dues_ledger, name="dues_ledger"),
    path("dues/new/", dues.dues_create, name="dues_create"),
    path("dues/<int:pk>/edit/", dues.dues_edit, name="dues_edit"),
    path("dues/<int:pk>/delete/", dues.dues_delete, name="dues_delete"),
    path("dues/import/", import_page, {"page": DUES_PAGE}, name="dues_import"),
    path("dues/import/template/", import_template, {"page": DUES_PAGE}, name="dues_import_template"),
    path("lost-contact/", contact.lost_contact_list, name="lost_contact_list"),
    path("lost-contact/new/", contact.lost_contact_create, name="lost_contact_create"),
    path("lost-contact/<int:pk>/", contact.lost_contact_detail, name="lost_contact_detail"),
    path("lost-contact/<int:pk>/edit/", contact.lost_contact_edit, name="lost_contact_edit"),
    path("lost-contact/<int:pk>/delete/", contact.lost_contact_delete_view, name="lost_contact_delete"),
    path("import/", import_page, {"page": MEETING_PAGE}, name="meeting_import"),
    path("import/template/", import_template, {"page": MEETING_PAGE}, name="meeting_import_template"),
]

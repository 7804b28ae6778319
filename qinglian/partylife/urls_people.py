"""Talks, study, participation, annual plans and the democratic-life meeting, under /partylife/."""

from django.urls import path

from qinglian.partylife import views_plans, views_study, views_talks

urlpatterns = [
    path("talks/", views_talks.talk_list, name="talk_list"),
    path("talks/new/", views_talks.talk_create, name="talk_create"),
    path("talks/coverage/", views_talks.talk_coverage, name="talk_coverage"),
    path("talks/<int:pk>/", views_talks.talk_detail, name="talk_detail"),
    path("study/", views_study.study_list, name="study_list"),
    path("study/new/", views_study.study_create, name="study_create"),
    path("study/hours/", views_study.training_hours, name="training_hours"),
    path("people/<int:person_id>/", views_study.person_participation, name="person_participation"),
    path("plans/", views_plans.plan_index, name="plan_index"),
    path("plans/<int:branch_id>/<int:year>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:branch_id>/<int:year>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("dlm/", views_plans.dlm_index, name="dlm_index"),
    path("dlm/<int:year>/", views_plans.dlm_process, name="dlm_process"),
    path("dlm/<int:year>/mark/", views_plans.dlm_mark, name="dlm_mark"),
]

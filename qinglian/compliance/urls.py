from django.urls import path

from qinglian.compliance import views, views_findings, views_todo

urlpatterns = [
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<str:code>/", views.rule_detail, name="rule_detail"),
    path("rules/<str:code>/parameters/new/", views.parameter_set_create, name="parameter_set_create"),
    path("parameters/<int:pk>/end/", views.parameter_set_end, name="parameter_set_end"),
    path("runs/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("findings/", views_findings.finding_list, name="finding_list"),
    path("findings/units/", views_findings.unit_summary, name="finding_unit_summary"),
    path("findings/<int:pk>/", views_findings.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/act/", views_findings.finding_act, name="finding_act"),
    path("todo/", views_todo.todo, name="todo"),
]

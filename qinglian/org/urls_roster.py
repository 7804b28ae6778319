from django.urls import path

from qinglian.org import views_roster

# Included at org/people/import/; the org URLs have no app namespace (yet), hence plain names.
urlpatterns = [
    path("", views_roster.roster_import, name="roster_import"),
    path("template/", views_roster.roster_template, name="roster_template"),
]

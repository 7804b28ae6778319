from django.urls import path

from qinglian.partylife import views_import

# Included at partylife/import/; the partylife URLs have no app namespace, hence plain names.
urlpatterns = [
    path("", views_import.meeting_import, name="meeting_import"),
    path("template/", views_import.meeting_import_template, name="meeting_import_template"),
]

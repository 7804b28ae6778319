"""The import of a year's suggestion list from Excel (the suggestions desk only)."""

from django.urls import path

from qinglian.npc import views_import as views

urlpatterns = [
    path("import/", views.import_page, name="npc_import"),
    path("import/template/", views.import_template, name="npc_import_template"),
]

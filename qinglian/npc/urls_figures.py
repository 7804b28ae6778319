"""The year's figures with their drill-downs, and the publishable summary of suggestion handling."""

from django.urls import path

from qinglian.npc import views_figures as views

urlpatterns = [
    path("figures/", views.figures_page, name="npc_figures"),
    path("figures/export/", views.figures_export, name="npc_figures_export"),
    path("figures/<slug:key>/", views.figure_detail, name="npc_figure"),
    path("figures/<slug:key>/export/", views.figure_export, name="npc_figure_export"),
    path("summary/", views.summary_page, name="npc_summary"),
    path("summary/export/", views.summary_export, name="npc_summary_export"),
    path("summary/docx/", views.summary_docx, name="npc_summary_docx"),
]

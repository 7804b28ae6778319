from django.urls import path

from qinglian.evidence import views

urlpatterns = [
    # <label> is a registered model such as "org.person"; anything else is a 404.
    path("for/<str:label>/<int:object_id>/", views.evidence_panel, name="evidence_panel"),
    path("for/<str:label>/<int:object_id>/upload/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/download/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/preview/", views.evidence_preview, name="evidence_preview"),
    path("<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]

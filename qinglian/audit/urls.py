from django.urls import path

from qinglian.audit import views

urlpatterns = [
    path("", views.audit_log, name="audit_log"),
    path("export/", views.audit_export, name="audit_export"),
    path("verify/", views.audit_verify_view, name="audit_verify"),
]

"""Included at /duty/import/: Excel and Word import, starting a year from last year, the diff, the Word summary."""

from django.urls import path

from qinglian.duty import views_import

urlpatterns = [
    path("", views_import.duty_import, name="duty_import"),
    path("template/", views_import.duty_import_template, name="duty_import_template"),
    path("word/", views_import.duty_import_word, name="duty_import_word"),
    path("copy/", views_import.duty_copy, name="duty_copy"),
    path("diff/", views_import.duty_diff, name="duty_diff"),
    path("summary.docx", views_import.duty_word, name="duty_word"),
]

from django.urls import path

from qinglian.core.importing.views import import_page, import_template
from qinglian.partylife.views_import import MEETING_PAGE

urlpatterns = [
    path("", import_page, {"page": MEETING_PAGE}, name="meeting_import"),
    path("template/", import_template, {"page": MEETING_PAGE}, name="meeting_import_template"),
]

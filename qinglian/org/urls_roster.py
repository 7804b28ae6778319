from django.urls import path

from qinglian.core.importing.views import import_page, import_template
from qinglian.org.views_roster import ROSTER_PAGE

# Included at org/people/import/; the org URLs have no app namespace (yet), hence plain names.
urlpatterns = [
    path("", import_page, {"page": ROSTER_PAGE}, name="roster_import"),
    path("template/", import_template, {"page": ROSTER_PAGE}, name="roster_template"),
]

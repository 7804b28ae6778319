"""/npc/: suggestions and setup (urls_suggestions), meetings and stations (urls_meetings), the year's figures
(urls_figures) and the import of a year's suggestion list (urls_import). Each file names its own paths."""

from django.urls import include, path

urlpatterns = [
    path("", include("qinglian.npc.urls_suggestions")),
    path("", include("qinglian.npc.urls_meetings")),
    path("", include("qinglian.npc.urls_figures")),
    path("", include("qinglian.npc.urls_import")),
]

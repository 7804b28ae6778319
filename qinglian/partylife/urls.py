from django.urls import include, path

urlpatterns = [
    path("", include("qinglian.partylife.urls_meetings")),
    path("", include("qinglian.partylife.urls_people")),
    path("import/", include("qinglian.partylife.urls_import")),
]

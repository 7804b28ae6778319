from django.urls import include, path

urlpatterns = [
    path("people/import/", include("qinglian.org.urls_roster")),
]

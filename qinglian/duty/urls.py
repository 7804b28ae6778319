from django.urls import include, path

urlpatterns = [
    path("", include("qinglian.duty.urls_lists")),
    path("", include("qinglian.duty.urls_oversight")),
    path("import/", include("qinglian.duty.urls_import")),
]

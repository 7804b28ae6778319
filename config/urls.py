from django.urls import include, path

from qinglian.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("qinglian.core.urls")),
    path("org/", include("qinglian.org.urls")),
]

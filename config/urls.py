"""The URLs: every Qinglian app's pages under its AppConfig's `url_prefix`, and the API under /api/."""

from django.urls import include, path

from qinglian.core.api import api
from qinglian.core.appconfig import qinglian_configs

# A Chinese 500 page, and a 503 with Retry-After when the database is gone (qinglian/core/middleware.py).
handler500 = "qinglian.core.middleware.server_error"

urlpatterns = [
    path("api/", api.urls),
    # Login security (second factor, own sessions, locks): org's pages, outside /org/ as they belong to login.
    path("account/", include("qinglian.org.auth.urls")),
    *(path(c.url_prefix, include(f"{c.name}.urls")) for c in qinglian_configs() if c.url_prefix is not None),
]

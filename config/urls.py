from django.urls import include, path

from qinglian.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("qinglian.core.urls")),
    path("org/", include("qinglian.org.urls")),
    path("audit/", include("qinglian.audit.urls")),
    path("evidence/", include("qinglian.evidence.urls")),
    path("notify/", include("qinglian.notify.urls")),
    path("compliance/", include("qinglian.compliance.urls")),
    path("docreview/", include("qinglian.docreview.urls")),
    path("partylife/", include("qinglian.partylife.urls")),
    path("duty/", include("qinglian.duty.urls")),
    path("npc/", include("qinglian.npc.urls")),
]

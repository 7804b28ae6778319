"""/integrity/: each entity's pages, named next to their views (views/<entity>.py ends with its ROUTES)."""

from qinglian.integrity.views import (
    gifts,
    inquiries,
    opinions,
    personal,
    personal_checks,
    rectification,
    risks,
    talks,
)

urlpatterns = [
    *talks.ROUTES,
    *opinions.ROUTES,
    *personal.ROUTES,
    *personal_checks.ROUTES,
    *risks.ROUTES,
    *rectification.ROUTES,
    *inquiries.ROUTES,
    *gifts.ROUTES,
]

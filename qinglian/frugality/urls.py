"""/frugality/: each ledger's pages, named next to their views (views/<part>.py ends with its ROUTES)."""

from qinglian.frugality.views import (
    abroad,
    cars,
    checks,
    conferences,
    imports,
    plans,
    receptions,
    standards,
    summary,
    training,
    travel,
)

urlpatterns = [
    *standards.ROUTES,
    *plans.ROUTES,
    *receptions.ROUTES,
    *travel.ROUTES,
    *conferences.ROUTES,
    *training.ROUTES,
    *cars.ROUTES,
    *abroad.ROUTES,
    *checks.ROUTES,
    *imports.ROUTES,
    *summary.ROUTES,
]

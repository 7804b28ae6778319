"""The 八项规定 API at /api/frugality/: standard tables, the finance ledgers, special checks.

Every read starts from `visible_to(request.auth_user)` or `permissions.access_*`; every write goes through the
services, exactly as the pages do. Whatever the caller may not see is a 404. Each part has its own router."""

from ninja import Router

from qinglian.frugality.api import (
    abroad,
    cars,
    checks,
    conferences,
    plans,
    receptions,
    standards,
    summary,
    training,
    travel,
)

router = Router(tags=["八项规定"])
for part in (standards, plans, receptions, travel, conferences, training, cars, abroad, checks, summary):
    router.add_router("", part.router)

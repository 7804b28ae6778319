"""The 廉政 API at /api/integrity/: talks, opinion requests, personal-matters reports (their circle only), risk
points, rectification, proposals and inquiry letters, gifts.

Every read starts from `visible_to(request.auth_user)` or `permissions.access_*`; every write goes through the
services, exactly as the pages do. Whatever the caller may not see is a 404. Each part has its own router."""

from ninja import Router

from qinglian.integrity.api import gifts, inquiries, opinions, personal, rectification, risks, talks

router = Router(tags=["党风廉政建设"])
for part in (talks, opinions, personal, risks, rectification, inquiries, gifts):
    router.add_router("", part.router)

"""The 意识形态 API at /api/ideology/: outlets, pieces and their review, 一会一报, analysis and reporting, public
opinion, the year's figures.

Every read starts from `visible_to(request.auth_user)` or `permissions.access_*`; every write goes through the
services, exactly as the pages do. Whatever the caller may not see is a 404. Each part has its own router."""

from ninja import Router

from qinglian.ideology.api import figures, forums, opinion, outlets, pieces, reports

router = Router(tags=["意识形态"])
for part in (outlets, pieces, forums, reports, opinion, figures):
    router.add_router("", part.router)

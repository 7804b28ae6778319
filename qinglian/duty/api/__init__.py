"""The duty API (主体责任) at /api/duty/: the year's list with its headings and items, units' tasks and progress,
completion by unit and by leader, the leaders' 一岗双责 cards, responsibility letters, 督办单 and 约谈.

Every read starts from `visible_to(request.auth_user)`, a selector or `permissions.access_*`; every write goes
through the services, exactly as the pages do, so their Chinese refusals (403/400/409) are the API's too.
Whatever the caller may not see is a 404, never a 403. Each part has its own router, mounted here on the one
router apps.py names.
"""

from ninja import Router

from qinglian.duty.api import boards, letters, lists, notices, talks, tasks

router = Router(tags=["主体责任"])
for part in (lists, tasks, boards, letters, notices, talks):
    router.add_router("", part.router)

"""The npc API (人大履职服务) at /api/npc/: deputies' suggestions and their handling, meeting materials,
liaison stations and activities, deputies, and the year's figures.

It shows exactly what the pages show: every read starts from `visible_to(request.auth_user)`, a selector or
`permissions.access_*`; every write goes through the npc services, so their checks, Chinese refusals and
history are the API's too. The endpoints live in sub-routers mounted here:
- figures.py: the year's figures;
- suggestions.py: the suggestions ledger and the handling figures per unit;
- suggestion_actions.py: the handling steps (交办, 签收, 退回, 联系, 答复, 满意度, 延期, 重点督办);
- meetings.py: meetings, agenda items, submissions and the materials on-time table;
- stations.py: liaison stations, activities, deputies and their activity counts.
"""

from ninja import Router

from qinglian.npc.api import figures, meetings, stations, suggestion_actions, suggestions

router = Router(tags=["人大履职服务"])
router.add_router("", figures.router)
router.add_router("", suggestions.router)
router.add_router("", suggestion_actions.router)
router.add_router("", meetings.router)
router.add_router("", stations.router)

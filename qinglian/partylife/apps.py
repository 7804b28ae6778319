from qinglian.core import appconfig


class PartylifeConfig(appconfig.QinglianAppConfig):
    name = "qinglian.partylife"
    verbose_name = "组织生活与理论学习"
    url_prefix = "partylife/"
    api_routers = {"/partylife/": "qinglian.partylife.api.router"}
    evidence = {"Meeting": "access_meeting", "HeartTalk": "access_heart_talk"}

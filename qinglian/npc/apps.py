from qinglian.core import appconfig


class NpcConfig(appconfig.QinglianAppConfig):
    name = "qinglian.npc"
    verbose_name = "人大履职服务"
    url_prefix = "npc/"
    api_routers = {"/npc/": "qinglian.npc.api.router"}
    # A reply's document and the deputy's form on the suggestion, materials on the agenda item, the published
    # handling report (or a screenshot of the page) on its year's row.
    evidence = {
        "Suggestion": "access_suggestion",
        "NpcMeeting": "access_npc_meeting",
        "MeetingAgendaItem": "access_agenda_item",
        "MaterialSubmission": "access_submission",
        "DeputyActivity": "access_activity",
        "HandlingReport": "access_handling_report",
    }

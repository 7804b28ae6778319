from qinglian.core import appconfig


class IdeologyConfig(appconfig.QinglianAppConfig):
    name = "qinglian.ideology"
    verbose_name = "意识形态工作"
    url_prefix = "ideology/"
    api_routers = {"/ideology/": "qinglian.ideology.api.router"}
    # An account's filing papers (备案材料); a piece's paper sign-off sheet and the published page; a forum's outline
    # and approval form; an analysis's or report's document; an opinion event's handling report.
    evidence = {
        "Outlet": "access_outlet",
        "Piece": "access_piece",
        "Forum": "access_forum",
        "ReportItem": "access_report_item",
        "OpinionEvent": "access_opinion_event",
    }

from qinglian.core import appconfig


class DutyConfig(appconfig.QinglianAppConfig):
    name = "qinglian.duty"
    verbose_name = "主体责任"
    url_prefix = "duty/"
    api_routers = {"/duty/": "qinglian.duty.api.router"}
    evidence = {
        "DutyAssignment": "access_assignment",
        "ProgressReport": "access_progress",
        "ResponsibilityLetter": "access_letter",
        "OversightNotice": "access_notice",
        "AccountabilityTalk": "access_talk",
        "SuperiorReport": "access_superior_report",
    }

from qinglian.core import appconfig


class IntegrityConfig(appconfig.QinglianAppConfig):
    name = "qinglian.integrity"
    verbose_name = "党风廉政建设"
    url_prefix = "integrity/"
    api_routers = {"/integrity/": "qinglian.integrity.api.router"}
    # The signed talk record; the request letter and the group's reply; the scanned report (encrypted like every
    # file, readable only by the report's circle through access_personal_report); a risk point's register page;
    # the rectification report and each measure's proof; a proposal and its reply; the gift's hand-in receipt.
    # Not a letter of inquiry: its scan would be its content, which stays with the stationed group.
    evidence = {
        "IntegrityTalk": "access_talk",
        "OpinionRequest": "access_opinion_request",
        "PersonalReport": ("access_personal_report", frozenset({"pdf", "png", "jpeg", "docx"})),
        "SpotCheck": "access_spot_check",
        "RiskPoint": "access_risk",
        "RectificationBatch": "access_batch",
        "RectificationMeasure": "access_measure",
        "LongTermMechanism": "access_mechanism",
        "DisciplineProposal": "access_proposal",
        "Gift": "access_gift",
    }

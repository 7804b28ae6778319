from qinglian.core import appconfig


class DocreviewConfig(appconfig.QinglianAppConfig):
    name = "qinglian.docreview"
    verbose_name = "公文审校"
    url_prefix = "docreview/"
    api_routers = {"/proofread": "qinglian.docreview.api.router"}

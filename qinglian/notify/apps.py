from qinglian.core import appconfig


class NotifyConfig(appconfig.QinglianAppConfig):
    name = "qinglian.notify"
    verbose_name = "通知提醒"
    url_prefix = "notify/"

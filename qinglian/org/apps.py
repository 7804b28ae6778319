from qinglian.core import appconfig, hooks


class OrgConfig(appconfig.QinglianAppConfig):
    name = "qinglian.org"
    verbose_name = "组织与人员"
    url_prefix = "org/"
    api_routers = {"/org/": "qinglian.org.api.router", "": "qinglian.org.api.me_router"}
    evidence = {"Person": "access_person", "PersonnelEvent": "access_personnel_event"}

    def ready(self) -> None:
        super().ready()
        # What the floor asks of org (see core/hooks.py). Imported here: models are ready only now.
        from qinglian.org import permissions, selectors, services
        from qinglian.org.auth import wiring as auth

        hooks.provide("api_token_user", services.api_token_user)
        hooks.provide("can_edit_calendar", permissions.can_manage_accounts)  # the system administrator
        hooks.provide("organ_create", services.organ_create)
        hooks.provide("organ_by_code", selectors.organ_by_code)
        hooks.provide("organ_of", selectors.organ_of)
        auth.connect()  # login security: session register, api_token_expired (qinglian/org/auth)

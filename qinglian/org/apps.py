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
        from qinglian.org import permissions, services
        from qinglian.org.choices import Role
        from qinglian.org.models import Organ

        hooks.provide("api_token_user", services.api_token_user)
        hooks.provide("can_edit_calendar", lambda user: permissions.scope_of(user).has(Role.SYSADMIN))
        hooks.provide("organ_create", services.organ_create)
        hooks.provide("organ_by_code", lambda code: Organ.objects.filter(code=code).first())

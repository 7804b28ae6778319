"""Enumerations of the org app. Values are English and stable; labels are what the organ reads."""

from django.db import models


class UnitKind(models.TextChoices):
    INTERNAL = "internal", "机关内设机构"
    STATIONED = "stationed", "派驻机构"
    EXTERNAL = "external", "外部单位"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class PartyStatus(models.TextChoices):
    MEMBER = "member", "中共党员"
    PROBATIONARY = "probationary", "中共预备党员"
    MASSES = "masses", "群众"
    DEMOCRATIC_PARTY = "democratic_party", "民主党派"


PARTY_STATUSES = (PartyStatus.MEMBER, PartyStatus.PROBATIONARY)


class Rank(models.TextChoices):
    """职级 under the civil-servant post and rank system (公务员职务与职级并行规定, 2019)."""

    DEPARTMENT_CHIEF = "department_chief", "正厅级"
    DEPARTMENT_DEPUTY = "department_deputy", "副厅级"
    BUREAU_CHIEF = "bureau_chief", "正处级"
    BUREAU_DEPUTY = "bureau_deputy", "副处级"
    INSPECTOR_1 = "inspector_1", "一级调研员"
    INSPECTOR_2 = "inspector_2", "二级调研员"
    INSPECTOR_3 = "inspector_3", "三级调研员"
    INSPECTOR_4 = "inspector_4", "四级调研员"
    SECTION_CHIEF = "section_chief", "正科级"
    SECTION_DEPUTY = "section_deputy", "副科级"
    CLERK_1 = "clerk_1", "一级主任科员"
    CLERK_2 = "clerk_2", "二级主任科员"
    CLERK_3 = "clerk_3", "三级主任科员"
    CLERK_4 = "clerk_4", "四级主任科员"
    STAFF_1 = "staff_1", "一级科员"
    STAFF_2 = "staff_2", "二级科员"
    OTHER = "other", "其他"


class LeadingGroupPost(models.TextChoices):
    SECRETARY = "secretary", "党组书记"
    DEPUTY_SECRETARY = "deputy_secretary", "党组副书记"
    MEMBER = "member", "党组成员"


class BranchPost(models.TextChoices):
    SECRETARY = "secretary", "支部书记"
    DEPUTY_SECRETARY = "deputy_secretary", "支部副书记"
    ORGANIZATION = "organization", "组织委员"
    PROPAGANDA = "propaganda", "宣传委员"
    DISCIPLINE = "discipline", "纪检委员"
    YOUTH = "youth", "青年委员"
    MEMBER = "member", "支部委员"


class PersonnelEventKind(models.TextChoices):
    APPOINTMENT = "appointment", "任职"
    PROMOTION = "promotion", "提拔"
    TRANSFER = "transfer", "转岗"
    TRANSFER_IN = "transfer_in", "调入"
    TRANSFER_OUT = "transfer_out", "调出"
    RETIREMENT = "retirement", "退休"


class Role(models.TextChoices):
    """The personas of the organ and the three separated administrators (三员分立)."""

    PARTY_OFFICER = "party_officer", "机关党委/纪委专责人员"
    UNIT_HEAD = "unit_head", "委室负责人"
    LEADER = "leader", "党组书记/成员"
    CADRE = "cadre", "党员干部"
    SUPERVISOR = "supervisor", "派驻纪检监察组"
    # 组织人事: receives the personal-matters reports (个人有关事项报告) of the cadres the organ manages, draws the
    # yearly spot check and asks the stationed group for Party-conduct opinions before a promotion (integrity app).
    PERSONNEL_OFFICER = "personnel_officer", "组织人事专责人员"
    # 财务: keeps the 八项规定 ledgers (receptions, trips, meetings, training, cars, trips abroad), imports the finance
    # system's exports and the standard tables (frugality app). Not an organ reader: it reads those ledgers only.
    FINANCE_OFFICER = "finance_officer", "财务专责人员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITADMIN = "auditadmin", "审计管理员"


ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)
# Roles that read every business record of the organ.
ORGAN_READER_ROLES = frozenset({Role.PARTY_OFFICER, Role.LEADER, Role.SUPERVISOR})

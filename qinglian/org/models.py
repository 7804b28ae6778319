"""Organisation and people: who the organ is, and who may see what of it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from qinglian.core.encrypted import DigestField, EncryptedCharField
from qinglian.core.models import Record
from qinglian.org import querysets
from qinglian.org.choices import (
    BranchPost,
    Gender,
    LeadingGroupPost,
    PartyStatus,
    PersonnelEventKind,
    Rank,
    Role,
    UnitKind,
)


class Organ(models.Model):
    """A 机关 hosted on the platform (e.g. 某市人大常委会机关). Every record belongs to exactly one."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40)
    region = models.CharField("行政区划", max_length=60, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "机关"

    def __str__(self) -> str:
        return self.name


class Unit(Record):
    """A 委室/部门 of the organ (a tree), the stationed supervision group, or an outside body such as a
    government department that handles deputies' suggestions."""

    name = models.CharField("名称", max_length=60)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类型", max_length=12, choices=UnitKind.choices, default=UnitKind.INTERNAL)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    order = models.PositiveSmallIntegerField("排序", default=100)
    objects = querysets.UnitManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "委室/部门"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "name"], condition=Q(deleted_at__isnull=True), name="org_unit_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Branch(Record):
    """A 党支部 of the organ's Party committee (机关党委), with its committee and term."""

    name = models.CharField("名称", max_length=60)
    established_on = models.DateField("成立日期", null=True, blank=True)
    term_start = models.DateField("本届任期开始", null=True, blank=True)
    term_end = models.DateField("本届任期届满", null=True, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="branches", verbose_name="覆盖委室")
    objects = querysets.BranchManager()
    all_objects = models.Manager()
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = verbose_name_plural = "党支部"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "name"], condition=Q(deleted_at__isnull=True), name="org_branch_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gt=models.F("term_start")),
                name="org_branch_term_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartyGroup(Record):
    """A 党小组 inside a branch."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="party_groups", verbose_name="党支部")
    name = models.CharField("名称", max_length=60)
    leader = models.ForeignKey(
        "Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="党小组长"
    )
    objects = querysets.OrgStructureManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党小组"
        ordering = ["branch_id", "id"]

    def __str__(self) -> str:
        return self.name


class Person(Record):
    """A cadre or staff member of the organ (or of the stationed group). May have a login."""

    name = models.CharField("姓名", max_length=30)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    # Encrypted at rest (SM4-GCM, core/crypto.py); found by its keyed digest, never by the column itself.
    id_number = EncryptedCharField("身份证号", max_length=18, blank=True, default="", digest_field="id_number_digest")
    id_number_digest = DigestField("身份证号摘要", source="id_number", db_index=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name="所在委室")
    post = models.CharField("职务", max_length=60, blank=True)
    rank = models.CharField("职级", max_length=24, choices=Rank.choices, default=Rank.OTHER)
    party_status = models.CharField("政治面貌", max_length=20, choices=PartyStatus.choices)
    party_joined_on = models.DateField("入党时间", null=True, blank=True)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="所在党支部"
    )
    party_group = models.ForeignKey(
        PartyGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="党小组"
    )
    phone = models.CharField("手机号码", max_length=20, blank=True)
    is_active = models.BooleanField("在职", default=True)
    objects = querysets.PersonManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "干部"
        ordering = ["unit__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "id_number_digest"],
                condition=Q(deleted_at__isnull=True) & ~Q(id_number_digest=""),
                name="org_person_unique_id_number",
            )
        ]
        indexes = [models.Index(fields=["organ", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_party_member(self) -> bool:
        return self.party_status in (PartyStatus.MEMBER, PartyStatus.PROBATIONARY)

    @property
    def masked_id_number(self) -> str:
        if len(self.id_number) < 8:
            return "*" * len(self.id_number)
        return self.id_number[:4] + "*" * (len(self.id_number) - 8) + self.id_number[-4:]


class LeadingGroupMember(Record):
    """Membership of the organ's leading Party group (党组): its secretary is the first responsible person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="leading_posts", verbose_name="人员")
    post = models.CharField("党组职务", max_length=20, choices=LeadingGroupPost.choices)
    title = models.CharField("行政职务", max_length=60, blank=True)
    start = models.DateField("任职日期")
    end = models.DateField("免职日期", null=True, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=100)
    objects = querysets.OrgStructureManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "党组成员"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_post_display()}）"

    def is_current(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


class BranchCommitteeMember(Record):
    """A seat on a branch committee (支部委员会) for a term."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="committee", verbose_name="党支部")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="branch_posts", verbose_name="人员")
    post = models.CharField("支委职务", max_length=20, choices=BranchPost.choices)
    start = models.DateField("任职日期")
    end = models.DateField("离任日期", null=True, blank=True)
    objects = querysets.OrgStructureManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "支部委员"
        ordering = ["branch_id", "post", "id"]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_post_display()}）"


class Supervision(Record):
    """A leader's 分管 of a unit (一岗双责): the leader answers for the unit's duties in this period."""

    leader = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supervisions", verbose_name="分管领导")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="supervisions", verbose_name="分管委室")
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)
    objects = querysets.OrgStructureManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "分管关系"
        ordering = ["leader_id", "unit__order"]

    def __str__(self) -> str:
        return f"{self.leader.name} 分管 {self.unit.name}"


class PersonnelEvent(Record):
    """A personnel change (任免/调动) of one person. Integrity talks and responsibility letters follow from these."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events", verbose_name="人员")
    kind = models.CharField("类型", max_length=16, choices=PersonnelEventKind.choices)
    date = models.DateField("日期")
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="原委室"
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="新委室"
    )
    from_post = models.CharField("原职务", max_length=60, blank=True)
    to_post = models.CharField("新职务", max_length=60, blank=True)
    document_no = models.CharField("文号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    objects = querysets.PersonnelEventManager()
    all_objects = models.Manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "人事变动"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.person.name} {self.get_kind_display()}"


class User(AbstractUser):
    """A login. Business users are linked to a Person; the three administrators usually are not."""

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, null=True, blank=True, verbose_name="所属机关")
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="user", verbose_name="对应人员"
    )
    display_name = models.CharField("显示名称", max_length=30, blank=True)
    # Set when an administrator (page or server command) chose the password: until the account's owner picks
    # their own, the middleware lets it reach only the password page (三员分立: the administrator who knows the
    # initial password can never use it for business access).
    must_change_password = models.BooleanField("须修改密码", default=False)
    # When the owner last chose a password; expiry counts from here. Null: never stamped (rows made outside
    # the services, e.g. by tests), which never expire.
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    objects = querysets.UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.display_name or (self.person.name if self.person_id else self.username)


class PasswordHistory(models.Model):
    """A password an account had before (its hash only), so a new password cannot repeat the last few
    (等保 8.1.4.1 a)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history", verbose_name="账号")
    password = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "历史密码"
        ordering = ["user_id", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class RoleGrant(models.Model):
    """One role held by one account in one organ. Revoked grants stay, so who held what is never lost."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="grants", verbose_name="账号")
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, verbose_name="机关")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="负责委室"
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="授权人"
    )
    granted_at = models.DateTimeField("授权时间", default=timezone.now)
    revoked_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="撤销人"
    )
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    objects = querysets.RoleGrantManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "角色授权"
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organ", "role", "unit"],
                condition=Q(revoked_at__isnull=True),
                name="org_rolegrant_unique_active",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.UNIT_HEAD) | Q(unit__isnull=False), name="org_rolegrant_unit_head_has_unit"
            ),
        ]

    def __str__(self) -> str:
        suffix = f"（{self.unit.name}）" if self.unit_id else ""
        return f"{self.user} · {self.get_role_display()}{suffix}"


class ApiToken(models.Model):
    """A bearer token for an integration. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens", verbose_name="账号")
    name = models.CharField("用途", max_length=60)
    prefix = models.CharField("前缀", max_length=12)
    digest = models.CharField("摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


# Login security (qinglian/org/auth) keeps its rows in this app.
from qinglian.org.auth.models import AccountSession, LoginThrottle  # noqa: E402, F401

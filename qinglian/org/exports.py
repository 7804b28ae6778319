"""Excel exports of the org lists. They take the already-scoped querysets the pages show."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.org.permissions import can_see_id_number


def units_xlsx(request: HttpRequest, units, *, staff_units: frozenset[int] | None = None) -> HttpResponse:
    """The units, with their head counts where the viewer may see the unit's people (`staff_units`, None: every
    unit) and "不可见" elsewhere — never a 0 for a unit of 41, as the page says too."""

    def counts(unit) -> tuple:
        if staff_units is None or unit.pk in staff_units:
            return unit.headcount, unit.party_count
        return "不可见", "不可见"

    headers = [
        Column("序号", 6),
        Column("名称", 30),
        Column("简称", 14),
        Column("类型", 14),
        Column("在职人数", 10),
        Column("党员人数", 10),
    ]
    rows = [(i, u.name, u.short_name, u.get_kind_display(), *counts(u)) for i, u in enumerate(units, start=1)]
    return export_table(request, "委室名单", headers, rows)


def people_xlsx(request: HttpRequest, people) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("姓名", 10),
        Column("性别", 6),
        Column("身份证号", 22),
        Column("所在委室", 24),
        Column("职务", 18),
        Column("职级", 14),
        Column("政治面貌", 12),
        Column("入党时间", 12),
        Column("所在党支部", 18),
        Column("手机号码", 14),
        Column("状态", 8),
    ]
    rows = []
    for i, p in enumerate(people, start=1):
        id_number = p.id_number if can_see_id_number(request.user, p) else p.masked_id_number
        rows.append(
            (
                i,
                p.name,
                p.get_gender_display(),
                id_number,
                p.unit.name,
                p.post,
                p.get_rank_display(),
                p.get_party_status_display(),
                p.party_joined_on,
                p.branch.name if p.branch_id else "",
                p.phone,
                "在职" if p.is_active else "已离开",
            )
        )
    return export_table(request, "干部花名册", headers, rows)


def events_xlsx(request: HttpRequest, events) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("日期", 12),
        Column("姓名", 10),
        Column("类型", 8),
        Column("原委室", 22),
        Column("原职务", 16),
        Column("新委室", 22),
        Column("新职务", 16),
        Column("文号", 20),
        Column("备注", 24),
    ]
    rows = [
        (
            i,
            e.date,
            e.person.name,
            e.get_kind_display(),
            e.from_unit.name if e.from_unit_id else "",
            e.from_post,
            e.to_unit.name if e.to_unit_id else "",
            e.to_post,
            e.document_no,
            e.note,
        )
        for i, e in enumerate(events, start=1)
    ]
    return export_table(request, "人事变动台账", headers, rows)


def branches_xlsx(request: HttpRequest, branches) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("党支部", 24),
        Column("覆盖委室", 40),
        Column("党员人数", 10),
        Column("本届任期开始", 14),
        Column("本届任期届满", 14),
    ]
    rows = [
        (i, b.name, "、".join(u.name for u in b.units.all()), b.member_count, b.term_start, b.term_end)
        for i, b in enumerate(branches, start=1)
    ]
    return export_table(request, "党支部名单", headers, rows)


def accounts_xlsx(request: HttpRequest, accounts) -> HttpResponse:
    headers = [
        Column("序号", 6),
        Column("用户名", 16),
        Column("显示名称", 14),
        Column("对应人员", 12),
        Column("角色", 40),
        Column("状态", 8),
        Column("最近登录", 18),
    ]
    rows = [
        (
            i,
            a.username,
            a.display_name,
            a.person.name if a.person_id else "",
            "、".join(g.get_role_display() for g in a.grants.all() if g.revoked_at is None),
            "启用" if a.is_active else "停用",
            a.last_login,
        )
        for i, a in enumerate(accounts, start=1)
    ]
    return export_table(request, "账号清单", headers, rows)

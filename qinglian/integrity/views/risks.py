"""廉政风险点 pages: the register with its filters and heat map (unit × level), one risk point (its reviews, evidence,
history and the ledger where the risk occurs), the forms (add, change, review, retire), the per-unit register for
print (廉政风险点登记表), its Excel, and the Excel import.

Parse → access → selector/service → render. Lists start from `selectors.risks` (`visible_to`); one row from
`access_risk`; writes go through `services.risks`.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import paginate
from qinglian.core.importing import Action
from qinglian.core.importing.views import Count, ImportPage, Link, import_page, import_template
from qinglian.integrity.choices import RiskLedger
from qinglian.integrity.exports import risks as exports
from qinglian.integrity.forms.risks import RetireForm, ReviewForm, RiskFilterForm, RiskForm
from qinglian.integrity.importers.risks import RiskImport
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.permissions import access_risk, can_keep_risks
from qinglian.integrity.selectors import risks as selectors
from qinglian.integrity.services.risks import KEEPERS_ONLY, risk_retire, risk_review, risk_save
from qinglian.org.scope import scope_of

PRINT_LIMIT = 2000


def _business(request: HttpRequest) -> None:
    if not scope_of(request.user).is_business:
        raise NotFound("廉政风险点不存在或无权查看")


def _filtered(request: HttpRequest) -> tuple[RiskFilterForm, list[RiskPoint], dict[str, Any]]:
    _business(request)
    form = RiskFilterForm(request.GET or None, user=request.user)
    args = form.selector_args()
    return form, selectors.risk_list(request.user, **args), args


def _heat(request: HttpRequest, args: dict[str, Any]) -> tuple[list[selectors.HeatRow], list[list[str]]]:
    """The heat map of the register under the list's other filters (ledger, review): a cell's link sets unit and
    level and keeps them."""
    rows = selectors.risk_list(request.user, ledger=args["ledger"], review=args["review"])
    heat = selectors.heat_map(rows)
    keep = {k: args[k] for k in ("ledger", "review") if args[k]}
    base = reverse("integrity_risks")
    links = [
        [
            base + "?" + "&".join(f"{k}={v}" for k, v in {"unit": row.unit_id, "level": level.value, **keep}.items())
            for level in selectors.LEVELS
        ]
        for row in heat
    ]
    return heat, links


@login_required
def risk_list(request: HttpRequest) -> HttpResponse:
    form, rows, args = _filtered(request)
    heat, links = _heat(request, args)
    page = paginate(request, rows)
    context = {
        "form": form,
        "page_obj": page,
        "risks": page.object_list,
        "total": len(rows),
        "heat": [(row, list(zip(row.counts, cells, strict=True))) for row, cells in zip(heat, links, strict=True)],
        "heat_levels": selectors.LEVELS,
        "heat_option": json.dumps(selectors.heat_map_option(heat), ensure_ascii=False),
        "heat_links": json.dumps(links, ensure_ascii=False),
        "heat_height": 100 + 32 * len(heat),
        "can_keep": can_keep_risks(request.user),
        "unit_id": args["unit_id"],
    }
    return render(request, "integrity/risk_list.html", context)


@login_required
def risk_export(request: HttpRequest) -> HttpResponse:
    form, rows, _ = _filtered(request)
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    return exports.register_xlsx(request, rows, unit_name=unit.name if unit else "")


@login_required
def risk_register(request: HttpRequest) -> HttpResponse:
    """廉政风险点登记表 for print: one sheet per unit (the unit filter for one unit)."""
    form, rows, _ = _filtered(request)
    context = {"form": form, "registers": selectors.registers(rows[:PRINT_LIMIT]), "today": clock.today()}
    return render(request, "integrity/risk_register.html", context)


def _can_write(user: Any, risk: RiskPoint) -> bool:
    return can_keep_risks(user, risk.unit_id)


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_with_due(request.user, access_risk(request.user, pk))
    context = {
        "risk": risk,
        "reviews": selectors.risk_detail_reviews(risk),
        "ledger": selectors.ledger_link(risk.ledger),
        "can_write": _can_write(request.user, risk),
        "changes": changes_for(risk),
    }
    return render(request, "integrity/risk_detail.html", context)


def _form_page(request: HttpRequest, risk: RiskPoint, title: str) -> HttpResponse:
    form = RiskForm(request.POST or None, instance=risk, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            risk_save(risk=form.instance, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存廉政风险点：{risk}")
            return redirect("integrity_risk", pk=risk.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "risk": risk}
    return render(request, "integrity/risk_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_risks(request.user):
        raise Forbidden(KEEPERS_ONLY)
    scope = scope_of(request.user)
    risk = RiskPoint(organ_id=scope.organ_id, identified_on=clock.today(), ledger=RiskLedger.OTHER)
    if len(scope.head_unit_ids) == 1 and not request.POST:
        risk.unit_id = next(iter(scope.head_unit_ids))
    return _form_page(request, risk, "登记廉政风险点")


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = access_risk(request.user, pk, write=True)
    return _form_page(request, risk, f"修改廉政风险点：{risk}")


@login_required
@require_http_methods(["GET", "POST"])
def risk_review_page(request: HttpRequest, pk: int) -> HttpResponse:
    risk = access_risk(request.user, pk, write=True)
    form = ReviewForm(request.POST or None, initial={"date": clock.today(), "level": risk.level})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            risk_review(risk=risk, by=request.user, date=data["date"], level=data["level"], note=data["note"])
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已记录复核：{risk}")
            return redirect("integrity_risk", pk=risk.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": f"复核廉政风险点：{risk}", "risk": risk}
    return render(request, "integrity/risk_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def risk_retire_page(request: HttpRequest, pk: int) -> HttpResponse:
    risk = access_risk(request.user, pk, write=True)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            risk_retire(risk=risk, by=request.user, reason=form.cleaned_data["reason"])
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已删除廉政风险点：{risk}")
            return redirect("integrity_risks")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": f"删除廉政风险点：{risk}", "risk": risk, "retire": True}
    return render(request, "integrity/risk_form.html", context, status=status)


RISK_IMPORT_PAGE = ImportPage(
    importer=RiskImport,
    heading="廉政风险点导入",
    template_url="integrity_risk_import_template",
    testid="risk-import",
    intro=(
        "用于导入各委室已有的廉政风险点登记表（Excel）：每行一个风险点，列为委室、岗位、风险事项、风险描述、"
        "风险等级（高/中/低）、防控措施、责任人、风险所在台账、排查日期。请先下载模板，按“填表说明”填写后上传；"
        "本系统导出的廉政风险点登记表也可直接上传。",
        "全部行无误才写入：有任何一行有问题（委室、责任人不存在，风险等级不是高/中/低等）时不写入任何数据。"
        "委室负责人只能导入本人负责委室的风险点。",
    ),
    file_label="廉政风险点登记表（.xlsx）",
    preview_hint="仅预览：检查文件并列出将新增、更新的风险点和存在的问题，不写入任何数据",
    name_header="风险点",
    links=(Link("integrity_risks", "廉政风险点", "bi-shield-exclamation"),),
    done_link=("integrity_risks", "查看廉政风险点"),
    counts=(
        Count("新增", Action.CREATE, "text-success"),
        Count("更新", Action.UPDATE, "text-primary"),
        Count("无变化", Action.UNCHANGED, "text-secondary"),
    ),
)


ROUTES = [
    path("risks/", risk_list, name="integrity_risks"),
    path("risks/export/", risk_export, name="integrity_risks_export"),
    path("risks/register/", risk_register, name="integrity_risk_register"),
    path("risks/new/", risk_create, name="integrity_risk_create"),
    path("risks/import/", import_page, {"page": RISK_IMPORT_PAGE}, name="integrity_risk_import"),
    path("risks/import/template/", import_template, {"page": RISK_IMPORT_PAGE}, name="integrity_risk_import_template"),
    path("risks/<int:pk>/", risk_detail, name="integrity_risk"),
    path("risks/<int:pk>/edit/", risk_edit, name="integrity_risk_edit"),
    path("risks/<int:pk>/review/", risk_review_page, name="integrity_risk_review"),
    path("risks/<int:pk>/retire/", risk_retire_page, name="integrity_risk_retire"),
]

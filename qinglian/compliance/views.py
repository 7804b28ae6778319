"""Pages for the rule registry, parameters and runs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.compliance import params as params_service
from qinglian.compliance import selectors
from qinglian.compliance.forms import EndParameterSetForm, ParameterSetForm, RunForm
from qinglian.compliance.models import RuleParameterSet, RuleRun
from qinglian.compliance.permissions import can_edit_parameters, can_read_rules, can_run_checks
from qinglian.compliance.registry import get_rule
from qinglian.compliance.services_runs import run_queue, run_start
from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.http import form_page
from qinglian.org.models import Organ
from qinglian.org.permissions import scope_of


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    _require(can_read_rules(request.user), "无权查看规则")
    context = {
        "rows": selectors.rule_rows(user=request.user),
        "can_run": can_run_checks(request.user),
        "runs": selectors.latest_runs(user=request.user, limit=5),
        "run_form": RunForm(initial={"as_of": clock.today()}),
    }
    return render(request, "compliance/rule_list.html", context)


@login_required
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    _require(can_read_rules(request.user), "无权查看规则")
    rule = get_rule(code)
    context = {
        "rule": rule,
        "periods": [param for param in rule.params if param.period],
        "sets": selectors.parameter_sets(user=request.user, code=code),
        "can_edit": can_edit_parameters(request.user),
        "findings": selectors.finding_list(user=request.user, rule_code=code)[:20],
    }
    return render(request, "compliance/rule_detail.html", context)


@login_required
def parameter_set_create(request: HttpRequest, code: str) -> HttpResponse:
    _require(can_edit_parameters(request.user), "仅机关党委专责人员可设置规则参数")
    rule = get_rule(code)
    form = ParameterSetForm(request.POST or None, rule=rule)

    def save() -> RuleParameterSet:
        data = form.cleaned_data
        organ = Organ.objects.get(pk=scope_of(request.user).organ_id) if data["jurisdiction"] == "organ" else None
        return params_service.parameter_set_save(
            rule_code=code,
            jurisdiction=data["jurisdiction"],
            organ=organ,
            effective_from=data["effective_from"],
            effective_to=data["effective_to"],
            values=form.values(),
            source=data["source"],
            confidence=data["confidence"],
            note=data["note"],
            by=request.user,
        )

    return form_page(
        request,
        form,
        title=f"设置参数：{rule.code} {rule.title}",
        save=save,
        success=lambda _: "已保存参数，下次检查起按生效日期使用",
        then=lambda _: reverse("rule_detail", args=[code]),
    )


@login_required
def parameter_set_end(request: HttpRequest, pk: int) -> HttpResponse:
    _require(can_edit_parameters(request.user), "仅机关党委专责人员可设置规则参数")
    param_set = get_object_or_404(RuleParameterSet.objects.for_organ(scope_of(request.user).organ_id), pk=pk)
    form = EndParameterSetForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"设置失效日期：{param_set}",
        save=lambda: params_service.parameter_set_end(
            param_set=param_set, effective_to=form.cleaned_data["effective_to"], by=request.user
        ),
        success=lambda _: "已设置失效日期",
        then=lambda _: reverse("rule_detail", args=[param_set.rule_code]),
    )


@login_required
@require_POST
def run_create(request: HttpRequest) -> HttpResponse:
    _require(can_run_checks(request.user), "仅机关党委专责人员可运行检查")
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "检查日期格式不正确")
        return redirect("rule_list")
    organ = Organ.objects.get(pk=scope_of(request.user).organ_id)
    try:
        run = run_queue(organ=organ, as_of=form.cleaned_data["as_of"], codes=[], by=request.user, request=request)
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("rule_list")
    run_start(run)
    return redirect("run_detail", pk=run.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(can_read_rules(request.user), "无权查看")
    run = get_object_or_404(RuleRun, pk=pk, organ_id=scope_of(request.user).organ_id)
    template = "compliance/_run_progress.html" if request.headers.get("HX-Request") else "compliance/run_detail.html"
    return render(request, template, {"run": run})

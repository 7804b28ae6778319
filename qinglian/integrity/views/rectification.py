"""问题整改 pages: the batch list (source, feedback, report due and state, progress), a batch with its progress per
problem, unit and leader, a problem (measures, evidence, mechanisms, 销号), a measure (report completion, upload),
my measures; the batch's 整改台账 in Excel (export and import) and its rectification report in Word.

Rows come from `visible_to(user)` and `access_batch/problem/measure`; writes go through services.rectification.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, post_action
from qinglian.core.importing import views as import_views
from qinglian.integrity import permissions
from qinglian.integrity.exports import rectification as exports
from qinglian.integrity.forms.rectification import (
    BatchFilterForm,
    BatchForm,
    CloseForm,
    CompletionForm,
    MeasureForm,
    MechanismForm,
    ProblemForm,
    ReopenForm,
    ReportForm,
)
from qinglian.integrity.importers.rectification import IMPORT_PAGE
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.integrity.selectors import rectification as selectors
from qinglian.integrity.services import rectification as services
from qinglian.integrity.word.rectification import rectification_docx, report_title
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _business(request: HttpRequest) -> None:
    if not scope_of(request.user).is_business:
        raise NotFound("整改台账不存在或无权查看")


def _can_write(access, user, pk) -> bool:
    try:
        access(user, pk, write=True)
    except Forbidden:
        return False
    return True


# --- batches -----------------------------------------------------------------------------------------------------


def _batches(request: HttpRequest) -> tuple[BatchFilterForm, list[RectificationBatch]]:
    _business(request)
    form = BatchFilterForm(request.GET or None)
    rows = selectors.batch_list(request.user, form.filters())
    return form, rows


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    form, rows = _batches(request)
    printing = bool(request.GET.get("print"))
    if printing:
        page_obj, shown = None, rows[:PRINT_LIMIT]
    else:
        page_obj = Paginator(rows, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
        shown = page_obj.object_list
    context = {
        "form": form,
        "rows": selectors.with_report_states(shown, clock.today()),
        "page_obj": page_obj,
        "printing": printing,
        "can_keep": permissions.can_keep_rectification(request.user),
    }
    return render(request, "integrity/rectification.html", context)


@login_required
def batch_list_export(request: HttpRequest) -> HttpResponse:
    _, rows = _batches(request)
    return exports.batch_list_export(request, selectors.with_report_states(rows, clock.today()))


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.access_batch(request.user, pk)
    batch.report = selectors.report_state(batch, clock.today())
    progress = selectors.batch_progress(request.user, batch)
    can_keep = _can_write(permissions.access_batch, request.user, pk)
    context = {
        "batch": batch,
        "progress": progress,
        "can_keep": can_keep,
        "report_form": ReportForm()
        if can_keep and services.allows("report_submit", services.batch_state(batch))
        else None,
        "changes": changes_for(batch),
    }
    return render(request, "integrity/rectification_batch.html", context)


def _batch_form(request: HttpRequest, batch: RectificationBatch, title: str) -> HttpResponse:
    form = BatchForm(request.POST or None, instance=batch, people=selectors.people_choices(request.user))
    return form_page(
        request,
        form,
        title=title,
        save=lambda: services.batch_save(batch=form.instance, by=request.user),
        success=lambda b: f"已保存整改批次：{b}",
        then=lambda b: reverse("integrity_rectification_batch", args=[b.pk]),
        template="integrity/rectification_form.html",
        context={"back": reverse("integrity_rectification")},
    )


@login_required
def batch_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_rectification(request.user):
        raise Forbidden(services.KEEPER_ONLY)
    batch = RectificationBatch(organ_id=scope_of(request.user).organ_id, feedback_on=clock.today())
    return _batch_form(request, batch, "新增整改批次")


@login_required
def batch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _batch_form(request, permissions.access_batch(request.user, pk, write=True), "修改整改批次")


@login_required
@require_POST
def batch_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.access_batch(request.user, pk, write=True)
    form = ReportForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return post_action(
        request,
        do=lambda: services.batch_report_submit(
            batch=batch,
            submitted_on=data.get("submitted_on"),
            report_no=data.get("report_no", ""),
            by=request.user,
            request=request,
        ),
        success=lambda b: f"已登记整改报告报送：{b.report_no}",
        then=reverse("integrity_rectification_batch", args=[pk]),
    )


@login_required
def batch_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.access_batch(request.user, pk)
    return exports.batch_ledger(request, batch, selectors.problems_of(request.user, batch))


@login_required
def batch_word(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.access_batch(request.user, pk)
    data = rectification_docx(batch, selectors.problems_of(request.user, batch), clock.today())
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report_title(batch) + '.docx')}"
    return response


# --- problems ----------------------------------------------------------------------------------------------------


@login_required
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.access_problem(request.user, pk)
    refusal = services.close_refusal(request.user, problem)
    is_leader = permissions.can_close_problems(request.user)
    context = {
        "problem": problem,
        "batch": problem.batch,
        **selectors.problem_detail(request.user, problem),
        "can_keep": _can_write(permissions.access_problem, request.user, pk),
        "close_refusal": refusal if is_leader else "",
        "close_form": CloseForm() if is_leader and not refusal else None,
        "reopen_form": ReopenForm() if is_leader and problem.status == services.CLOSED else None,
        "changes": changes_for(problem),
    }
    return render(request, "integrity/rectification_problem.html", context)


def _problem_form(request: HttpRequest, problem: RectificationProblem, title: str) -> HttpResponse:
    form = ProblemForm(
        request.POST or None,
        instance=problem,
        people=selectors.people_choices(request.user),
        units=selectors.unit_choices(request.user),
    )
    return form_page(
        request,
        form,
        title=title,
        save=lambda: services.problem_save(problem=form.instance, by=request.user),
        success=lambda p: f"已保存：{p}",
        then=lambda p: reverse("integrity_rectification_problem", args=[p.pk]),
        template="integrity/rectification_form.html",
        context={"back": reverse("integrity_rectification_batch", args=[problem.batch_id])},
    )


@login_required
def problem_new(request: HttpRequest, pk: int) -> HttpResponse:
    batch = permissions.access_batch(request.user, pk, write=True)
    following = (
        RectificationProblem.objects.filter(batch=batch).order_by("-number").values_list("number", flat=True).first()
        or 0
    ) + 1
    problem = RectificationProblem(organ_id=batch.organ_id, batch=batch, number=following)
    return _problem_form(request, problem, f"{batch}：新增问题")


@login_required
def problem_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_form(request, permissions.access_problem(request.user, pk, write=True), "修改整改问题")


@login_required
@require_POST
def problem_close(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.access_problem(request.user, pk)
    form = CloseForm(request.POST)
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    return post_action(
        request,
        do=lambda: services.problem_close(problem=problem, by=request.user, note=note, request=request),
        success=lambda p: f"已销号：{p}",
        then=reverse("integrity_rectification_problem", args=[pk]),
    )


@login_required
@require_POST
def problem_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.access_problem(request.user, pk)
    reason = request.POST.get("reason", "")
    return post_action(
        request,
        do=lambda: services.problem_reopen(problem=problem, by=request.user, reason=reason, request=request),
        success=lambda p: f"已重新打开：{p}",
        then=reverse("integrity_rectification_problem", args=[pk]),
    )


# --- measures and mechanisms -------------------------------------------------------------------------------------


def _measure_form(request: HttpRequest, measure: RectificationMeasure, title: str) -> HttpResponse:
    form = MeasureForm(
        request.POST or None,
        instance=measure,
        people=selectors.people_choices(request.user),
        units=selectors.unit_choices(request.user),
    )
    return form_page(
        request,
        form,
        title=title,
        save=lambda: services.measure_save(measure=form.instance, by=request.user),
        success=lambda m: "已保存整改措施",
        then=lambda m: reverse("integrity_rectification_measure", args=[m.pk]),
        template="integrity/rectification_form.html",
        context={"back": reverse("integrity_rectification_problem", args=[measure.problem_id])},
    )


@login_required
def measure_new(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.access_problem(request.user, pk, write=True)
    measure = RectificationMeasure(organ_id=problem.organ_id, problem=problem, unit=problem.unit, owner=problem.owner)
    return _measure_form(request, measure, f"{problem}：新增整改措施")


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = permissions.access_measure(request.user, pk)
    if not permissions.can_keep_rectification(request.user):
        raise Forbidden(services.KEEPER_ONLY)
    return _measure_form(request, measure, "修改整改措施")


@login_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = permissions.access_measure(request.user, pk)
    selectors.decorate(measure, clock.today(), selectors.measures_with_evidence([measure.pk]))
    can_report = permissions.can_report_measure(request.user, measure)
    form = None
    if can_report and services.allows("measure_complete", services.measure_state(measure)):
        form = CompletionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return post_action(
                request,
                do=lambda: services.measure_report(
                    measure=measure,
                    completed_on=form.cleaned_data["completed_on"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    request=request,
                ),
                success=lambda m: "已报告整改措施完成",
                then=reverse("integrity_rectification_measure", args=[pk]),
            )
    elif request.method == "POST":
        raise Forbidden("该整改措施不能再报告完成")
    context = {
        "measure": measure,
        "problem": measure.problem,
        "form": form,
        "can_keep": permissions.can_keep_rectification(request.user),
        "changes": changes_for(measure),
    }
    return render(request, "integrity/rectification_measure.html", context)


@login_required
def mechanism_new(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.access_problem(request.user, pk, write=True)
    mechanism = LongTermMechanism(organ_id=problem.organ_id, problem=problem)
    form = MechanismForm(request.POST or None, instance=mechanism)
    return form_page(
        request,
        form,
        title=f"{problem}：新增长效机制",
        save=lambda: services.mechanism_save(mechanism=form.instance, by=request.user),
        success=lambda m: f"已保存长效机制：{m}",
        then=lambda m: reverse("integrity_rectification_problem", args=[problem.pk]),
        template="integrity/rectification_form.html",
        context={"back": reverse("integrity_rectification_problem", args=[problem.pk])},
    )


@login_required
def mechanism_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mechanism = permissions.access_mechanism(request.user, pk, write=True)
    form = MechanismForm(request.POST or None, instance=mechanism)
    return form_page(
        request,
        form,
        title="修改长效机制",
        save=lambda: services.mechanism_save(mechanism=form.instance, by=request.user),
        success=lambda m: f"已保存长效机制：{m}",
        then=lambda m: reverse("integrity_rectification_problem", args=[mechanism.problem_id]),
        template="integrity/rectification_form.html",
        context={"back": reverse("integrity_rectification_problem", args=[mechanism.problem_id])},
    )


@login_required
def my_measures(request: HttpRequest) -> HttpResponse:
    _business(request)
    today = clock.today()
    rows = list(selectors.my_measures(request.user)[:PRINT_LIMIT])
    evidenced = selectors.measures_with_evidence([m.pk for m in rows])
    for measure in rows:
        selectors.decorate(measure, today, evidenced)
    return render(request, "integrity/rectification_mine.html", {"rows": rows})


ROUTES = [
    path("rectification/", batch_list, name="integrity_rectification"),
    path("rectification/export/", batch_list_export, name="integrity_rectification_export"),
    path("rectification/mine/", my_measures, name="integrity_rectification_mine"),
    path("rectification/new/", batch_new, name="integrity_rectification_batch_new"),
    path(
        "rectification/import/", import_views.import_page, {"page": IMPORT_PAGE}, name="integrity_rectification_import"
    ),
    path(
        "rectification/import/template/",
        import_views.import_template,
        {"page": IMPORT_PAGE},
        name="integrity_rectification_template",
    ),
    path("rectification/<int:pk>/", batch_detail, name="integrity_rectification_batch"),
    path("rectification/<int:pk>/edit/", batch_edit, name="integrity_rectification_batch_edit"),
    path("rectification/<int:pk>/report/", batch_report, name="integrity_rectification_batch_report"),
    path("rectification/<int:pk>/ledger/", batch_ledger, name="integrity_rectification_batch_export"),
    path("rectification/<int:pk>/word/", batch_word, name="integrity_rectification_batch_word"),
    path("rectification/<int:pk>/problems/new/", problem_new, name="integrity_rectification_problem_new"),
    path("rectification/problems/<int:pk>/", problem_detail, name="integrity_rectification_problem"),
    path("rectification/problems/<int:pk>/edit/", problem_edit, name="integrity_rectification_problem_edit"),
    path("rectification/problems/<int:pk>/close/", problem_close, name="integrity_rectification_problem_close"),
    path("rectification/problems/<int:pk>/reopen/", problem_reopen, name="integrity_rectification_problem_reopen"),
    path("rectification/problems/<int:pk>/measures/new/", measure_new, name="integrity_rectification_measure_new"),
    path(
        "rectification/problems/<int:pk>/mechanisms/new/", mechanism_new, name="integrity_rectification_mechanism_new"
    ),
    path("rectification/measures/<int:pk>/", measure_detail, name="integrity_rectification_measure"),
    path("rectification/measures/<int:pk>/edit/", measure_edit, name="integrity_rectification_measure_edit"),
    path("rectification/mechanisms/<int:pk>/edit/", mechanism_edit, name="integrity_rectification_mechanism_edit"),
]

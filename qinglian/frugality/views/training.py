"""Pages of the training ledger (培训费) at /frugality/training/: the list (year, month range, unit, category,
text) with its totals, print view, Excel export and import; one course with its cost lines, lectures, per
person-day figures against the standards, its compliance findings, evidence and history; the finance officer's
form (the course with its lines) and withdrawal.

Parse → access → service/selector → render: lists from `selectors.training` (`visible_to`), one course from
`access_course`, writes through `services.training`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.choices import BANNED_COSTS
from qinglian.frugality.exports import training as exports
from qinglian.frugality.forms.training import CourseForms, DeleteForm, TrainingFilterForm
from qinglian.frugality.importers.training import TRAINING_PAGE
from qinglian.frugality.models import TrainingCourse
from qinglian.frugality.permissions import access_course, can_keep_ledgers
from qinglian.frugality.selectors import training as selectors
from qinglian.frugality.services.training import REFUSAL, course_delete, course_save
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _courses(request: HttpRequest):
    form = TrainingFilterForm(request.GET or None, user=request.user)
    return form, selectors.course_list(request.user, **form.selector_args())


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    form, qs = _courses(request)
    context = {
        "form": form,
        "totals": selectors.course_totals(qs),
        "can_keep": can_keep_ledgers(request.user),
        "year": form.selector_args()["year"],
    }
    if "print" in request.GET:
        context.update(courses=list(qs[:PRINT_LIMIT]), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, courses=list(page.object_list))
    return render(request, "frugality/training_list.html", context)


@login_required
def training_export(request: HttpRequest) -> HttpResponse:
    form, qs = _courses(request)
    year = form.selector_args()["year"]
    rows = qs.prefetch_related("costs", "lectures").select_related("adhoc_approver", "plan_item__plan")
    return exports.training_xlsx(request, list(rows), f"{year}年培训费台账" if year else "培训费台账")


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = access_course(request.user, pk)
    context = {
        "course": course,
        "costs": list(course.costs.all()),
        "banned": BANNED_COSTS,
        "figures": selectors.course_figures(course),
        "can_keep": can_keep_ledgers(request.user),
        "delete_form": DeleteForm(),
        "changes": changes_for(course),
    }
    return render(request, "frugality/training_detail.html", context)


def _course_form(request: HttpRequest, course: TrainingCourse, title: str) -> HttpResponse:
    forms = CourseForms(request.POST or None, course=course, user=request.user)
    if request.method == "POST" and forms.is_valid():
        try:
            saved = course_save(
                course=forms.form.instance, costs=forms.cost_lines(), lectures=forms.lecture_lines(), by=request.user
            )
        except QinglianError as exc:
            forms.form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存培训：{saved.name}")
            return redirect("frugality_training_detail", pk=saved.pk)
    status = 400 if forms.is_bound and forms.errors else 200
    context = {"forms": forms, "form": forms.form, "title": title, "course": course}
    return render(request, "frugality/training_form.html", context, status=status)


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(REFUSAL)
    course = TrainingCourse(organ_id=scope_of(request.user).organ_id, start_on=clock.today(), end_on=clock.today())
    return _course_form(request, course, "登记培训")


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = access_course(request.user, pk, write=True)
    return _course_form(request, course, f"修改培训：{course.name}")


@login_required
@require_POST
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    course = access_course(request.user, pk, write=True)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("frugality_training_detail", pk=course.pk)
    try:
        course_delete(course=course, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("frugality_training_detail", pk=course.pk)
    messages.success(request, f"已删除培训：{course.name}")
    return redirect("frugality_training_list")


ROUTES = [
    path("training/", training_list, name="frugality_training_list"),
    path("training/export/", training_export, name="frugality_training_export"),
    path("training/import/", import_page, {"page": TRAINING_PAGE}, name="frugality_training_import"),
    path(
        "training/import/template/", import_template, {"page": TRAINING_PAGE}, name="frugality_training_import_template"
    ),
    path("training/new/", training_create, name="frugality_training_create"),
    path("training/<int:pk>/", training_detail, name="frugality_training_detail"),
    path("training/<int:pk>/edit/", training_edit, name="frugality_training_edit"),
    path("training/<int:pk>/delete/", training_delete, name="frugality_training_delete"),
]

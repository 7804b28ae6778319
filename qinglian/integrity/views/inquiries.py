"""Pages of the discipline and supervision proposals (纪检监察建议) and the letters of inquiry (谈话函询).

Proposals: the list (status, reply due, overdue) with its print view and Excel export, one proposal (its scan and
the reply as evidence, its history), the stationed group's form and Excel import (its registered writes:
`integrity_proposal_create`, `integrity_proposal_edit`, `integrity_proposal_import`, nav/inquiries.py; the import is
importers/proposals.py and records no reply) and the organ's reply form. Letters of inquiry: the list, one
letter and the party-affairs office's forms — dates and status only, never the content — and its Excel import
(importers/inquiries.py, core.importing: the export re-imports as it is).

Parse → access → service/selector → render. Lists start from `selectors.inquiries` (`visible_to`), one row from
`access_proposal` / `access_inquiry`; writes go through `services.inquiries`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.integrity.exports import inquiries as exports
from qinglian.integrity.forms.inquiries import (
    InquiryFilterForm,
    InquiryForm,
    InquiryReplyForm,
    ProposalFilterForm,
    ProposalForm,
    ProposalReplyForm,
)
from qinglian.integrity.importers.inquiries import INQUIRY_PAGE
from qinglian.integrity.importers.proposals import PROPOSAL_PAGE
from qinglian.integrity.models import DisciplineProposal, InquiryLetter
from qinglian.integrity.permissions import (
    access_inquiry,
    access_proposal,
    can_issue_proposals,
    can_keep_inquiries,
    can_reply_proposal,
)
from qinglian.integrity.selectors import inquiries as selectors
from qinglian.integrity.services.inquiries import (
    INQUIRY_ONLY,
    ISSUE_ONLY,
    REPLIED,
    REPLY_ONLY,
    inquiry_reply,
    inquiry_save,
    proposal_reply,
    proposal_save,
)
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
CONTENT_NOTE = "函询内容及回复内容由派驻纪检监察组保存，本系统只登记收到、签署意见和回复的日期及状态。"


# --- proposals ----------------------------------------------------------------------------------------------


def _proposals(request: HttpRequest):
    form = ProposalFilterForm(request.GET or None, user=request.user)
    return form, selectors.proposal_list(request.user, **form.selector_args())


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    form, qs = _proposals(request)
    context = {"form": form, "can_issue": can_issue_proposals(request.user)}
    if "print" in request.GET:
        context.update(proposals=selectors.with_states(request.user, list(qs[:PRINT_LIMIT])), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, proposals=selectors.with_states(request.user, list(page.object_list)))
    return render(request, "integrity/proposal_list.html", context)


@login_required
def proposal_export(request: HttpRequest) -> HttpResponse:
    _, qs = _proposals(request)
    return exports.proposals_xlsx(request, selectors.with_states(request.user, list(qs)))


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    selectors.with_states(request.user, [proposal])
    context = {
        "proposal": proposal,
        "can_edit": can_issue_proposals(request.user) and proposal.replied_on is None,
        "can_reply": can_reply_proposal(request.user, proposal),
        "changes": changes_for(proposal),
    }
    return render(request, "integrity/proposal_detail.html", context)


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    if not can_issue_proposals(request.user):
        raise Forbidden(ISSUE_ONLY)
    proposal = DisciplineProposal(organ_id=scope_of(request.user).organ_id, issued_on=clock.today())
    return _proposal_form(request, proposal)


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    if not can_issue_proposals(request.user):
        raise Forbidden(ISSUE_ONLY)
    if proposal.replied_on is not None:
        raise Forbidden(REPLIED)
    return _proposal_form(request, proposal)


def _proposal_form(request: HttpRequest, proposal: DisciplineProposal) -> HttpResponse:
    creating = proposal.pk is None
    form = ProposalForm(request.POST or None, instance=proposal, user=request.user)
    return form_page(
        request,
        form,
        title="登记纪检监察建议" if creating else f"修改纪检监察建议：{proposal.number}",
        save=lambda: proposal_save(proposal=form.instance, by=request.user),
        success=lambda saved: f"已保存：{saved.number}",
        then=lambda saved: reverse("integrity_proposal", args=[saved.pk]),
        template="integrity/proposal_form.html",
        context={"proposal": proposal},
    )


@login_required
def proposal_reply_page(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    if not can_reply_proposal(request.user, proposal):
        raise Forbidden(REPLY_ONLY)
    form = ProposalReplyForm(request.POST or None, proposal=proposal)
    return form_page(
        request,
        form,
        title=f"书面回复：{proposal.number}《{proposal.title}》",
        save=lambda: proposal_reply(proposal=proposal, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记书面回复：{saved.reply_no}",
        then=lambda saved: reverse("integrity_proposal", args=[saved.pk]),
        template="integrity/proposal_form.html",
        context={"proposal": proposal},
    )


# --- letters of inquiry -------------------------------------------------------------------------------------


@login_required
def inquiry_list(request: HttpRequest) -> HttpResponse:
    form = InquiryFilterForm(request.GET or None)
    qs = selectors.inquiry_list(request.user, **form.selector_args())
    page = paginate(request, qs)
    context = {
        "form": form,
        "page_obj": page,
        "letters": selectors.inquiry_states(request.user, list(page.object_list)),
        "can_keep": can_keep_inquiries(request.user),
        "content_note": CONTENT_NOTE,
    }
    return render(request, "integrity/inquiry_list.html", context)


@login_required
def inquiry_export(request: HttpRequest) -> HttpResponse:
    form = InquiryFilterForm(request.GET or None)
    qs = selectors.inquiry_list(request.user, **form.selector_args())
    return exports.inquiries_xlsx(request, selectors.inquiry_states(request.user, list(qs)))


@login_required
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_inquiry(request.user, pk)
    selectors.inquiry_states(request.user, [letter])
    context = {
        "letter": letter,
        "can_keep": can_keep_inquiries(request.user),
        "content_note": CONTENT_NOTE,
        "changes": changes_for(letter),
    }
    return render(request, "integrity/inquiry_detail.html", context)


@login_required
def inquiry_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_inquiries(request.user):
        raise Forbidden(INQUIRY_ONLY)
    letter = InquiryLetter(organ_id=scope_of(request.user).organ_id, received_on=clock.today())
    return _inquiry_form(request, letter)


@login_required
def inquiry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _inquiry_form(request, access_inquiry(request.user, pk, write=True))


def _inquiry_form(request: HttpRequest, letter: InquiryLetter) -> HttpResponse:
    creating = letter.pk is None
    form = InquiryForm(request.POST or None, instance=letter, user=request.user)
    return form_page(
        request,
        form,
        title="登记收到函询" if creating else "修改函询收到登记",
        save=lambda: inquiry_save(letter=form.instance, by=request.user),
        success=lambda saved: "已保存函询登记",
        then=lambda saved: reverse("integrity_inquiry", args=[saved.pk]),
        template="integrity/inquiry_form.html",
        context={"letter": letter, "content_note": CONTENT_NOTE},
    )


@login_required
def inquiry_reply_page(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_inquiry(request.user, pk, write=True)
    form = InquiryReplyForm(request.POST or None, letter=letter, user=request.user)
    return form_page(
        request,
        form,
        title="登记函询签署意见和回复日期",
        save=lambda: inquiry_reply(letter=letter, by=request.user, **form.cleaned_data),
        success=lambda saved: "已登记回复日期",
        then=lambda saved: reverse("integrity_inquiry", args=[saved.pk]),
        template="integrity/inquiry_form.html",
        context={"letter": letter, "content_note": CONTENT_NOTE},
    )


ROUTES = [
    path("proposals/", proposal_list, name="integrity_proposals"),
    path("proposals/export/", proposal_export, name="integrity_proposals_export"),
    path("proposals/new/", proposal_create, name="integrity_proposal_create"),
    path("proposals/<int:pk>/", proposal_detail, name="integrity_proposal"),
    path("proposals/<int:pk>/edit/", proposal_edit, name="integrity_proposal_edit"),
    path("proposals/<int:pk>/reply/", proposal_reply_page, name="integrity_proposal_reply"),
    path("inquiries/", inquiry_list, name="integrity_inquiries"),
    path("inquiries/export/", inquiry_export, name="integrity_inquiries_export"),
    path("inquiries/import/", import_page, {"page": INQUIRY_PAGE}, name="integrity_inquiry_import"),
    path(
        "inquiries/import/template/",
        import_template,
        {"page": INQUIRY_PAGE},
        name="integrity_inquiry_import_template",
    ),
    # The group's import (a registered write, nav/inquiries.py); ProposalImport.may_import is can_issue_proposals.
    path("proposals/import/", import_page, {"page": PROPOSAL_PAGE}, name="integrity_proposal_import"),
    path(
        "proposals/import/template/",
        import_template,
        {"page": PROPOSAL_PAGE},
        name="integrity_proposal_import_template",
    ),
    path("inquiries/new/", inquiry_create, name="integrity_inquiry_create"),
    path("inquiries/<int:pk>/", inquiry_detail, name="integrity_inquiry"),
    path("inquiries/<int:pk>/edit/", inquiry_edit, name="integrity_inquiry_edit"),
    path("inquiries/<int:pk>/reply/", inquiry_reply_page, name="integrity_inquiry_reply"),
]

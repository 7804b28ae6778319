"""Pages for the Party organisation: branches and the leading Party group with its 分管."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.core.history import changes_for
from qinglian.org import exports, selectors
from qinglian.org.permissions import access_branch


@login_required
def branch_list(request: HttpRequest) -> HttpResponse:
    branches = selectors.branch_list(user=request.user)
    if request.GET.get("format") == "xlsx":
        return exports.branches_xlsx(request, branches)
    return render(request, "org/branch_list.html", {"branches": branches})


@login_required
def branch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    branch = access_branch(request.user, pk)
    members = selectors.person_list(user=request.user, branch_id=branch.pk, party_status="party")
    context = {
        "branch": branch,
        "committee": selectors.branch_committee(branch),
        "party_groups": branch.party_groups.select_related("leader"),
        "members": members,
        "changes": changes_for(branch),
    }
    return render(request, "org/branch_detail.html", context)


@login_required
def leading_group(request: HttpRequest) -> HttpResponse:
    members = list(selectors.leading_group(user=request.user))
    supervised: dict[int, list] = {}
    for row in selectors.current_supervisions(user=request.user):
        supervised.setdefault(row.leader_id, []).append(row.unit)
    rows = [{"member": m, "units": supervised.get(m.person_id, [])} for m in members]
    return render(request, "org/leading_group.html", {"rows": rows})

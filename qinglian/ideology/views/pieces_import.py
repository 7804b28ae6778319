"""Pages of the publication ledger in Excel: its export (every piece the user may see) and the import of the paper
ledger (补录纸质发布登记台账, the party-affairs office), on the core import pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from qinglian.core.importing.views import import_page, import_template
from qinglian.ideology.exports import pieces as exports
from qinglian.ideology.importers.pieces import PIECE_PAGE
from qinglian.ideology.models import Piece


@login_required
@require_GET
def piece_export(request: HttpRequest) -> HttpResponse:
    pieces = exports.ledger_pieces(Piece.objects.visible_to(request.user))
    return exports.pieces_xlsx(request, list(pieces))


ROUTES = [
    path("pieces/export/", piece_export, name="ideology_piece_export"),
    path("pieces/import/", import_page, {"page": PIECE_PAGE}, name="ideology_piece_import"),
    path("pieces/import/template/", import_template, {"page": PIECE_PAGE}, name="ideology_piece_import_template"),
]

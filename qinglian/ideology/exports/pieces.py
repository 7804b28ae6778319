"""Excel layout of the publication ledger (发布登记台账): every piece the user may see, signed here or copied from
paper, in the import's columns (importers/pieces.py) plus 序号 and 状态, which the import reads past — the export
re-imports as it is (its rows are already in the ledger: 无变化). `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.ideology.choices import ReviewDecision, SignoffSource, Stage
from qinglian.ideology.importers.pieces import ledger_columns
from qinglian.ideology.models import Piece, ProofRound, ReviewSignoff


def ledger_pieces(queryset: QuerySet[Piece]) -> QuerySet[Piece]:
    """The pieces with what a ledger row shows, in three queries whatever their number."""
    approvals = ReviewSignoff.objects.filter(decision=ReviewDecision.APPROVE).select_related("reviewer")
    return (
        queryset.select_related("outlet", "unit", "drafter")
        .prefetch_related(
            Prefetch("signoffs", queryset=approvals, to_attr="approvals"),
            Prefetch("proof_rounds", queryset=ProofRound.objects.select_related("proofreader").order_by("round")),
        )
        .order_by("published_on", "created_at", "pk")
    )


def piece_cells(piece: Piece) -> tuple:
    """One piece in the ledger's column order."""
    approvals = piece.approvals if hasattr(piece, "approvals") else _approvals(piece)
    signed = {s.stage: s for s in approvals}
    rounds = {r.round: r for r in piece.proof_rounds.all()}
    stages = []
    for stage in Stage:
        s = signed.get(stage)
        stages += [s.reviewer.name if s else "", s.signed_on if s else None]
    names = [rounds[n].proofreader.name for n in sorted(rounds)]
    return (
        piece.outlet.name,
        piece.get_kind_display(),
        piece.title,
        piece.unit.name,
        piece.drafter.name,
        "是" if piece.sensitive else "否",
        *stages,
        *(rounds[n].done_on if n in rounds else None for n in (1, 2, 3)),
        names[0] if len(set(names)) == 1 else "、".join(names),
        piece.published_on,
        piece.published_url,
    )


def piece_state(piece: Piece) -> str:
    label = piece.get_status_display()
    return f"{label}（{SignoffSource.PAPER.label}）" if piece.entry_source == SignoffSource.PAPER else label


def pieces_xlsx(request: HttpRequest, pieces: Iterable[Piece]) -> HttpResponse:
    columns = [Column("序号", 6), *ledger_columns([], []), Column("状态", 16)]
    rows = [(i, *piece_cells(piece), piece_state(piece)) for i, piece in enumerate(pieces, start=1)]
    return export_table(request, "发布登记台账", columns, rows)


def _approvals(piece: Piece) -> list[ReviewSignoff]:
    return list(piece.signoffs.filter(decision=ReviewDecision.APPROVE).select_related("reviewer"))

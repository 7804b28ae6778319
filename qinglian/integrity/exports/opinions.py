"""The Excel layouts of 党风廉政意见回复: the list (one row per request; rows the page already scoped with
`visible_to`, with their status and deadline from selectors.rows_of) and the replies per person (one row per person
of each issued reply — the layout importers/opinions.py reads, so that export re-imports as it is).
`export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.models import OpinionItem, OpinionRequest
from qinglian.integrity.selectors.opinions import RequestRow, conclusion_label

COLUMNS = [
    Column("序号", 6),
    Column("标题", 36),
    Column("事由", 12),
    Column("来函文号", 18),
    Column("送达日期", 12),
    Column("回复期限", 12),
    Column("状态", 12),
    Column("是否逾期", 8),
    Column("人员数", 8),
    Column("人员及拟任职务", 40),
    Column("回复文号", 22),
    Column("回复日期", 12),
    Column("回复意见", 40),
]


def _people(row: RequestRow) -> str:
    items = list(row.request.items.all())
    return "；".join(f"{i.person.name}（{i.proposed_post}）" if i.proposed_post else i.person.name for i in items)


def _answers(row: RequestRow) -> str:
    if row.request.replied_on is None:
        return ""
    return "；".join(f"{i.person.name}：{conclusion_label(i.conclusion)}" for i in row.request.items.all())


def opinions_xlsx(request: HttpRequest, rows: Sequence[RequestRow]) -> HttpResponse:
    table = [
        (
            n,
            r.request.title,
            r.request.get_purpose_display(),
            r.request.document_no,
            r.request.sent_on,
            r.due,
            r.status_label,
            "是" if r.overdue else "",
            r.people,
            _people(r),
            r.request.reply_no,
            r.request.replied_on,
            _answers(r),
        )
        for n, r in enumerate(rows, start=1)
    ]
    return export_table(request, "党风廉政意见征求", COLUMNS, table)


# --- replies per person (the import's layout) -----------------------------------------------------------------

REPLY_NO, REPLIED, SENT, PURPOSE, TITLE = "回复文号", "回复日期", "送达日期", "征求意见事由", "标题"
NAME, UNIT, POST, CONCLUSION, ANSWER = "姓名", "委室", "拟任职务/事项", "回复意见", "意见说明"
PEOPLE_TITLE = "党风廉政意见回复（按人员）"


def people_columns(*, purposes: Sequence[str] = (), conclusions: Sequence[str] = ()) -> list[Column]:
    """The columns of the per-person export and of the import's template (which adds the drop-downs)."""
    return [
        Column(
            REPLY_NO, 26, required=True, note="同一回复文号的各行为同一份回复，其回复日期、送达日期、事由、标题应一致"
        ),
        Column(REPLIED, 12, required=True, note="不能晚于今天"),
        Column(SENT, 12, required=True, note="征求函送达派驻纪检监察组的日期，不能晚于回复日期"),
        Column(PURPOSE, 16, required=True, choices=list(purposes)),
        Column(TITLE, 36, required=True, note="如：关于征求拟提拔人选党风廉政意见的函"),
        Column(NAME, 10, required=True, note="本机关干部姓名（不含派驻纪检监察组）"),
        Column(UNIT, 16, note="同名人员填写所在委室以区分"),
        Column(POST, 20),
        Column(CONCLUSION, 12, required=True, choices=list(conclusions)),
        Column(ANSWER, 40, note="回复意见为“有问题”的必填"),
    ]


def opinion_people_xlsx(request: HttpRequest, requests: QuerySet[OpinionRequest]) -> HttpResponse:
    """One row per person of each issued reply among `requests` (already scoped and filtered by the page)."""
    live = OpinionItem.objects.filter(deleted_at__isnull=True).select_related("person__unit").order_by("id")
    replied = (
        requests.filter(replied_on__isnull=False)
        .exclude(reply_no="")
        .prefetch_related(Prefetch("items", queryset=live))
        .order_by("replied_on", "id")
    )
    table = []
    for r in replied:
        for i in r.items.all():
            table.append(
                (
                    len(table) + 1,
                    r.reply_no,
                    r.replied_on,
                    r.sent_on,
                    r.get_purpose_display(),
                    r.title,
                    i.person.name,
                    i.person.unit.name if i.person.unit_id else "",
                    i.proposed_post,
                    conclusion_label(i.conclusion) if i.conclusion else "",
                    i.answer,
                )
            )
    return export_table(request, PEOPLE_TITLE, [Column("序号", 6), *people_columns()], table)

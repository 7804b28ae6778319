"""What the year's figures give beyond their counts: the rows behind one figure (its drill-down list) and the
paragraph for the annual report."""

from __future__ import annotations

from typing import Any

from qinglian.ideology.choices import OpinionLevel
from qinglian.ideology.models import Forum, OpinionEvent, Outlet, Piece, PoliticalOverride, ReportItem
from qinglian.ideology.selectors.figures import REPORT_KINDS, YearFigures

# What the rows behind each figure are (figure_rows fetches them): the key's prefix names the ledger.
ROW_KINDS = {
    "pieces": Piece,
    "caught": Piece,
    "overridden": PoliticalOverride,
    "outlets": Outlet,
    "forums": Forum,
    "reports": ReportItem,
    "opinion": OpinionEvent,
}


def figure_rows(user: Any, figures: YearFigures, key: str) -> list[Any]:
    """The rows behind one figure, as `user` may see them, in a stable order."""
    model = ROW_KINDS[key.split("_", 1)[0]]
    ids = figures.figure(key).ids
    if model is PoliticalOverride:
        rows = PoliticalOverride.objects.filter(pk__in=ids).select_related("version__piece__outlet", "by")
        return list(rows.order_by("at", "pk"))
    related = {
        Piece: ("outlet", "unit", "drafter"),
        Outlet: ("unit", "owner"),
        Forum: ("unit", "applicant"),
        ReportItem: ("responsible",),
        OpinionEvent: ("unit", "responsible"),
    }[model]
    return list(model.objects.visible_to(user).filter(pk__in=ids).select_related(*related))


# --- the paragraph for the annual report ------------------------------------------------------------------------


def summary_text(f: YearFigures) -> str:
    """One paragraph of the figures in the annual report's words (only the groups computed)."""
    c = f.count
    parts: list[str] = []
    names = {g.key for g in f.groups}
    if "pieces" in names:
        short = c("pieces_short_reviewed")
        text = f"审核稿件{c('pieces_reviewed')}篇，发布稿件{c('pieces_published')}篇"
        text += f"（其中{short}篇未经三个不同的人审核）" if short else "，均经三审"
        parts.append(text)
        text = f"审校发现并在发布前纠正错误{c('caught_total')}处，其中政治性错误{c('caught_political')}处"
        if c("overridden"):
            text += f"，终审人说明理由放行政治性问题{c('overridden')}处"
        parts.append(text)
    if "outlets" in names:
        when = "年末" if not f.current else f"截至{f.day.month}月{f.day.day}日"
        text = f"{when}在用意识形态阵地{c('outlets_open')}个，其中网络阵地{c('outlets_online')}个"
        if f.silent_days is not None and c("outlets_online"):
            silent = c("outlets_silent")
            text += f"，{silent}个连续{f.silent_days}天以上未更新" if silent else "，均正常更新"
        parts.append(text)
    if "forums" in names:
        text = f"落实“一会一报”，报备论坛、讲座、报告会、研讨会{c('forums_filed')}场"
        text += f"，举办前完成审批{c('forums_approved')}场"
        if c("forums_foreign"):
            text += f"，其中有境外人员参加的{c('forums_foreign')}场"
        parts.append(text)
    if "reports" in names:
        done = [
            f"{label}{c(f'reports_{kind}_done')}次（计划{c(f'reports_{kind}_planned')}次）"
            for kind, label in REPORT_KINDS
        ]
        parts.append("，".join(done))
    if "opinion" in names:
        levels = "、".join(
            f"{level.label}{c(f'opinion_{level}')}起"
            for level in (OpinionLevel.MAJOR, OpinionLevel.SERIOUS, OpinionLevel.GENERAL)
        )
        parts.append(
            f"登记舆情事件{c('opinion_total')}起（{levels}），向上级报告{c('opinion_reported')}起，"
            f"已办结{c('opinion_closed')}起"
        )
    return f"{f.year}年{f.period}，" + "；".join(parts) + "。" if parts else ""

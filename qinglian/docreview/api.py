"""`POST /api/proofread` (text or a file → issues) and `GET /api/proofread/{id}` (own checks only).

Both list the errors; `?include_suggestions=1` adds the suggestions (findings below confidence 0.8), which
the page folds away too. Each issue keeps its index in the check, so decisions stay addressable.

The same services and permissions as the pages. The body is parsed here rather than by a schema because
one endpoint takes either JSON or multipart, and because the upload's size limit must be in place before
anything (including the session's CSRF check) reads the body.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from qinglian.core.api import ERRORS, ErrorOut
from qinglian.core.errors import InvalidInput
from qinglian.docreview import runner, services
from qinglian.docreview.choices import MinSeverity
from qinglian.docreview.forms import parse_document_date
from qinglian.docreview.highlight import is_error
from qinglian.docreview.models import DocumentCheck
from qinglian.docreview.permissions import access_check
from qinglian.evidence.uploads import limit_uploads

router = Router(tags=["公文审校"])


class IssueOut(Schema):
    index: int
    start: int
    end: int
    text: str
    category: str = Field(..., description="政治/事实/格式/文字/标点/数字")
    severity: str = Field(..., description="错误/建议")
    message: str
    suggestion: str | None = Field(None, description="建议写法；空字符串表示删除；null 表示无机械修改")
    rule: str = Field(..., description="规则编号，如 PUNC-001")
    basis: str = Field(..., description="依据：知识库条目或规则的出处（文件及条款）")
    entry: str = Field("", description="知识库条目编号（提法库等），规则本身的发现为空")
    confidence: float | None = Field(None, description="置信度 0–1：≥0.8 为错误，以下为建议；早先的记录为 null")
    paragraph: int | None = None
    decision: str = Field("", description="accepted/ignored/空")


class CheckOut(Schema):
    check_id: int
    source: str
    file_name: str
    chars: int
    duration_ms: int
    document_date: dt.date | None = Field(None, description="提交时填写的成文日期；未填为 null")
    counts: dict[str, Any] = Field(..., description="{severity: {错误: n, 建议: n}, category: {标点: n, …}}（含建议）")
    suggestions_included: bool = Field(..., description="issues 是否包含建议（?include_suggestions=1）")
    issues: list[IssueOut] = Field(..., description="默认只列错误；加 ?include_suggestions=1 同时列出建议")


def _limited(run: Callable[..., Any]) -> Callable[..., Any]:
    """Install the upload size limit before ninja's auth (whose CSRF check reads request.POST) runs."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.content_type == "multipart/form-data":
            request._docreview_limiter = limit_uploads(request, runner.max_bytes())  # type: ignore[attr-defined]
        return run(request, *args, **kwargs)

    return wrapper


def _out(check: DocumentCheck, include_suggestions: bool) -> dict[str, Any]:
    decisions = check.decisions
    issues = [
        {"entry": "", "confidence": None, **issue, "index": n, "decision": decisions.get(str(n), "")}
        for n, issue in enumerate(check.issues)
        if include_suggestions or is_error(issue)
    ]
    severity = {"错误": check.error_count, "建议": check.suggestion_count}
    counts = {"severity": severity, "category": check.category_counts}
    return {
        "check_id": check.pk,
        "source": check.source,
        "file_name": check.file_name,
        "chars": check.chars,
        "duration_ms": check.duration_ms,
        "document_date": check.document_date,
        "counts": counts,
        "suggestions_included": include_suggestions,
        "issues": issues,
    }


def _severity(value: Any) -> str:
    value = str(value or MinSeverity.SUGGESTION)
    if value not in MinSeverity.values:
        raise InvalidInput("min_severity 只能是“错误”或“建议”", detail={"min_severity": value})
    return value


def _document_date(value: Any) -> dt.date | None:
    try:
        return parse_document_date(value)
    except ValueError as exc:
        raise InvalidInput(
            str(exc), detail={"document_date": value if isinstance(value, str) else repr(value)}
        ) from None


def _from_multipart(request: HttpRequest) -> DocumentCheck:
    limiter = getattr(request, "_docreview_limiter", None)
    upload = request.FILES.get("file")
    if limiter is not None and limiter.exceeded:
        raise runner.TooLarge(runner.too_big_message(limiter.limit))
    severity = _severity(request.POST.get("min_severity"))
    when = _document_date(request.POST.get("document_date"))
    if upload is None:
        text = request.POST.get("text", "")
        return services.check_run(user=request.auth_user, text=text, min_severity=severity, document_date=when)  # type: ignore[attr-defined]
    return services.check_run(
        user=request.auth_user,  # type: ignore[attr-defined]
        data=upload.read(),
        file_name=upload.name,  # type: ignore[attr-defined]
        min_severity=severity,
        document_date=when,
    )


def _from_json(request: HttpRequest) -> DocumentCheck:
    try:
        body = json.loads(request.body or b"{}")
    except RequestDataTooBig:
        raise runner.TooLarge(runner.too_big_message()) from None
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("请求体无法解析，请提交有效的 JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("text", ""), str):
        raise InvalidInput('请提交 {"text": "……"}，或以 multipart 上传文件（字段名 file）')
    severity = _severity(body.get("min_severity"))
    when = _document_date(body.get("document_date"))
    return services.check_run(
        user=request.auth_user,  # type: ignore[attr-defined]
        text=body.get("text", ""),
        min_severity=severity,
        document_date=when,
    )


INCLUDE_SUGGESTIONS = Query(False, description="1/true：同时列出建议（置信度低于 0.8 的发现）；默认只列错误")


@router.post("", response={200: CheckOut, 413: ErrorOut, **ERRORS}, summary="校对一段文字或一个文件")
@decorate_view(_limited)
def proofread_create(request: HttpRequest, include_suggestions: bool = INCLUDE_SUGGESTIONS) -> dict[str, Any]:
    """JSON `{"text": "…", "min_severity": "建议", "document_date": "2025-03-05"}`，或 multipart 上传 `file`
    （.docx/.txt，可带 `min_severity`、`document_date`）。

    `document_date` 为可选的成文日期（2025-03-05 或 2025年3月5日），据此判断机构名称、会议届次在成文时是否
    正确；不填时取文中落款日期，没有则取今天。

    返回的 `issues` 默认只有错误（置信度 ≥ 0.8）；建议（置信度较低、可能并无问题）在查询参数
    `?include_suggestions=1` 时一并列出。`counts` 总是包含两者。每条问题带规则编号 `rule`、知识库条目
    `entry` 和依据 `basis`，便于判断。

    空内容、非 .docx 的改名文件、加密或损坏的文档、压缩炸弹、不是日期的 `document_date` 返回 400，且不保存；
    超过大小上限返回 413。
    """
    if request.content_type == "multipart/form-data":
        check = _from_multipart(request)
    else:
        check = _from_json(request)
    return _out(check, include_suggestions)


@router.get("/{check_id}", response={200: CheckOut, **ERRORS}, summary="一条校对记录")
def proofread_detail(
    request: HttpRequest, check_id: int, include_suggestions: bool = INCLUDE_SUGGESTIONS
) -> dict[str, Any]:
    """本人的校对记录（机关党委专责人员可查看本机关的）；其他返回 404。默认只列错误，`?include_suggestions=1`
    时一并列出建议。"""
    return _out(access_check(request.auth_user, check_id), include_suggestions)  # type: ignore[attr-defined]

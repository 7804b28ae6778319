"""`POST /api/proofread` (text or a file → issues) and `GET /api/proofread/{id}` (own checks only).

The same services and permissions as the pages. The body is parsed here rather than by a schema because
one endpoint takes either JSON or multipart, and because the upload's size limit must be in place before
anything (including the session's CSRF check) reads the body.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view

from qinglian.core.api import ERRORS, ErrorOut
from qinglian.core.errors import InvalidInput
from qinglian.docreview import runner, services
from qinglian.docreview.choices import MinSeverity
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
    rule: str
    basis: str
    paragraph: int | None = None
    decision: str = Field("", description="accepted/ignored/空")


class CheckOut(Schema):
    check_id: int
    source: str
    file_name: str
    chars: int
    duration_ms: int
    counts: dict[str, Any] = Field(..., description="{severity: {错误: n, 建议: n}, category: {标点: n, …}}")
    issues: list[IssueOut]


def _limited(run: Callable[..., Any]) -> Callable[..., Any]:
    """Install the upload size limit before ninja's auth (whose CSRF check reads request.POST) runs."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.content_type == "multipart/form-data":
            request._docreview_limiter = limit_uploads(request, runner.max_bytes())  # type: ignore[attr-defined]
        return run(request, *args, **kwargs)

    return wrapper


def _out(check: DocumentCheck) -> dict[str, Any]:
    decisions = check.decisions
    issues = [{**issue, "index": n, "decision": decisions.get(str(n), "")} for n, issue in enumerate(check.issues)]
    severity = {"错误": check.error_count, "建议": check.suggestion_count}
    counts = {"severity": severity, "category": check.category_counts}
    return {
        "check_id": check.pk,
        "source": check.source,
        "file_name": check.file_name,
        "chars": check.chars,
        "duration_ms": check.duration_ms,
        "counts": counts,
        "issues": issues,
    }


def _severity(value: Any) -> str:
    value = str(value or MinSeverity.SUGGESTION)
    if value not in MinSeverity.values:
        raise InvalidInput("min_severity 只能是“错误”或“建议”", detail={"min_severity": value})
    return value


def _from_multipart(request: HttpRequest) -> DocumentCheck:
    limiter = getattr(request, "_docreview_limiter", None)
    upload = request.FILES.get("file")
    if limiter is not None and limiter.exceeded:
        raise runner.TooLarge(runner.too_big_message(limiter.limit))
    severity = _severity(request.POST.get("min_severity"))
    if upload is None:
        text = request.POST.get("text", "")
        return services.check_run(user=request.auth_user, text=text, min_severity=severity)  # type: ignore[attr-defined]
    return services.check_run(
        user=request.auth_user,
        data=upload.read(),
        file_name=upload.name,  # type: ignore[attr-defined]
        min_severity=severity,
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
    return services.check_run(user=request.auth_user, text=body.get("text", ""), min_severity=severity)  # type: ignore[attr-defined]


@router.post("", response={200: CheckOut, 413: ErrorOut, **ERRORS}, summary="校对一段文字或一个文件")
@decorate_view(_limited)
def proofread_create(request: HttpRequest) -> dict[str, Any]:
    """JSON `{"text": "…", "min_severity": "建议"}`，或 multipart 上传 `file`（.docx/.txt，可带 `min_severity`）。

    空内容、非 .docx 的改名文件、加密或损坏的文档、压缩炸弹返回 400；超过大小上限返回 413。
    """
    if request.content_type == "multipart/form-data":
        check = _from_multipart(request)
    else:
        check = _from_json(request)
    return _out(check)


@router.get("/{check_id}", response={200: CheckOut, **ERRORS}, summary="一条校对记录")
def proofread_detail(request: HttpRequest, check_id: int) -> dict[str, Any]:
    """本人的校对记录（机关党委专责人员可查看本机关的）；其他返回 404。"""
    return _out(access_check(request.auth_user, check_id))  # type: ignore[attr-defined]

"""What every request must be before a view sees it, and what every response carries: one middleware instead
of a check in each view (issue #13, 等保 8.1.4.x 输入验证 and 剩余信息保护).

Before the view (`RequestHygieneMiddleware.__call__`), in this order:
1. a body over the limit is refused with 413 (DATA_UPLOAD_MAX_MEMORY_SIZE for forms and JSON,
   QINGLIAN_REQUEST_MAX_BYTES for multipart uploads), read from Content-Length before a byte is parsed;
2. a multipart body without a valid boundary is refused with 400;
3. a NUL in a query parameter, a form field or a JSON string is refused (400 on pages, 422 on the API) and
   nothing is saved; other C0 control characters (not tab, line feed, carriage return) are removed from form
   fields and JSON strings, which the views then read as if typed without them;
4. a date (a whole value written 2026-01-05, 2026/1/5, 2026年1月5日 or an ISO date-time) outside
   EARLIEST_DATE…LATEST_DATE is refused the same way.
Multipart fields get the same treatment at the view (`process_view`), and only for views the CSRF check reads
anyway: a view exempt from it (an upload that puts its own size limit first, evidence.uploads; the API) parses
its body itself, after its limit is in place. Django's form fields refuse a NUL by themselves there.

At the view (`process_view`): an integer in the path (an id, or a `year`) out of range answers 404 instead of
reaching the database (SQLite cannot hold a Python int past 2**63; PostgreSQL's integer columns stop at 2**31).

After the view: `Cache-Control: no-store` (Django's never-cache headers) on every response of the application, so
a page, an API answer or an export with personal data is not kept by a browser or proxy. Static files are served
by WhiteNoise before this middleware and stay cacheable.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.http import parse_header_parameters

from qinglian.core.http import MAX_ID

# A date before or after these is a typo (0202 for 2020) or a probe: refused on input, never stored.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)

# C0 controls except tab, line feed and carriage return (what openpyxl and XML refuse as well).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE = re.compile(
    r"(\d{4})(?:"
    r"-\d{1,2}-\d{1,2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"  # 2026-01-05, ISO date-time
    r"|/\d{1,2}/\d{1,2}"  # 2026/1/5
    r"|年\d{1,2}月\d{1,2}日"  # 2026年1月5日
    r")"
)
_API_PREFIX = "/api/"
logger = logging.getLogger("qinglian.hygiene")


class Refused(Exception):
    """A request refused before the view: status, machine code and the Chinese message."""

    def __init__(self, status: int, code: str, message: str, *, api_status: int | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.api_status = api_status or status


class RequestHygieneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_body_size(request)
            clean_input(request)
        except Refused as refusal:
            response = refused_response(request, refusal)
        else:
            response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):  # a view that said no-store itself is left as is
            add_never_cache_headers(response)
        return response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict) -> Any:
        try:
            for name, value in view_kwargs.items():
                if not in_range(name, value):
                    raise Refused(404, "not_found", "所请求的内容不存在或无权查看")
            if not getattr(view_func, "csrf_exempt", False):
                clean_multipart(request)
        except Refused as refusal:
            return refused_response(request, refusal)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A body the view itself found too large or malformed, or a number no column holds (a form's choice of a
        row by a 25-digit id: SQLite raises OverflowError, PostgreSQL DataError). The API answers its own."""
        refusal = _parse_refusal(exception)
        if refusal is None and isinstance(exception, OverflowError | DataError):
            logger.warning("请求参数超出允许范围：%s %s：%s", request.method, request.path, exception)
            refusal = Refused(400, "invalid", "请求参数超出允许范围，请核对后重新提交", api_status=422)
        return refused_response(request, refusal) if refusal is not None else None


# --- the checks ---------------------------------------------------------------------------------------


def check_body_size(request: HttpRequest) -> None:
    """Refused(413) when Content-Length passes the limit for its kind; Refused(400) for a multipart body
    without a valid boundary (Django's parser would raise it later, from inside a view or the CSRF check)."""
    length = _content_length(request)
    content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    multipart = content_type == "multipart/form-data"
    limit = settings.QINGLIAN_REQUEST_MAX_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        megabytes = limit / (1024 * 1024)
        raise Refused(413, "too_large", f"请求内容过大（上限 {megabytes:.0f} MB），请减少内容或分批提交")
    if multipart and length and not MultiPartParser.boundary_re.match(params.get("boundary", "")):
        raise Refused(400, "bad_request", "上传内容格式有误（multipart 缺少有效的 boundary），请重新提交")


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        raise Refused(400, "bad_request", "请求头 Content-Length 有误") from None


def clean_input(request: HttpRequest) -> None:
    """Refuse NULs and implausible dates in the query, form fields and JSON strings; drop other controls."""
    _check_values(_query_values(request.GET))
    content_type = request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if content_type == "application/x-www-form-urlencoded":
        _clean_form(request)
    elif content_type == "application/json" or content_type.endswith("+json"):
        _clean_json(request)


def clean_multipart(request: HttpRequest) -> None:
    """A multipart form's fields checked and cleaned as `clean_input` does the others. Parsing happens here rather
    than in the CSRF check just after, so that a body too large or malformed gets our answer, not Django's."""
    if request.method != "POST" or not request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        return
    try:
        request.POST  # noqa: B018  # parses the body (files stream to the upload handlers)
    except Exception as exc:
        refusal = _parse_refusal(exc)
        if refusal is None:
            raise
        raise refusal from exc
    _clean_form(request)


def _parse_refusal(exc: Exception) -> Refused | None:
    if isinstance(exc, RequestDataTooBig):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        return Refused(413, "too_large", f"提交的表单内容过大（上限 {megabytes:.0f} MB），请减少内容后重试")
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return Refused(400, "bad_request", "提交的字段或文件过多，请分批提交")
    if isinstance(exc, MultiPartParserError):
        return Refused(400, "bad_request", "上传内容格式有误，请重新提交")
    return None


def _query_values(data: QueryDict) -> Iterator[str]:
    for key, values in data.lists():
        yield key
        yield from values


def _check_values(values: Iterator[str]) -> None:
    for value in values:
        if "\x00" in value:
            raise Refused(400, "invalid", "提交的内容含有不允许的空字符（NUL），未作任何修改", api_status=422)
        _check_date(value)


def _check_date(value: str) -> None:
    match = _DATE.fullmatch(value.strip()) if len(value) <= 40 else None
    if match is None:
        return
    year = int(match.group(1))
    if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
        raise Refused(
            400,
            "invalid",
            f"日期“{value.strip()}”超出合理范围（{EARLIEST_DATE.year}年至{LATEST_DATE.year}年），请核对后重新填写",
            api_status=422,
        )


def _clean_form(request: HttpRequest) -> None:
    posted = request.POST  # a multipart body's files stay in request.FILES, untouched
    _check_values(_query_values(posted))
    if not any(_CONTROL.search(v) for v in _query_values(posted)):
        return
    cleaned = QueryDict(mutable=True)
    for key, values in posted.lists():
        cleaned.setlist(strip_controls(key), [strip_controls(v) for v in values])
    cleaned._mutable = False
    request._post = cleaned  # type: ignore[attr-defined]  # what request.POST answers from now on


def _clean_json(request: HttpRequest) -> None:
    try:
        data = json.loads(request.body)
    except ValueError:
        return  # not JSON: the API answers its own 400
    _check_values(_json_strings(data))
    cleaned = _strip_json(data)
    if cleaned != data:
        body = json.dumps(cleaned, ensure_ascii=False).encode()
        request._body = body  # type: ignore[attr-defined]
        request._stream = BytesIO(body)  # type: ignore[attr-defined]


def _json_strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def _strip_json(data: Any) -> Any:
    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, dict):
        return {strip_controls(k): _strip_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strip_json(v) for v in data]
    return data


def strip_controls(text: str) -> str:
    """`text` without C0 control characters other than tab, line feed and carriage return."""
    return _CONTROL.sub("", text)


def in_range(name: str, value: Any) -> bool:
    """Whether a path parameter that is a number is one the database can be asked about: a `year` within the
    plausible dates (EARLIEST_DATE…LATEST_DATE; a page may narrow it with its own message), any other number
    0…MAX_ID. The API's path parameters arrive as text; a text
    parameter with a NUL is out of range too."""
    if isinstance(value, str):
        if "\x00" in value:  # no code or name holds one, and PostgreSQL refuses to compare with it
            return False
        if not (value.isascii() and value.isdigit()):
            return True
        if len(value) > 12:
            return False
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return True
    if name == "year":
        return EARLIEST_DATE.year <= value <= LATEST_DATE.year
    return 0 <= value <= MAX_ID


# --- the answer -----------------------------------------------------------------------------------------


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(_API_PREFIX)


def refused_response(request: HttpRequest, refusal: Refused) -> HttpResponse:
    """The API's error body (`{code, message, detail}`) under /api/, a Chinese page elsewhere.

    The page does not extend the site's layout: a refusal may come before the session and the account are
    known, and the layout's context needs them."""
    if is_api(request):
        body = {"code": refusal.code, "message": refusal.message, "detail": None}
        return JsonResponse(body, status=refusal.api_status, json_dumps_params={"ensure_ascii": False})
    html = render_to_string("core/refused.html", {"status": refusal.status, "message": refusal.message})
    return HttpResponse(html, status=refusal.status)

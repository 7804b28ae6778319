"""The JSON API of Qinglian, mounted at /api/ (OpenAPI docs at /api/docs).

- Auth: a bearer token (`Authorization: Bearer ql_…`) for integrations, or the browser's session with CSRF.
  Either sets `request.auth_user`; endpoints scope every read with `Model.objects.visible_to(request.auth_user)`
  and every single object with `permissions.access_*`, exactly as the pages do.
- Errors: always `{"code", "message", "detail"}` with a Chinese message, never a traceback.
- Lists: `Pagination` (`page`, `page_size` ≤ 200) answering `{items, count, page, page_size}`.

Apps declare their routers on their AppConfig (`api_routers`); they are mounted when the URLs (or the OpenAPI
schema) are first built, so an app's api module may import `ERRORS` and `Pagination` from here.
"""

import logging
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.db import DataError, InterfaceError, OperationalError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.module_loading import import_string
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PaginationBase
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from qinglian.core import hooks
from qinglian.core.appconfig import qinglian_configs
from qinglian.core.errors import InvalidInput, QinglianError
from qinglian.core.middleware import UNAVAILABLE_MESSAGE, database_unavailable

logger = logging.getLogger("qinglian.api")

MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000  # 20 million rows at the largest page size; past it the offset is a probe, not a reader


# --- authentication ----------------------------------------------------------------------------


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ql_…` for integrations. No CSRF: the browser never sends this header by itself."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        # An expired token (QINGLIAN_API_TOKEN_DAYS) is refused like a wrong one, before it counts as used.
        user = None if hooks.api_token_expired(token) else hooks.api_token_user(token)
        if user is None:
            # A token was presented and is wrong, revoked or expired: answer 401, do not fall back to the session.
            raise AuthenticationError()
        request.auth_user = user  # type: ignore[attr-defined]
        return user


class SessionCsrfAuth(SessionAuth):
    """ninja's `django_auth` (the Django session, CSRF checked on unsafe methods), also setting `auth_user`."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None:
            request.auth_user = user  # type: ignore[attr-defined]
        return user


token_auth = TokenAuth()
session_auth = SessionCsrfAuth(csrf=True)


class QinglianAPI(NinjaAPI):
    """A NinjaAPI that mounts the apps' routers (their AppConfig's `api_routers`) when the URLs (or the
    OpenAPI schema) are first built.

    An app's api module imports `ERRORS` and `Pagination` from here; mounting it lazily means that module may
    be imported first (e.g. by a test) without a circular import.
    """

    _apps_mounted = False

    def _get_bound_routers(self) -> list[Any]:
        if not self._apps_mounted:
            self._apps_mounted = True
            for config in qinglian_configs():
                for prefix, path in config.api_routers.items():
                    self.add_router(prefix, import_string(path))
        return super()._get_bound_routers()


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON as it is read: 中文 rather than \\uXXXX escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = QinglianAPI(
    title="清廉 API",
    version="1",
    description="市人大常委会机关全面从严治党、党风廉政建设和意识形态工作责任制管理系统的数据接口。"
    "数据范围与页面一致：每个账号只能看到其角色可见的记录。",
    urls_namespace="api",
    docs_url="/docs",
    # The schema names every field of every ledger: the docs and openapi.json are for signed-in accounts only.
    docs_decorator=login_required,
    renderer=ChineseJSONRenderer(),
    # The token comes first: the session's CSRF check would otherwise reject a token-authenticated POST.
    auth=[token_auth, session_auth],
)


# --- error body --------------------------------------------------------------------------------


class ErrorOut(Schema):
    code: str = Field(..., description="机器可读的错误代码，如 not_found、forbidden、invalid")
    message: str = Field(..., description="中文错误说明")
    detail: Any = Field(None, description="补充信息，如各字段的问题")


ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}

_HTTP_MESSAGES = {
    400: ("bad_request", "请求有误"),
    401: ("unauthenticated", "请先登录或提供有效的令牌"),
    403: ("forbidden", "无权执行此操作"),
    404: ("not_found", "所请求的内容不存在或无权查看"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("too_large", "请求内容过大，请减少内容或分批提交"),
    429: ("throttled", "请求过于频繁，请稍后再试"),
}


def error_response(request: HttpRequest, status: int, code: str, message: str, detail: Any = None) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "detail": detail}, status=status)


@api.exception_handler(QinglianError)
def _on_qinglian_error(request: HttpRequest, exc: QinglianError) -> HttpResponse:
    if exc.status == 403:
        _audit_denied(request, exc.message)
    return error_response(request, exc.status, exc.code, exc.message, exc.detail)


def _audit_denied(request: HttpRequest, message: str) -> None:
    hooks.audit_denied(request, message)


def _plain_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only location, message and type: pydantic's `input`/`ctx` may echo personal data or not be JSON."""
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")} for e in errors]


@api.exception_handler(ValidationError)
def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(request, 422, "invalid", "请求参数有误", _plain_errors(exc.errors))


@api.exception_handler(AuthenticationError)
def _on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthenticated", "请先登录或提供有效的令牌")


@api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in exc.message:
        return error_response(request, 403, "csrf_failed", "CSRF 校验失败：请刷新页面后重试，接口集成请使用令牌")
    if exc.status_code == 400 and "parse" in exc.message:
        return error_response(request, 400, "bad_request", "请求体无法解析，请提交有效的 JSON")
    code, message = _HTTP_MESSAGES.get(exc.status_code, ("error", "请求无法处理"))
    return error_response(request, exc.status_code, code, message)


@api.exception_handler(Http404)
def _on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", "所请求的内容不存在或无权查看")


@api.exception_handler(ObjectDoesNotExist)
def _on_does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
    return error_response(request, 404, "not_found", "所请求的内容不存在或无权查看")


@api.exception_handler(PermissionDenied)
def _on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    _audit_denied(request, "无权执行此操作")
    return error_response(request, 403, "forbidden", "无权执行此操作")


# Bad input that reached Python or the database: a number no column can hold (SQLite raises OverflowError past
# 2**63, PostgreSQL DataError for integer out of range or a NUL), a body past the limit, a malformed multipart.
# core.hygiene refuses most of it before the view; these answer what gets through, never with a 500.
@api.exception_handler(OverflowError)
def _on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    return error_response(request, 422, "invalid", "请求参数超出允许范围")


@api.exception_handler(DataError)
def _on_data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
    logger.warning("API 请求的数据无法写入或查询：%s %s：%s", request.method, request.path, exc)
    return error_response(request, 422, "invalid", "请求参数超出允许范围或含有不允许的字符")


@api.exception_handler(RequestDataTooBig)
def _on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, "too_large", "请求内容过大，请减少内容或分批提交")


@api.exception_handler(MultiPartParserError)
def _on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return error_response(request, 400, "bad_request", "上传内容格式有误，请重新提交")


# The database went away (or is locked): 503 with Retry-After, one log line per interval (core/middleware.py).
@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    body = error_response(request, 503, "service_unavailable", UNAVAILABLE_MESSAGE)
    return database_unavailable(request, exc, json=body)


@api.exception_handler(Exception)
def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API 请求出错：%s %s", request.method, request.path)
    return error_response(request, 500, "server_error", "服务器内部错误，请稍后重试；如持续出现请联系系统管理员")


# --- pagination --------------------------------------------------------------------------------


class Pagination(PaginationBase):
    """`?page=2&page_size=50` → `{items, count, page, page_size}`; page_size is at most 200."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从 1 开始")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，最多 {MAX_PAGE_SIZE}")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        start = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[start : start + pagination.page_size],
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }


# --- what every app's endpoints share --------------------------------------------------------------


class Ref(Schema):
    """A row named by its id and name (a unit, a person, a branch): one schema for every app, so the OpenAPI
    document has one `Ref` rather than four that overwrite each other."""

    id: int
    name: str


def auth_user(request: HttpRequest) -> Any:
    """The account behind the request (token or session), set by the API's authentication."""
    return request.auth_user  # type: ignore[attr-defined]


def reference(queryset: QuerySet, pk: int | None, field: str, noun: str) -> Any:
    """A row named in the request body: must be one the caller may see (`queryset` is already scoped), else
    400 on that field."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        message = f"{noun}不存在或无权查看"
        raise InvalidInput(message, detail={field: message})
    return found

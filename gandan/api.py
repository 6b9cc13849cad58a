"""The JSON API: /api/v1/…, OpenAPI docs at /api/docs. Every error is JSON with a stable code and a Vietnamese
message (the request's language), never a 500 for input a person can type."""

from importlib import import_module

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gandan.errors import NON_FIELD, DomainError
from gandan.modules import registered

api = NinjaAPI(
    title="Gần Dân API",
    version="1",
    description="API của Gần Dân. Các điểm cuối dành cho cán bộ dùng phiên đăng nhập (cookie) và chỉ trả dữ liệu "
    "trong phạm vi đơn vị của người dùng.",
    docs_url="/docs",
    urls_namespace="api",
)


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[dict] = []


def error(request, status: int, code: str, message: str, errors: list[dict] | None = None):
    return api.create_response(
        request, {"code": code, "message": message, "errors": errors or []}, status=status
    )


def _field_name(loc) -> str:
    """ninja reports ["body", "payload", "applicant_name"]: the person needs "applicant_name"."""
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "form")]
    if len(parts) > 1 and parts[0] in {"payload", "filters", "query", "data"}:
        parts = parts[1:]
    return ".".join(parts)


# What each kind of refusal pydantic reports asks the person to do (the rest: "check the value").
_CHECKS = {
    "missing": gettext_lazy("Enter %(field)s."),
    "string_too_long": gettext_lazy("%(field)s: at most %(max_length)s characters."),
    "too_long": gettext_lazy("%(field)s: at most %(max_length)s items."),
    "string_too_short": gettext_lazy("%(field)s: at least %(min_length)s characters."),
    "greater_than_equal": gettext_lazy("%(field)s: at least %(ge)s."),
    "less_than_equal": gettext_lazy("%(field)s: at most %(le)s."),
    "greater_than": gettext_lazy("%(field)s: more than %(gt)s."),
    "less_than": gettext_lazy("%(field)s: less than %(lt)s."),
    "int_parsing": gettext_lazy("%(field)s: enter a whole number."),
    "date_from_datetime_parsing": gettext_lazy("%(field)s: enter a date as yyyy-mm-dd."),
    "date_parsing": gettext_lazy("%(field)s: enter a date as yyyy-mm-dd."),
}


def _check(item: dict, field: str) -> str:
    template = _CHECKS.get(item.get("type", ""))
    values = {"field": field or "?", **(item.get("ctx") or {})}
    if template is not None:
        try:
            return str(template) % values
        except (KeyError, TypeError, ValueError):
            pass
    return _("Check the value of %(field)s.") % {"field": field or "?"}


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    # Every field pydantic refused, each with what to fix (in the request's language), like a page's form.
    details = []
    for item in exc.errors:
        field = _field_name(item.get("loc", []))
        details.append({"field": field, "message": _check(item, field)})
    fields = ", ".join(d["field"] for d in details if d["field"])
    message = _("The request is not valid: check %(fields)s.") % {"fields": fields or _("the input")}
    return error(request, 422, "invalid_input", message, details)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    # Every field a service refused (exc.errors), each with its message, under the error's stable code; a problem
    # of the request as a whole is the top-level message.
    details = [
        {"field": field, "message": message}
        for field, messages in exc.errors.items()
        if field != NON_FIELD
        for message in messages
    ]
    return error(request, exc.status, exc.code, str(exc.message), details)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, "not_found", _("Not found, or outside your area."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error(request, 403, "forbidden", _("Your role does not allow this."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error(request, 401, "unauthenticated", _("Log in first."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:  # ninja's "Cannot parse request body": a body that is not the JSON it claims
        return on_unreadable_body(request, exc)
    return error(request, exc.status_code, "http_error", str(exc))


@api.exception_handler(MultiPartParserError)
@api.exception_handler(RawPostDataException)
def on_unreadable_body(request, exc):
    # A multipart body without its boundary (or a broken one) fails in Django's parser, which the CSRF check runs
    # first; ninja then finds the body already consumed (RawPostDataException). Both are the client's mistake.
    message = _(
        "The request body could not be read: send JSON (Content-Type: application/json) as the API "
        "documentation shows."
    )
    return error(request, 400, "http_error", message)  # the code ninja's own "Cannot parse request body" had


class HealthOut(Schema):
    status: str
    database: str


@api.get("/v1/health", response=HealthOut, tags=["system"], summary="Health check")
def health(request):
    """The site is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "database": connection.vendor}


for _package, _module in registered():
    if _module.has_api:
        api.add_router(f"/v1/{_module.key}/", import_module(f"{_package}.api").router)

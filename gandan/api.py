"""The JSON API: /api/v1/…, OpenAPI docs at /api/docs. Every error is JSON with a stable code and a Vietnamese
message (the request's language), never a 500 for input a person can type."""

import re
from importlib import import_module

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gandan.apikeys.auth import KeyRefused
from gandan.errors import NON_FIELD, DomainError
from gandan.modules import registered
from gandan.operations.selectors.health import installation_health

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


# A field of fixed choices is validated by a pattern "^(a|b|c)$" (or "^(|a|b)$" when it may be left empty).
_CHOICES = re.compile(r"\^\(\|?([\w-]+(?:\|[\w-]+)*)\)\$")


def _check(item: dict, field: str) -> str:
    ctx = item.get("ctx") or {}
    choices = (
        _CHOICES.fullmatch(str(ctx.get("pattern", "")))
        if item.get("type") == "string_pattern_mismatch"
        else None
    )
    if choices:
        return _("%(field)s: one of %(choices)s.") % {
            "field": field or "?",
            "choices": ", ".join(choices.group(1).split("|")),
        }
    template = _CHECKS.get(item.get("type", ""))
    values = {"field": field or "?", **ctx}
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


@api.exception_handler(KeyRefused)
def on_key_refused(request, exc: KeyRefused):
    # An integrator's key missing, unknown, revoked or expired (401), lacking the scope (403), past its rate (429).
    response = error(request, exc.status, exc.code, exc.message)
    if exc.retry_after is not None:
        response["Retry-After"] = str(exc.retry_after)
    return response


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


class HealthProblemOut(Schema):
    check: str = Field(description="The check that is not ok: database, worker, queue or backup.")
    severity: str = Field(
        description="fail: the reason for the 503; warn: worth a look, the answer stays 200 (e.g. a fresh "
        "installation with no backup yet)."
    )
    message: str = Field(description="What is wrong and what to do, in the request's language (Vietnamese).")


class HealthOut(Schema):
    status: str = Field(
        description="ok (HTTP 200), warn (HTTP 200, see problems) or fail (HTTP 503: the database does not answer, "
        "the worker's heartbeat is stale, the oldest waiting task is too old while a worker has reported, or the last "
        "good backup is too old)."
    )
    database: str = Field(description="ok, or error when the database does not answer.")
    database_vendor: str = Field(description="sqlite or postgresql.")
    worker: str = Field(
        description="ok; stale when the freshest heartbeat is older than GANDAN_HEALTH_WORKER_STALE_SECONDS "
        "(120); none when no worker ever reported; unknown when the database does not answer."
    )
    worker_age_seconds: int | None = Field(description="Age of the freshest worker heartbeat, in seconds.")
    queue: str = Field(
        description="ok, or stale when the oldest waiting task has waited longer than "
        "GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS (600): a failure once a worker has reported, a warning before."
    )
    queue_depth: int | None = Field(description="Tasks waiting to run now (READY and due).")
    queue_oldest_age_seconds: int | None = Field(
        description="How long the oldest waiting task has waited, in seconds; null when none waits."
    )
    backup: str = Field(
        description="ok; stale when the last successful backup is older than GANDAN_HEALTH_BACKUP_MAX_HOURS (36); "
        "none when no backup succeeded yet; off when the check is switched off (GANDAN_HEALTH_BACKUP_MAX_HOURS=0)."
    )
    backup_age_seconds: int | None = Field(
        description="Age of the last successful backup (its start), in seconds."
    )
    problems: list[HealthProblemOut] = Field(description="Each check that is not ok, with what to do.")


@api.get(
    "/v1/health",
    response={200: HealthOut, 503: HealthOut},
    tags=["system"],
    summary="Health check",
    auth=None,
)
def health(request):
    """The installation's health in one cheap query, for a monitor: 200 when all is well (status ok) or only worth a
    look (status warn: no worker heartbeat or no backup yet on a fresh installation, unless GANDAN_HEALTH_REQUIRE
    lists them), 503 with the same body when a check fails. No login needed; it reveals no record."""
    report = installation_health()
    body = {
        "status": report.status,
        "database": report.database,
        "database_vendor": report.database_vendor,
        "worker": report.worker,
        "worker_age_seconds": report.worker_age_seconds,
        "queue": report.queue,
        "queue_depth": report.queue_depth,
        "queue_oldest_age_seconds": report.queue_oldest_age_seconds,
        "backup": report.backup,
        "backup_age_seconds": report.backup_age_seconds,
        "problems": [
            {"check": p.check, "severity": p.severity, "message": p.message} for p in report.problems
        ],
    }
    return Status(report.http_status, body)


for _package, _module in registered():
    if _module.has_api:
        api.add_router(f"/v1/{_module.key}/", import_module(f"{_package}.api").router)

"""Request body limits, enforced before a byte of the body is read.

A request that declares a body larger than allowed is answered 413 at once, from the `Content-Length` header, so a
50 MB upload costs the server nothing but the headers. A multipart body (the only kind that carries files) may be
up to GANDAN_MAX_BODY_BYTES (12 MB: one 10 MB scan and the form around it); any other body up to
GANDAN_MAX_FORM_BYTES (2 MB). The stream is also capped at the limit, so a body longer than it declared is cut
there (Django itself never reads past `Content-Length`, and reads nothing from a body that declares none).

This is the last line; in production nginx refuses first (`client_max_body_size`, deploy/nginx.conf.example).
"""

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def body_limit(request) -> int:
    if request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
        return settings.GANDAN_MAX_BODY_BYTES
    return settings.GANDAN_MAX_FORM_BYTES


def _too_large(request, limit: int):
    megabytes = f"{limit / (1024 * 1024):.0f}"
    message = _("The data sent is larger than %(mb)s MB. Send smaller files, or fewer files at a time.") % {
        "mb": megabytes
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "body_too_large", "message": message, "errors": []}, status=413)
    if "/open311/v2/" in request.path:
        # GeoReport v2 clients read the spec's error body; its HTTP code stays 413, as a proxy in front would say.
        from gandan.fieldreports.open311.render import error_answer

        fmt = "json" if request.path.endswith(".json") else "xml"
        return error_answer(fmt, 413, [("media[]", message)])
    return HttpResponse(
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>413</title><p>{message}</p></html>',
        status=413,
    )


class BodyLimitMiddleware:
    """First in MIDDLEWARE: nothing before it reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads no body without a valid length
        if declared > limit:
            return _too_large(request, limit)
        stream = getattr(request, "_stream", None)
        if stream is not None:
            request._stream = LimitedStream(stream, min(declared, limit))
        return self.get_response(request)

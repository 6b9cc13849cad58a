from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request, exception=None):
    """A parameter the site cannot use (kit.params.BadParameter says which and why, in Vietnamese), or a body
    that cannot be read."""
    message = getattr(exception, "message", None) or _(
        "The request could not be read. Check what you entered."
    )
    if request.path.startswith("/api/"):
        code = getattr(exception, "code", None) or "bad_request"
        return JsonResponse({"code": code, "message": str(message), "errors": []}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # API clients get the same JSON error shape as every other API error (gandan/api.py).
        return JsonResponse(
            {"code": "not_found", "message": _("Not found, or outside your area."), "errors": []}, status=404
        )
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (a page left open past the session, cookies refused): Django's own page
        explains CSRF to a developer in English; a citizen is told in Vietnamese what happened and what to do. (The API
    checks its own CSRF and answers in JSON: it never comes here.)"""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


class MethodNotAllowedMiddleware:
    """A POST-only address opened with GET (a bookmarked form action, a link copied from the address bar): Django
    answers 405 with an empty body, a blank page. A person sees the site's own Vietnamese page instead, with the
    Allow header kept; the API answers in JSON itself and is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or request.path.startswith("/api/") or response.content:
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page

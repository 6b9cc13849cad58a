from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # API clients get the same JSON error shape as every other API error (gandan/api.py).
        return JsonResponse({"code": "not_found", "message": _("Not found, or outside your area."), "errors": []},
                            status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)

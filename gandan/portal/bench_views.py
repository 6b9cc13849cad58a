"""The benchmark ceiling: the cheapest response Django can give through the full middleware stack.

Mounted only when settings.GANDAN_BENCH is true (set by `make bench`); every scenario is reported as a ratio of
this view's throughput, measured in the same run on the same server."""

from django.http import HttpRequest, JsonResponse


def ceiling(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})

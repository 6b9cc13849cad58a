"""`/metrics` in Prometheus' text format, for a monitoring server (not a page for people).

Off — 404, as if it did not exist — unless GANDAN_METRICS_TOKEN and/or GANDAN_METRICS_ALLOW_IPS is set. An address
outside GANDAN_METRICS_ALLOW_IPS gets 404 too; with a token, a request without `Authorization: Bearer <token>` (or
with another one) gets 401."""

import functools
import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from gandan.kit.clientip import client_ip
from gandan.kit.metrics import registry
from gandan.operations.selectors.metrics import InstallationCollector


@functools.lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _allowed_address(request) -> bool:
    entries = tuple(settings.GANDAN_METRICS_ALLOW_IPS)
    if not entries:
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address.version == n.version and address in n for n in _networks(entries))


def _right_token(request) -> bool:
    token = settings.GANDAN_METRICS_TOKEN
    if not token:
        return True
    sent = request.META.get("HTTP_AUTHORIZATION", "")
    return hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


@require_safe
def metrics(request):
    if not (settings.GANDAN_METRICS_TOKEN or settings.GANDAN_METRICS_ALLOW_IPS):
        raise Http404
    if not _allowed_address(request):
        raise Http404
    if not _right_token(request):
        response = HttpResponse("401 Unauthorized\n", status=401, content_type="text/plain; charset=utf-8")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    body = generate_latest(registry(InstallationCollector()))
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)

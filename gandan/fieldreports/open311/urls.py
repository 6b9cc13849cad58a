"""Open311 GeoReport v2 at /open311/v2/ (docs/open311.md). Every resource answers `.xml` and `.json`; another suffix
is the spec's 404 error."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from gandan.fieldreports.open311 import posts, views

app_name = "open311"

FMT = r"\.(?P<fmt>[^/.]{1,20})$"


@csrf_exempt
def requests_endpoint(request, fmt: str):
    """GET lists requests, POST files one (same address, as the spec has it)."""
    if request.method == "POST":
        return posts.requests_create(request, fmt=fmt)
    return views.requests_list(request, fmt=fmt)


@csrf_exempt
def updates_endpoint(request, fmt: str):
    if request.method == "POST":
        return posts.updates_create(request, fmt=fmt)
    return views.updates_get(request, fmt=fmt)


urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(r"^services/(?P<service_code>[^/]{1,100}?)" + FMT, views.service_definition, name="service"),
    re_path(r"^tokens/(?P<token>[^/]{1,100}?)" + FMT, views.token, name="token"),
    re_path(r"^requests" + FMT, requests_endpoint, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]{1,100}?)" + FMT, views.request_one, name="request"),
    re_path(r"^servicerequestupdates" + FMT, updates_endpoint, name="updates"),
    path("media/<int:pk>.jpg", views.photo, name="photo"),
]

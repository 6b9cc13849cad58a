"""Open311 GeoReport v2, the reads: discovery, services, service definitions, tokens, requests (with the pagination
and extended-attributes extensions), mySociety's service request updates, and a public photo. Anyone may read;
nothing here names a reporter or gives an exact position (docs/open311.md)."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from gandan.core.fieldreports import EXTERNAL_STATUS, Status, open311_status
from gandan.fieldreports import selectors_open311 as sel
from gandan.fieldreports.models import published
from gandan.fieldreports.open311 import params
from gandan.fieldreports.open311.render import FORMATS, answer, error_answer, when
from gandan.kit.downloads import serve_stored_file

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def fmt_checked(view: Callable, *, method: str = "GET") -> Callable:
    """Unknown suffix → the spec's 404; another method or an argument problem → its 400 (the spec allows only 404,
    403 and 400); never a 500 for what a client sends."""

    @wraps(view)
    def wrapper(request, *args, fmt: str, **kwargs) -> HttpResponse:
        if request.method not in ({"GET", "HEAD"} if method == "GET" else {method}):
            return error_answer(
                fmt, 400, [("method", _("Use %(method)s for this address.") % {"method": method})]
            )
        if fmt not in FORMATS:
            return error_answer(
                "xml",
                404,
                [("format", _("Unknown format “%(fmt)s”: use .xml or .json.") % {"fmt": fmt[:20]})],
            )
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except params.ArgError as error:
            return error_answer(fmt, error.status, [(error.name, error.message)])

    # No form of a page posts here: the writes are authenticated by the API key (posts.py), the reads write nothing.
    return csrf_exempt(wrapper)


def jurisdiction(data):
    """The commune named by jurisdiction_id (None when not given); unknown → 404."""
    code = params.text(data, "jurisdiction_id", limit=40)
    if not code:
        return None
    commune = sel.open311_commune(code)
    if commune is None:
        raise params.ArgError(
            "jurisdiction_id",
            _(
                "No commune has the code “%(code)s”: jurisdiction_id is the commune's official code, e.g. 08848."
            )
            % {"code": code},
            status=404,
        )
    return commune


def _base(request) -> str:
    return request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": "json"})).rsplit("/", 1)[0]


@fmt_checked
def discovery(request, fmt: str) -> HttpResponse:
    stamp, _count = sel.categories_changeset()
    changeset = when(stamp) or ""
    body = {
        "changeset": changeset,
        "contact": _(
            "The commune's People's Committee (the field reports officer), through the public site."
        ),
        "key_service": _("Ask the commune's administrator for an API key with the scope “open311”."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": _base(request),
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return answer(fmt, "discovery", body)


@fmt_checked
def services(request, fmt: str) -> HttpResponse:
    jurisdiction(request.GET)
    body = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description,
            "metadata": bool(c.attributes.all()),
            "type": "realtime",
            "keywords": c.keywords,
            "group": c.group,
        }
        for c in sel.open311_services()
    ]
    return answer(fmt, "services", body)


@fmt_checked
def service_definition(request, service_code: str, fmt: str) -> HttpResponse:
    jurisdiction(request.GET)
    category = sel.open311_service(service_code[:50])
    if category is None:
        raise params.ArgError(
            "service_code",
            _("No service has the code “%(code)s”: read the list at services.%(fmt)s.")
            % {"code": service_code[:50], "fmt": fmt},
            status=404,
        )
    attributes = []
    for a in category.attributes.all():
        item = {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": a.order,
            "description": a.description,
        }
        if a.values:
            item["values"] = [
                {"key": str(v.get("key", "")), "name": str(v.get("name", ""))} for v in a.values
            ]
        attributes.append(item)
    return answer(fmt, "service_definition", {"service_code": category.code, "attributes": attributes})


@fmt_checked
def token(request, token: str, fmt: str) -> HttpResponse:
    jurisdiction(request.GET)
    code = sel.open311_report_by_token(token[:60])
    if code is None:
        raise params.ArgError("token", _("No request has this token."), status=404)
    return answer(fmt, "service_requests", [{"service_request_id": code, "token": token}])


def photo_url(request, pk: int) -> str:
    return request.build_absolute_uri(reverse("open311:photo", args=[pk]))


def _address(village: str | None, unit: str | None, village_commune: str | None) -> str:
    # Never the reporter's typed address (it may hold a house number): the village and the commune only.
    parts = [village, village_commune if village else unit]
    return ", ".join(p for p in parts if p)


def request_items(request, rows: list[tuple], *, extensions: bool) -> list[dict]:
    """The public answer for rows of sel.ROW_FIELDS: 3 queries whatever their number, 4 with the extensions."""
    categories = sel.category_map()
    ids = [row[0] for row in rows]
    firsts = sel.first_public_photos(ids) if rows else {}
    notes = sel.last_notes(ids) if rows else {}
    history = sel.report_updates(ids) if rows and extensions else {}
    photos = sel.public_photos(ids) if rows and extensions else {}
    items = []
    for (
        pk,
        code,
        status,
        category_id,
        description,
        received,
        updated,
        due,
        lat,
        long,
        village,
        unit,
        vparent,
    ) in rows:
        category = categories.get(category_id)
        first = firsts.get(pk)
        item: dict = {
            "service_request_id": code,
            "status": open311_status(status),
            "status_notes": notes.get(pk, ""),
            "service_name": category.name if category else "",
            "service_code": category.code if category else "",
            "description": published(description),
            "agency_responsible": unit or "",
            "service_notice": "",
            "requested_datetime": when(received),
            "updated_datetime": when(updated),
            "expected_datetime": f"{due.isoformat()}T17:00:00+07:00" if due else "",
            "address": _address(village, unit, vparent),
            "address_id": "",
            "zipcode": "",
            "lat": float(lat) if lat is not None else "",
            "long": float(long) if long is not None else "",
            "media_url": photo_url(request, first) if first else "",
        }
        if extensions:
            item["extended_attributes"] = {
                "extended_status": EXTERNAL_STATUS[Status(status)],
                "village": village or "",
                "photos": [photo_url(request, p) for p in photos.get(pk, [])],
                "notes": [
                    {"datetime": when(at), "description": note, "type": action or "note"}
                    for at, note, action, _status in history.get(pk, [])
                ],
            }
        items.append(item)
    return items


@fmt_checked
def requests_list(request, fmt: str) -> HttpResponse:
    data = request.GET
    commune = jurisdiction(data)
    codes = params.text_list(data, "service_request_id")[:1_000]
    offset, limit = params.page_window(data)
    if codes:
        query = sel.RequestQuery(
            codes=codes, category_ids=[], start=timezone.now(), end=timezone.now(), statuses=[], commune=None,
            offset=offset, limit=limit,
        )  # fmt: skip
    else:
        start, end = params.date_range(data, now=timezone.now())
        wanted = params.text_list(data, "service_code")
        by_code = {c.code: c.pk for c in sel.category_map().values()}
        unknown = [c for c in wanted if c not in by_code]
        if unknown:
            raise params.ArgError(
                "service_code",
                _("No service has the code “%(code)s”: read the list at services.%(fmt)s.")
                % {"code": unknown[0][:50], "fmt": fmt},
                status=404,
            )
        query = sel.RequestQuery(
            codes=[], category_ids=[by_code[c] for c in wanted], start=start, end=end,
            statuses=params.statuses(data), commune=commune, offset=offset, limit=limit,
        )  # fmt: skip
    rows = sel.open311_request_rows(query)
    items = request_items(request, rows, extensions=params.truthy(data, "extensions"))
    return answer(fmt, "service_requests", items)


@fmt_checked
def request_one(request, service_request_id: str, fmt: str) -> HttpResponse:
    jurisdiction(request.GET)
    row = sel.open311_request_row(service_request_id[:40])
    if row is None:
        raise params.ArgError(
            "service_request_id",
            _("No request has the id “%(id)s”.") % {"id": service_request_id[:40]},
            status=404,
        )
    items = request_items(request, [row], extensions=params.truthy(request.GET, "extensions"))
    return answer(fmt, "service_requests", items)


@fmt_checked
def updates_get(request, fmt: str) -> HttpResponse:
    data = request.GET
    jurisdiction(data)
    start, end = params.date_range(data, now=timezone.now())
    offset, limit = params.page_window(data)
    rows = sel.open311_update_rows(start=start, end=end, offset=offset, limit=limit)
    firsts = sel.first_public_photos(list({row[2] for row in rows})) if rows else {}
    items = [
        {
            "update_id": str(pk),
            "service_request_id": code,
            "status": open311_status(status),
            "updated_datetime": when(at),
            "description": note,
            "media_url": photo_url(request, firsts[report_id]) if report_id in firsts else "",
            "external_status_code": EXTERNAL_STATUS[Status(status)],
        }
        for pk, code, report_id, status, at, note in rows
    ]
    return answer(fmt, "service_request_updates", items)


@require_GET
def photo(request, pk: int) -> HttpResponseBase:
    """A public photo of a visible report (never a withheld one): what media_url and the photos extension link to."""
    found = (
        sel.open311_public_photo(pk) if pk < 2**63 else None
    )  # a larger id overflows the database's integer
    if found is None:
        raise Http404
    response = serve_stored_file(
        request,
        found.file,
        original_name=f"anh-phan-anh-{found.pk}.{'png' if found.content_type == 'image/png' else 'jpg'}",
        content_type=found.content_type,
        inline=True,
    )
    # Short: an officer may withhold a photo (a face, a number plate) and caches must let go of it soon.
    response["Cache-Control"] = "public, max-age=300"
    return response

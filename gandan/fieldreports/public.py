"""Citizen pages of the field reports (no login, no script needed): report a problem, the commune's list of reports
(and its villages, and a map when the site has map tiles), a report's page with its public photos and steps.
Never the reporter, never the exact place: public pages read through `selectors.public_*` only."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from gandan.core.fieldreports import Status
from gandan.errors import DomainError
from gandan.fieldreports.models import OPEN_VALUES, STATUSES, FieldReport
from gandan.fieldreports.public_forms import (
    ReportForm,
    category_choices,
    category_groups,
    question_field_name,
)
from gandan.fieldreports.selectors import (
    public_commune_reports,
    public_photo_get,
    public_photos,
    public_report_get,
    public_updates,
    public_village_counts,
)
from gandan.fieldreports.services import ReportFacts, report_receive
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.security import DEFAULT_POLICY, policy_header
from gandan.kit.throttle import (
    refused,
    submit_counted,
    submit_refusal_by_address,
    submit_refusal_by_phone,
    submit_upload_refused,
)
from gandan.portal.selectors import portal_unit, portal_unit_by_address, portal_villages, province_communes
from gandan.web import form_add_domain_error, paginate

SUBMIT_SCOPE = "fieldreport"
PER_PAGE = 20


def _communes(request):
    """The communes a report may be about, and the one the page is about: the commune of the address alone, else
    the province's with the portal's commune first (`?xa=<code>` chooses another)."""
    chosen = portal_unit_by_address()
    if chosen is not None:
        return [chosen], chosen
    communes = list(province_communes())
    home = portal_unit()
    if home is not None and home not in communes:
        communes.insert(0, home)
    code = (request.GET.get("xa") or request.GET.get("commune") or request.POST.get("commune") or "").strip()
    commune = (
        next((u for u in communes if u.code == code), None) or home or (communes[0] if communes else None)
    )
    return communes, commune


# --- reporting ----------------------------------------------------------------------------------------------------


def _service_field(name: str) -> str | None:
    if name.startswith("attribute[") and name.endswith("]"):
        return question_field_name(name[len("attribute[") : -1])
    return {
        "media": "photos",
        "service_code": "category",
        "jurisdiction_id": "commune",
        "lat": None,
        "long": None,
    }.get(name, name)


def _receive(form: ReportForm, communes, files) -> FieldReport:
    d = form.cleaned_data
    commune = next((u for u in communes if u.code == d["commune"]), None)
    village = (
        next((v for v in portal_villages(commune) if str(v.pk) == d.get("village")), None)
        if commune
        else None
    )
    facts = ReportFacts(
        category=form.category_obj,
        description=d.get("description") or "",
        lat=d.get("lat") or "",
        long=d.get("long") or "",
        address=d.get("address") or "",
        commune=commune,
        village=village,
        attributes=form.answers(),
        name=d.get("name") or "",
        phone=d.get("phone") or "",
        email=d.get("email") or "",
        photos=files,
    )
    return report_receive(facts=facts, channel=FieldReport.Channel.PORTAL)


def _sent_url(report: FieldReport) -> str:
    return reverse("fieldreports_public:detail", args=[report.code]) + "?moi=1"


def _with_geolocation(response):
    """This page alone may ask the phone for its position (the site's Permissions-Policy forbids it elsewhere)."""
    policy = settings.GANDAN_PERMISSIONS_POLICY or ""
    response["Permissions-Policy"] = policy.replace("geolocation=()", "geolocation=(self)")
    return response


@require_http_methods(["GET", "POST"])
@once_per_token
def report_new(request):
    # Limits first: the address before the form is read, the phone before any upload is checked.
    refusal = submit_refusal_by_address(request, SUBMIT_SCOPE) if request.method == "POST" else None
    categories = category_choices()
    by_code = {c.code: c for c in categories}
    if request.method == "POST":
        code = request.POST.get("category") or ""
    else:  # ?loai= from the first step; ?category= from the form's own select (htmx asks for its questions)
        code = request.GET.get("loai") or request.GET.get("category") or ""
    category = by_code.get(code.strip())
    if category is None:  # the first step: what kind of problem (a plain GET form, no script needed)
        context = {"groups": category_groups(categories), "unknown": bool(code)}
        return render(request, "fieldreports/public_choose.html", context)
    communes, commune = _communes(request)
    villages = portal_villages(commune) if commune is not None else []
    kwargs = {"category": category, "communes": communes, "villages": villages}
    initial = {
        "category": category.code,
        "questions_for": category.code,
        "commune": commune.code if commune else "",
    }
    if request.method == "POST" and refusal is None:
        refusal = submit_refusal_by_phone(SUBMIT_SCOPE, request.POST.get("phone", ""))
    if refusal:
        form = refused(ReportForm(initial=initial, **kwargs), refusal)
        return _form_page(request, form, category, status=429)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["questions_for"] = category.code  # shown again, the form asks the new category's questions
    form = ReportForm(data, request.FILES or None, initial=initial, **kwargs)
    if request.method != "POST":
        return _form_page(request, form, category)
    changed = request.POST.get("questions_for") != category.code
    status = 422
    if changed:
        form.is_valid()
        form._errors.clear()  # nothing was wrong: the new category's questions are simply asked
        status = 200
    elif form.is_valid():
        files = form.cleaned_data.get("photos") or []
        try:
            report = create_once(request, lambda: _receive(form, communes, files), url=_sent_url)
        except DomainError as error:
            form_add_domain_error(form, error, rename=_service_field)
        else:
            submit_counted(request, SUBMIT_SCOPE, form.cleaned_data.get("phone") or "")
            return redirect(_sent_url(report))
    submit_upload_refused(request, SUBMIT_SCOPE, form)
    return _form_page(request, form, category, status=status, changed=changed)


def _form_page(request, form, category, *, status: int = 200, changed: bool = False):
    # With a script, choosing another kind brings its questions at once (htmx swaps them in; nothing typed is lost).
    form.fields["category"].widget.attrs.update(
        {
            "hx-get": reverse("fieldreports_public:new"),
            "hx-trigger": "change",
            "hx-target": "#questions",
            "hx-select": "#questions",
            "hx-swap": "outerHTML",
        }
    )
    form.fields["commune"].widget.attrs.update(  # and another commune its villages
        {
            "hx-get": reverse("fieldreports_public:new"),
            "hx-trigger": "change",
            "hx-include": "[name=category]",
            "hx-target": "#fr-village",
            "hx-select": "#fr-village",
            "hx-swap": "outerHTML",
        }
    )
    context = {
        "form": form,
        "category": category,
        "changed": changed,
        "commune_fixed": portal_unit_by_address() is not None,
        "files_again": True,
    }
    return _with_geolocation(render(request, "fieldreports/public_new.html", context, status=status))


# --- the commune's reports ---------------------------------------------------------------------------------------


def _filtered(request, commune):
    rows = public_commune_reports(commune)
    chosen = {k.replace("-", "_"): (request.GET.get(k) or "").strip() for k in ("loai", "tinh-trang", "thon")}
    if chosen["loai"]:
        rows = rows.filter(category__code=chosen["loai"])
    state = chosen["tinh_trang"]
    if state == "mo":
        rows = rows.filter(status__in=OPEN_VALUES)
    elif state == "dong":
        rows = rows.exclude(status__in=OPEN_VALUES)
    elif state in {value for value, _label in STATUSES}:
        rows = rows.filter(status=state)
    if chosen["thon"].isdigit() and len(chosen["thon"]) <= 10:
        rows = rows.filter(village_id=int(chosen["thon"]))
    return rows, chosen


def _map_context(rows) -> dict:
    """Markers at the public grid squares of the reports shown; nothing at all without map tiles."""
    if not settings.GANDAN_MAP_TILES_URL:
        return {"map": None}
    markers = [
        {
            "lat": float(r.public_lat),
            "long": float(r.public_long),
            "title": f"{r.code} · {r.category.name}",
            "url": reverse("fieldreports_public:detail", args=[r.code]),
        }
        for r in rows
        if r.public_lat is not None and r.public_long is not None
    ]
    return {
        "map": {
            "tiles": settings.GANDAN_MAP_TILES_URL,
            "attribution": settings.GANDAN_MAP_TILES_ATTRIBUTION,
            "markers": markers,
            "lat": (settings.GANDAN_FIELDREPORTS_BOX[0] + settings.GANDAN_FIELDREPORTS_BOX[2]) / 2,
            "long": (settings.GANDAN_FIELDREPORTS_BOX[1] + settings.GANDAN_FIELDREPORTS_BOX[3]) / 2,
        }
    }


def _with_map_policy(response):
    """The tiles' server may send images to this page (the site's policy allows only its own)."""
    from urllib.parse import urlsplit

    parts = urlsplit(settings.GANDAN_MAP_TILES_URL.replace("{s}", "sub-domain"))
    if parts.scheme in {"http", "https"} and parts.netloc:
        origin = f"{parts.scheme}://{parts.netloc.replace('sub-domain', '*')}"
        policy = {**DEFAULT_POLICY, **settings.GANDAN_CSP}
        policy["img-src"] = f"{policy.get('img-src') or ''} {origin}".strip()
        name = (
            "Content-Security-Policy-Report-Only"
            if settings.GANDAN_CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        response[name] = policy_header({k: v for k, v in policy.items() if v is not None})
    return response


@require_safe
def report_list(request):
    communes, commune = _communes(request)
    rows, chosen = _filtered(request, commune)
    page = paginate(request, rows, per_page=PER_PAGE)
    context = {
        "communes": communes,
        "commune": commune,
        "categories": category_choices(),
        "statuses": STATUSES,
        "villages": portal_villages(commune) if commune is not None else [],
        "chosen": chosen,
        "commune_fixed": portal_unit_by_address() is not None,
        **page,
        **_map_context(page["page_obj"].object_list),
    }
    response = render(request, "fieldreports/public_list.html", context)
    return _with_map_policy(response) if context["map"] else response


@require_safe
def village_list(request):
    """The commune's villages with their open and fixed reports: a plain table for a phone on a poor connection."""
    communes, commune = _communes(request)
    rows = public_village_counts(commune) if commune is not None else []
    context = {"communes": communes, "commune": commune, "rows": rows}
    return render(request, "fieldreports/public_villages.html", context)


# --- a report -----------------------------------------------------------------------------------------------------


@require_safe
def report_page(request, code: str):
    report = public_report_get(code)
    if report is None:
        raise Http404
    context = {
        "report": report,
        "photos": list(public_photos(report)),
        "updates": list(public_updates(report)),
        "new": request.GET.get("moi") == "1",
        "is_open": report.status in OPEN_VALUES,
        "fixed": report.status == Status.FIXED.value,
        "page_url": request.build_absolute_uri(reverse("fieldreports_public:detail", args=[report.code])),
    }
    return render(request, "fieldreports/public_detail.html", context)


@require_safe
def photo(request, pk: int):
    """A public photo of a report not hidden (stored already without EXIF by gandan.kit.uploads)."""
    found = public_photo_get(pk)
    if found is None:
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


app_name = "fieldreports_public"
urlpatterns = [
    path("phan-anh/", report_list, name="list"),
    path("phan-anh/gui/", report_new, name="new"),
    path("phan-anh/thon/", village_list, name="villages"),
    path("phan-anh/anh/<int:pk>/", photo, name="photo"),
    path("phan-anh/<str:code>/", report_page, name="detail"),
]

"""Citizen pages of the desk: submit online, look up a dossier, rate the service."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.dossiers import services
from gandan.dossiers.forms import LookupForm, OnlineSubmitForm, RatingForm
from gandan.dossiers.models import Channel, Dossier, OnlineLevel, Status
from gandan.dossiers.selectors import dossier_by_code, dossier_lookup, procedures_in_force
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.portal.selectors import portal_unit
from gandan.portal.throttle import client_key, throttle_blocked, throttle_fail

LOOKUP_LIMIT = getattr(settings, "GANDAN_LOOKUP_FAILURES", 10)
LOOKUP_WINDOW = dt.timedelta(minutes=10)
_SALT = "gandan.dossiers.lookup"
# The steps whose note is written for the citizen (the appointment, the papers to bring, the reasons of Forms 03–05).
# Other notes are the officers' own words (the result, a payment, a withdrawal) and may name people: the public
# timeline (page and API) shows only the status of those steps.
PUBLIC_NOTE_ACTIONS = frozenset({"accept", "request_supplement", "apologize", "refuse", "stop"})


def lookup_token(dossier: Dossier) -> str:
    """The QR link carries a signed token instead of the phone digits, so the printed slip opens the lookup."""
    return signing.dumps(dossier.code, salt=_SALT)


def lookup_url(dossier: Dossier) -> str:
    return reverse("dossiers_public:lookup_token", kwargs={"token": lookup_token(dossier)})


def _timeline(dossier: Dossier) -> list:
    steps = list(dossier.steps.filter(public=True).order_by("at", "id"))
    for step in steps:
        if step.action not in PUBLIC_NOTE_ACTIONS:
            step.note = ""  # shown, not saved
    return steps


@require_safe
def lookup(request):
    form = LookupForm(request.GET or None)
    dossier = None
    throttled = False
    key = client_key(request, "lookup")
    if request.GET and form.is_valid():
        if throttle_blocked(key, limit=LOOKUP_LIMIT, window=LOOKUP_WINDOW):
            throttled = True
            form.add_error(None, _("Too many wrong attempts from this device. Please wait 10 minutes and try again."))
        else:
            dossier = dossier_lookup(form.cleaned_data["code"], form.cleaned_data["phone_last4"])
            if dossier is None:
                throttle_fail(key, window=LOOKUP_WINDOW)
                form.add_error(None, _("No dossier matches this code and these phone digits. Check the code on your "
                                       "appointment slip and the last 4 digits of the phone you gave."))
    if dossier is not None:
        return _show(request, dossier)
    status = 429 if throttled else 404 if form.errors else 200
    return render(request, "dossiers/public/lookup.html", {"form": form}, status=status)


def _dossier_from_token(token: str) -> Dossier:
    """The dossier a signed QR link names; 404 for a tampered or unknown token."""
    try:
        code = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise Http404 from None
    dossier = dossier_by_code(code)
    if dossier is None:
        raise Http404
    return dossier


@require_safe
def lookup_token_view(request, token: str):
    dossier = _dossier_from_token(token)
    return _show(request, dossier, token=token)


def _show(request, dossier: Dossier, *, token: str | None = None):
    token = token or lookup_token(dossier)
    context = {
        "dossier": dossier,
        "timeline": _timeline(dossier),
        "token": token,
        "can_rate": dossier.status == 10 and not hasattr(dossier, "rating"),
    }
    return render(request, "dossiers/public/status.html", context)


@require_http_methods(["GET", "POST"])
def rate(request, token: str):
    dossier = _dossier_from_token(token)
    if dossier.status != Status.RETURNED or hasattr(dossier, "rating"):
        # Nothing to rate yet, or already rated: say so instead of showing a form that would be refused.
        return render(request, "dossiers/public/rate_closed.html", {"dossier": dossier, "token": token})
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment", "")
        try:
            services.dossier_rate(dossier=dossier, answers=data, comment=comment)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return render(request, "dossiers/public/rated.html", {"dossier": dossier})
    return render(request, "dossiers/public/rate.html", {"form": form, "dossier": dossier})


@require_safe
def submit_choose(request):
    query = request.GET.get("q", "")[:100]
    procedures = procedures_in_force(query=query).exclude(online_level=OnlineLevel.NONE)
    return render(request, "dossiers/public/choose.html", {"procedures": procedures, "q": query, "unit": portal_unit()})


@require_http_methods(["GET", "POST"])
@once_per_token
def submit(request, procedure_id: int):
    procedure = procedures_in_force().exclude(online_level=OnlineLevel.NONE).filter(pk=procedure_id).first()
    unit = portal_unit()
    if procedure is None or unit is None:
        raise Http404
    form = OnlineSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data.get("attachment")
            dossier = create_once(request, lambda: services.dossier_submit(
                procedure=procedure, unit=unit, channel=Channel.ONLINE, applicant_name=data["applicant_name"],
                applicant_phone=data["applicant_phone"], applicant_address=data["applicant_address"],
                applicant_email=data.get("applicant_email") or "", id_number=data.get("id_number") or "",
                request=data.get("request") or "", sets=data.get("sets") or 1, by=None,
                birth_year=data.get("birth_year"), sex=data.get("sex") or "",
                attachments=[(upload, upload.detected_type)] if upload is not None else [],
            ), url=lookup_url)
        except DomainError as error:
            for field, message in getattr(error, "errors", {error.field: str(error.message)}).items():
                form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("dossiers_public:lookup_token", token=lookup_token(dossier))
    return render(request, "dossiers/public/submit.html", {"form": form, "procedure": procedure, "unit": unit})


app_name = "dossiers_public"
urlpatterns = [
    path("ho-so/tra-cuu/", lookup, name="lookup"),
    path("ho-so/tra-cuu/<str:token>/", lookup_token_view, name="lookup_token"),
    path("ho-so/danh-gia/<str:token>/", rate, name="rate"),
    path("ho-so/nop/", submit_choose, name="submit_choose"),
    path("ho-so/nop/<int:procedure_id>/", submit, name="submit"),
]

"""Citizen pages of the desk: submit online, look up a dossier, rate the service."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.dossiers import services
from gandan.dossiers.forms import LookupForm, OnlineSubmitForm, RatingForm, application_answers
from gandan.dossiers.models import Channel, Dossier, OnlineLevel, Status
from gandan.dossiers.receipt import online_receipt_available, online_receipt_pdf
from gandan.dossiers.selectors import dossier_by_code, dossier_rated, procedures_found, procedures_in_force
from gandan.dossiers.services.lookup import PublicDossier, dossier_public_lookup, dossier_public_view
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.lookups import bound_lookup, lookup_page
from gandan.kit.throttle import (
    refused,
    submit_counted,
    submit_refusal_by_address,
    submit_refusal_by_phone,
    submit_upload_refused,
)
from gandan.kit.tokens import make_token, read_token, secret_matches
from gandan.portal.selectors import portal_unit
from gandan.web import form_add_domain_error

SUBMIT_SCOPE = "dossier"
_SALT = "gandan.dossiers.lookup"


def lookup_token(dossier: Dossier) -> str:
    """The QR link carries a signed token instead of the phone digits, so the printed slip opens the lookup: the
    code and the dossier's random lookup_secret, so knowing (or signing) a code is not enough."""
    return make_token(dossier.code, dossier.lookup_secret, salt=_SALT)


def lookup_url(dossier: Dossier) -> str:
    return _url(dossier.code, dossier.lookup_secret)


def _url(code: str, secret: str) -> str:
    return reverse("dossiers_public:lookup_token", kwargs={"token": make_token(code, secret, salt=_SALT)})


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """The form posts the code and the digits, and a dossier found is shown at its signed link (a redirect): the
    digits never stand in an address, so neither the browser's history on a shared computer, nor a proxy's or the
    server's log, nor a page's Referer keeps them. An old bookmark carrying them (`?code=…&phone_last4=…`, the
    form's address until 12/2026) is still looked up once and sent on to the signed link."""
    form, typed = bound_lookup(request, LookupForm)
    throttled = False
    if typed and form.is_valid():
        # The same lookup as the API's (services.lookup): same lock, same values, same public notes.
        result = dossier_public_lookup(
            request=request, code=form.cleaned_data["code"], last4=form.cleaned_data["phone_last4"]
        )
        if result.found is not None:
            return redirect(_url(result.found.status["code"], result.found.lookup_secret))
        throttled = result.refusal is not None
        form.add_error(
            None,
            result.refusal
            or _(
                "No dossier matches this code and these digits. Check the code on your appointment slip and the "
                "last 4 digits of the phone or the citizen ID number you gave."
            ),
        )
    return lookup_page(request, "dossiers/public/lookup.html", form, throttled=throttled)


def _dossier_from_token(token: str) -> Dossier:
    """The dossier a QR link names; 404 for a tampered, old-format or unknown token, or a secret that does not
    match the dossier's (compared in constant time)."""
    parts = read_token(token, salt=_SALT)
    if parts is None:
        raise Http404
    code, secret = parts
    dossier = dossier_by_code(code)
    if dossier is None or not secret_matches(dossier.lookup_secret, secret):
        raise Http404
    return dossier


@require_safe
def lookup_token_view(request, token: str):
    dossier = _dossier_from_token(token)
    return _show(request, dossier_public_view(dossier_id=dossier.pk), token=token)


def _show(request, found: PublicDossier, *, token: str):
    info = found.status
    context = {
        "info": info,
        "token": token,
        "can_rate": info["status"] == Status.RETURNED and not dossier_rated(found.id),
    }
    return render(request, "dossiers/public/status.html", context)


def submitted_url(dossier: Dossier) -> str:
    """The confirmation page after an online submission (the secret link, like the lookup's)."""
    return reverse("dossiers_public:submitted", kwargs={"token": lookup_token(dossier)})


@require_safe
def submitted(request, token: str):
    """Sent: the code on one line, what is needed to look it up, and the receipt as a PDF. Only the secret link
    opens it (the citizen is sent here after the submission and may keep its address)."""
    dossier = _dossier_from_token(token)
    if not online_receipt_available(dossier):
        raise Http404
    context = {"dossier": dossier, "token": token, "has_id": hasattr(dossier, "identity")}
    return render(request, "dossiers/public/submitted.html", context)


@require_safe
def receipt(request, token: str):
    """The citizen's receipt of the online submission (receipt.py), for the holder of the secret link only."""
    dossier = _dossier_from_token(token)
    if not online_receipt_available(dossier):
        raise Http404
    link = settings.GANDAN_PUBLIC_URL.rstrip("/") + reverse(
        "dossiers_public:lookup_token", kwargs={"token": token}
    )
    return generated_file(
        online_receipt_pdf(dossier, lookup_link=link),
        filename=f"bien-nhan-{dossier.code}.pdf",
        content_type="application/pdf",
    )


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
            form_add_domain_error(form, error)
        else:
            return render(request, "dossiers/public/rated.html", {"dossier": dossier})
    return render(request, "dossiers/public/rate.html", {"form": form, "dossier": dossier})


@require_safe
def submit_choose(request):
    query = request.GET.get("q", "")[:100]
    unit = portal_unit()
    online = procedures_in_force().exclude(online_level=OnlineLevel.NONE)
    groups = procedures_found(online, query=query, unit_path=unit.path if unit else None)
    return render(request, "dossiers/public/choose.html", {"groups": groups, "q": query, "unit": unit})


@require_http_methods(["GET", "POST"])
@once_per_token
def submit(request, procedure_id: int):
    procedure = procedures_in_force().exclude(online_level=OnlineLevel.NONE).filter(pk=procedure_id).first()
    unit = portal_unit()
    if procedure is None or unit is None:
        raise Http404
    context: dict[str, object] = {"procedure": procedure, "unit": unit}
    if request.method == "POST":
        # Limits first: the address before the body is read, the phone before any upload is checked.
        refusal = submit_refusal_by_address(request, SUBMIT_SCOPE) or submit_refusal_by_phone(
            SUBMIT_SCOPE, request.POST.get("applicant_phone", "")
        )
        if refusal:
            form = refused(OnlineSubmitForm(), refusal)
            return render(request, "dossiers/public/submit.html", {**context, "form": form}, status=429)
    form = OnlineSubmitForm(request.POST or None, request.FILES or None, procedure=procedure)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data.get("attachment")
            answers = application_answers(form)
            paper_files = form.paper_files()
            dossier = create_once(
                request,
                lambda: services.dossier_submit(
                    procedure=procedure,
                    unit=unit,
                    channel=Channel.ONLINE,
                    applicant_name=data["applicant_name"],
                    applicant_phone=data["applicant_phone"],
                    applicant_address=data["applicant_address"],
                    applicant_email=data.get("applicant_email") or "",
                    id_number=data.get("id_number") or "",
                    request=data.get("request") or "",
                    sets=data.get("sets") or 1,
                    by=None,
                    birth_year=data.get("birth_year"),
                    sex=data.get("sex") or "",
                    attachments=[upload] if upload is not None else [],
                    application=answers,
                    paper_files=paper_files,
                ),
                url=submitted_url,
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            submit_counted(request, SUBMIT_SCOPE, dossier.applicant_phone)
            return redirect("dossiers_public:submitted", token=lookup_token(dossier))
    if request.method == "POST":
        submit_upload_refused(request, SUBMIT_SCOPE, form)
        # A browser never keeps a chosen file when the page comes back: say which ones to choose again.
        context["files_again"] = [
            (form.fields[name].label if name in form.fields else name, upload.name)
            for name, upload in request.FILES.items()
        ]
    return render(request, "dossiers/public/submit.html", {**context, "form": form})


app_name = "dossiers_public"
urlpatterns = [
    path("ho-so/tra-cuu/", lookup, name="lookup"),
    path("ho-so/tra-cuu/<str:token>/", lookup_token_view, name="lookup_token"),
    path("ho-so/danh-gia/<str:token>/", rate, name="rate"),
    path("ho-so/da-nop/<str:token>/", submitted, name="submitted"),
    path("ho-so/bien-nhan/<str:token>.pdf", receipt, name="receipt"),
    path("ho-so/nop/", submit_choose, name="submit_choose"),
    path("ho-so/nop/<int:procedure_id>/", submit, name="submit"),
]

"""Citizen pages for petitions: send a complaint, denunciation, recommendation or reflection online, then follow it
with its code and the last 4 digits of the phone given (or the signed link shown after sending).

The lookup shows the status, the kind, the dates and the public steps (what happened and when): never a person's
name, not even the petitioner's, and never an officer's note. A denunciator's identity goes to the protected record
(Law on Denunciation 2018 Art. 47, 56); the case keeps only a neutral label and a copy of the text from which what
the citizen typed as name, address, phone, e-mail and ID number is removed."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from gandan.core.citizen_id import citizen_id_problems, clean_citizen_id
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.redaction import redact as redact_identity
from gandan.core.vntext import normalize
from gandan.errors import DomainError
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
from gandan.petitions.forms import LookupForm, PetitionForm
from gandan.petitions.models import Channel, Kind, Petition
from gandan.petitions.selectors import communes_in_force, petition_by_code, public_status
from gandan.petitions.services.lookup import petition_public_lookup
from gandan.portal.selectors import portal_unit
from gandan.units.models import Unit
from gandan.web import form_add_domain_error

# Online petitions per address and hour, per phone and day (settings GANDAN_SUBMITS_*): enough for a family or a
# commune office sharing one connection, too few to flood a commune's worklist.
SUBMIT_SCOPE = "petition"
_SALT = "gandan.petitions.lookup"

KIND_HELP = [
    (
        Kind.COMPLAINT,
        gettext_lazy(
            "You ask for a decision or an act of an official that harms your rights to be reviewed."
        ),
    ),
    (Kind.DENUNCIATION, gettext_lazy("You report a violation of the law by an official or anyone else.")),
    (Kind.RECOMMENDATION, gettext_lazy("You propose how something should be done or changed.")),
    (Kind.REFLECTION, gettext_lazy("You tell the commune about a problem it should know about.")),
]


# --- the signed link ---------------------------------------------------------------------------------------------


def lookup_token(petition: Petition) -> str:
    """The link shown after sending carries a signed token instead of the phone digits: the code and the petition's
    random lookup_secret, so knowing (or signing) a code is not enough."""
    return make_token(petition.code, petition.lookup_secret, salt=_SALT)


def lookup_url(petition: Petition) -> str:
    return reverse("petitions_public:lookup_token", kwargs={"token": lookup_token(petition)})


def _petition_from_token(token: str) -> Petition:
    parts = read_token(token, salt=_SALT)
    if parts is None:
        raise Http404  # tampered, or an old link that signed the code only
    code, secret = parts
    petition = petition_by_code(code)
    if petition is None or not secret_matches(petition.lookup_secret, secret):
        raise Http404
    return petition


# --- looking a petition up -------------------------------------------------------------------------------------------


def _show(request, petition: Petition, *, token: str):
    context = {"info": public_status(petition), "token": token}
    return render(request, "petitions/public/status.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    """As the desk's lookup (dossiers/public.py): the form posts the code and the digits, a petition found is shown
    at its signed link (a redirect), so the digits never stand in an address; an old bookmark carrying them is
    looked up once and sent on."""
    form, typed = bound_lookup(request, LookupForm)
    throttled = False
    if typed and form.is_valid():
        # The same lookup as the API's (services.lookup): same lock, same values.
        result = petition_public_lookup(
            request=request, code=form.cleaned_data["code"], phone_last4=form.cleaned_data["phone_last4"]
        )
        if result.petition is not None:
            return redirect(lookup_url(result.petition))
        throttled = result.refusal is not None
        form.add_error(
            None,
            result.refusal
            or _(
                "No petition matches this code and these phone digits. Check the code you were given and the last 4 "
                "digits of the phone you wrote on the petition."
            ),
        )
    return lookup_page(request, "petitions/public/lookup.html", form, throttled=throttled)


@require_safe
def lookup_token_view(request, token: str):
    return _show(request, _petition_from_token(token), token=token)


# --- sending a petition ----------------------------------------------------------------------------------------------


class PublicPetitionForm(PetitionForm):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Commune or ward that should handle it"),
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("Choose the commune"),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I confirm the information is true and agree that the commune uses my personal data only to "
            "handle this petition."
        )
    )

    field_order = [
        "unit",
        "kind",
        "subject",
        "content",
        "name",
        "address",
        "phone",
        "email",
        "id_number",
        "attachment",
        "consent",
    ]

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes
        for name in ("name", "address", "phone"):
            self.fields[name].required = True
        self.fields["phone"].help_text = gettext_lazy("You need its last 4 digits to follow your petition.")
        self.fields["email"].help_text = gettext_lazy("Optional.")
        self.fields["id_number"].help_text = gettext_lazy(
            "Optional. 12 digits, on the chip-based ID card (căn cước)."
        )

    def clean_phone(self):
        phone = clean_phone(self.cleaned_data.get("phone"))
        if phone and not is_phone(phone):
            raise forms.ValidationError(
                _("Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678.")
            )
        return phone

    def clean_id_number(self):
        number = clean_citizen_id(self.cleaned_data.get("id_number") or "")
        if number and citizen_id_problems(number):
            raise forms.ValidationError(_("A citizen ID number has exactly 12 digits, e.g. 025190012345."))
        return number


def redact(text: str, person: dict) -> str:
    """The text with the citizen's name, address, e-mail, phone and ID number replaced by ***, found also without
    diacritics, across lines and with any separators (gandan.core.redaction; Art. 56(2): the copy handed to
    verifiers carries no name or address of the denunciator)."""
    return redact_identity(normalize(text, multiline=True), person).text


def _receive(form: PublicPetitionForm) -> Petition:
    from gandan.petitions.services import petition_receive

    d = form.cleaned_data
    person = {k: d.get(k) or "" for k in ("name", "address", "phone", "email", "id_number")}
    kind, subject, content = d["kind"], d["subject"], d["content"]
    protected = kind == Kind.DENUNCIATION
    original = ""
    if protected:
        original = f"{subject}\n\n{content}"
        subject, content = redact(subject, person), redact(content, person)
    upload = d.get("attachment")
    created = petition_receive(
        unit=d["unit"],
        channel=Channel.ONLINE,
        parts=[{"kind": kind, "subject": subject, "content": content}],
        persons=[person],
        original_text=original,
        attachments=[upload] if upload is not None and not protected else [],
        protected_attachments=[upload] if upload is not None and protected else [],
        by=None,
    )
    return created[0]


def _add_domain_error(form, error: DomainError) -> None:
    """A service's refusal next to the field it concerns: "persons.0.phone" is the form's "phone"."""
    aliases = {"attachments": "attachment", "persons": None, "signers": None}

    def rename(field: str) -> str | None:
        name = field.rsplit(".", 1)[-1]
        return aliases.get(name, name)

    form_add_domain_error(form, error, rename=rename)


@require_http_methods(["GET", "POST"])
@once_per_token
def submit(request):
    home = portal_unit()
    initial = {"unit": home.pk if home is not None else None}
    if request.GET.get("kind") in {k for k, _label in KIND_HELP}:
        initial["kind"] = request.GET["kind"]
    refusal = None
    if request.method == "POST":
        # Limits first: the address before the body is read, the phone before any upload is checked.
        refusal = submit_refusal_by_address(request, SUBMIT_SCOPE) or submit_refusal_by_phone(
            SUBMIT_SCOPE, request.POST.get("phone", "")
        )
    if refusal:
        form = refused(PublicPetitionForm(communes=communes_in_force(), initial=initial), refusal)
        chosen = initial.get("kind")
        context = {"form": form, "kind_help": KIND_HELP, "denunciation": chosen == Kind.DENUNCIATION}
        return render(request, "petitions/public/submit.html", context, status=429)
    form = PublicPetitionForm(
        request.POST or None, request.FILES or None, communes=communes_in_force(), initial=initial
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            petition = create_once(request, lambda: _receive(form), url=_submitted_url)
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            submit_counted(request, SUBMIT_SCOPE, form.cleaned_data.get("phone") or "")  # what was sent
            return redirect("petitions_public:submitted", token=lookup_token(petition))
    if request.method == "POST":
        submit_upload_refused(request, SUBMIT_SCOPE, form)
    chosen = form["kind"].value() if form.is_bound else initial.get("kind")
    context = {"form": form, "kind_help": KIND_HELP, "denunciation": chosen == Kind.DENUNCIATION}
    return render(request, "petitions/public/submit.html", context, status=status)


def _submitted_url(petition: Petition) -> str:
    return reverse("petitions_public:submitted", kwargs={"token": lookup_token(petition)})


@require_safe
def submitted(request, token: str):
    petition = _petition_from_token(token)
    return render(
        request,
        "petitions/public/submitted.html",
        {"petition": petition, "info": public_status(petition), "token": token},
    )


app_name = "petitions_public"
urlpatterns = [
    path("kien-nghi/gui/", submit, name="submit"),
    path("kien-nghi/da-gui/<str:token>/", submitted, name="submitted"),
    path("kien-nghi/tra-cuu/", lookup, name="lookup"),
    path("kien-nghi/tra-cuu/<str:token>/", lookup_token_view, name="lookup_token"),
]

"""Citizen pages of the consultations (no login, no script needed): the consultations of the communes — those open
for comments first, then those whose summary is published —, a consultation's page with its sections and, while it
is open, the form to comment (name optional, contact never shown, limited per connection and phone like every public
form); after the summary is published, the summary, the explanation and the answer to each opinion. A draft is not
public; a commenter's contact never leaves the commune."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.core.democracy.consultations import Phase
from gandan.democracy.forms_consultations import PublicCommentForm, PublicFilterForm
from gandan.democracy.selectors import consultations as selectors
from gandan.democracy.services.consultations import comment_submit
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.kit.throttle import refused, submit_counted, submit_refusal_by_address, submit_refusal_by_phone
from gandan.portal.selectors import address_commune_chosen, outside_address
from gandan.web import form_add_domain_error, paginate

#: Opinions per connection and hour, per phone and day (settings GANDAN_SUBMITS_*), counted apart from petitions.
SUBMIT_SCOPE = "consultation"
PER_PAGE = 12


@require_safe
def consultation_list(request):
    communes = list(selectors.public_communes())
    query = address_commune_chosen(request.GET, communes)
    form = PublicFilterForm(query or None, communes=communes)
    data = form.cleaned_data if form.is_valid() else {}
    code = data.get("xa") or ""
    commune = next((u for u in communes if u.code == code), None)
    rows = selectors.public_consultations(commune=commune, phase=data.get("phase") or "")
    filtered = bool(code or data.get("phase"))
    context = {
        "form": form,
        "filtered": filtered,
        "commune": commune,
        **paginate(request, rows, per_page=PER_PAGE),
    }
    return render(request, "democracy/public/consultations_list.html", context)


def _form(consultation, data=None):
    return PublicCommentForm(
        data,
        sections=consultation.sections.all(),
        villages=selectors.consultation_villages(consultation),
    )


def _page(request, consultation, form, *, status: int = 200):
    p = consultation.phase
    context = {
        "c": consultation,
        "phase": p.value,
        "sections": selectors.consultation_sections(consultation),
        "comments": list(selectors.public_comments(consultation)) if p is Phase.PUBLISHED else [],
        "form": form if p is Phase.OPEN else None,
    }
    return render(request, "democracy/public/consultation.html", context, status=status)


def _submit(consultation, form):
    data = form.cleaned_data
    return comment_submit(consultation=consultation, **data)


@require_http_methods(["GET", "POST"])
@once_per_token
def consultation_page(request, pk: int):
    consultation = selectors.public_consultation_get(pk)
    if outside_address(consultation.unit_path):
        raise Http404
    if request.method != "POST":
        return _page(request, consultation, _form(consultation))
    if consultation.phase is not Phase.OPEN:
        # The page no longer shows the form; a form sent from an old page is answered with the window.
        messages.error(request, selectors.window_message(consultation))
        return _page(request, consultation, None, status=409)
    refusal = submit_refusal_by_address(request, SUBMIT_SCOPE) or submit_refusal_by_phone(
        SUBMIT_SCOPE, request.POST.get("contact", "")
    )
    if refusal:
        return _page(request, consultation, refused(_form(consultation), refusal), status=429)
    form = _form(consultation, request.POST)
    if form.is_valid():
        try:
            create_once(
                request,
                lambda: _submit(consultation, form),
                url=lambda _c: reverse("democracy_public:consultation", args=[consultation.pk]),
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            submit_counted(request, SUBMIT_SCOPE, form.cleaned_data.get("contact") or "")
            messages.success(
                request,
                _("Thank you: your opinion was received. The commune will answer it in the summary it publishes "
                  "after the consultation."),
            )  # fmt: skip
            return redirect("democracy_public:consultation", pk=consultation.pk)
    return _page(request, consultation, form, status=422)


urlpatterns = [
    path("lay-y-kien/", consultation_list, name="consultations"),
    path("lay-y-kien/<int:pk>/", consultation_page, name="consultation"),
]

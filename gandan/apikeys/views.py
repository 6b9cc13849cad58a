"""The administrator's pages: the keys of his units (filters, pages), a new key shown once, revoking with a
confirmation."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.accounts.rules import Perm
from gandan.apikeys.forms import SCOPE_CHOICES, KeyFilterForm, KeyForm
from gandan.apikeys.selectors import (
    KeyFilter,
    apikey_get_for_user,
    apikey_list_for_user,
    unit_choices_for_user,
)
from gandan.apikeys.services import apikey_create, apikey_revoke
from gandan.errors import DomainError
from gandan.kit.idempotency import create_once, once_per_token
from gandan.web import form_add_domain_error, paginate, require_perm

MANAGE = Perm.APIKEYS_MANAGE
SCOPE_LABELS = dict(SCOPE_CHOICES)


@require_safe
@login_required
def key_list(request):
    require_perm(request.user, MANAGE)
    form = KeyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = KeyFilter(q=data.get("q") or "", status=data.get("status") or "")
    context = {
        "form": form,
        "filtered": filters.used,
        "now": timezone.now(),
        **paginate(request, apikey_list_for_user(request.user, filters)),
    }
    for key in context["page_obj"].object_list:
        # What each scope allows, in words (the codes mean nothing to the administrator reading the list).
        key.scope_labels = [SCOPE_LABELS.get(scope, scope) for scope in key.scopes]
    return render(request, "apikeys/list.html", context)


def _expiry(day: dt.date | None) -> dt.datetime | None:
    """The end of the chosen day, local time: a key "valid until 31/12" works all of the 31st."""
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


@require_http_methods(["GET", "POST"])
@login_required
@once_per_token
def key_new(request):
    require_perm(request.user, MANAGE)
    user = request.user
    form = KeyForm(request.POST or None, units=unit_choices_for_user(user), initial={"unit": user.unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = create_once(
                request,
                lambda: apikey_create(
                    name=data["name"],
                    unit=data["unit"],
                    scopes=data["scopes"],
                    expires_at=_expiry(data.get("expires_on")),
                    by=user,
                ),
                url=lambda made: reverse("apikeys:list"),
            )
        except DomainError as error:
            form_add_domain_error(form, error, rename={"expires_at": "expires_on"})
        else:
            # Shown on this answer only: the key is not kept, and the page is never cached (no-store).
            scopes = [SCOPE_LABELS.get(s, s) for s in made.key.scopes]
            return render(
                request, "apikeys/created.html", {"key": made.key, "secret": made.secret, "scopes": scopes}
            )
    status = 422 if request.method == "POST" else 200
    return render(request, "apikeys/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def key_revoke(request, pk: int):
    require_perm(request.user, MANAGE)
    key = apikey_get_for_user(request.user, pk)
    if request.method == "POST":
        try:
            apikey_revoke(key=key, by=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The key %(prefix)s was revoked: it is refused from now on.") % {"prefix": key.prefix},
            )
        return redirect("apikeys:list")
    return render(request, "apikeys/revoke.html", {"key": key})


urlpatterns = [
    path("", key_list, name="list"),
    path("new/", key_new, name="new"),
    path("<int:pk>/revoke/", key_revoke, name="revoke"),
]

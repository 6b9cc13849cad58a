"""The officer's own redaction of a case (issue #9, point 4): phrases to take out of the subject and content before
the case is shared. The rules and every stored copy are in services.redaction."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.petitions import services
from gandan.petitions.selectors import petition_get_for_user
from gandan.web import form_add_domain_error, require_perm


class RedactForm(forms.Form):
    phrases = forms.CharField(
        label=gettext_lazy("Phrases to redact"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text=gettext_lazy(
            "One per line, as written in the text: found also without diacritics and across lines. Each is "
            "replaced by *** in the subject, the content, the reception book, search and statistics. The phrases "
            "themselves are not recorded anywhere."
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def redact(request, pk: int):
    require_perm(request.user, Perm.PETITIONS_VIEW)
    petition = petition_get_for_user(request.user, pk)
    if not services.may_redact(request.user, petition):
        raise PermissionDenied
    form = RedactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            places = services.petition_redact(
                petition=petition, by=request.user, phrases=form.cleaned_data["phrases"]
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s place was redacted.", "%(n)s places were redacted.", places) % {"n": places},
            )
            return redirect("petitions:detail", pk=pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "petitions/redact.html", {"petition": petition, "form": form}, status=status)


urlpatterns = [path("<int:pk>/redact/", redact, name="redact")]

"""A citizen's lookup form (a dossier's, a petition's): a code and the last digits of a phone or an ID.

The form posts them, so that the digits never stand in an address; an old bookmark carrying both in its query
(`?code=…&phone_last4=…`, the forms' address until 12/2026) is still looked up once; `?code=` alone (a link from a
notice or a receipt) fills the code in. What the page answers: 200 for the empty form, 422 when a field must be
mended (the form says which), 404 when nothing matches, 429 when the lookups of this address or this code are
refused for a while.
"""

import re
from urllib.parse import unquote_plus

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.encoding import escape_uri_path


def bound_lookup(request: HttpRequest, form_class: type[forms.Form]) -> tuple[forms.Form, bool]:
    """The form, bound when something was typed (posted, or both fields in an old bookmark's query), and whether
    it was. A code in the query is cut to the field's own length before it is shown again."""
    data = request.POST if request.method == "POST" else request.GET
    fields = form_class.base_fields
    typed = request.method == "POST" or all(name in data for name in fields)
    limit = getattr(fields["code"], "max_length", None)
    initial = {"code": request.GET.get("code", "")[:limit]}
    return form_class(data if typed else None, initial=initial), typed


def lookup_page(request: HttpRequest, template: str, form: forms.Form, *, throttled: bool) -> HttpResponse:
    """The lookup page as `form` stands, with its status (`lookup_status`). Its Referer is the site's origin alone:
    an old bookmark's failed lookup is shown at an address that still holds the digits, and neither its styles'
    and scripts' requests nor a click away should carry that address on. (Not "no-referrer": with it a browser
    sends `Origin: null` with the form's POST, and Django's CSRF check refuses the citizen's lookup.)"""
    response = render(request, template, {"form": form}, status=lookup_status(form, throttled=throttled))
    response["Referrer-Policy"] = "strict-origin"
    return response


def lookup_status(form: forms.Form, *, throttled: bool) -> int:
    """The HTTP status of the lookup page as `form` stands (its not-found message, if any, added as a non-field
    error): throttled 429, a field to mend 422, not found 404, else 200."""
    if throttled:
        return 429
    if not form.is_bound or not form.errors:
        return 200
    return 422 if any(name != NON_FIELD_ERRORS for name in form.errors) else 404


#: Query parameters that carry a citizen's digits or a code that opens a record (the lookup forms', the API's, a
#: dialogue question's `ma`): an address holding them is never written into a page again (the language switch's
#: return address), so a click cannot put them back into a history, a log or a Referer.
SECRET_QUERY = frozenset({"phone_last4", "last4", "ma"})
_SECRET_NAME = re.compile(r"(?:^|&)(?:{})(?:=|&|$)".format("|".join(sorted(SECRET_QUERY))))


def address_without_secrets(request: HttpRequest) -> str:
    """The page's path and query, less the parameters that carry a citizen's digits. Read from the raw query
    string first: this runs on every page (the language switch), and parsing a query of more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters raises, which would turn any page, its error pages included, into a
    server error."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw or not _SECRET_NAME.search(unquote_plus(raw)):  # "phone%5Flast4" is phone_last4 too
        return request.get_full_path()
    path = escape_uri_path(request.path)
    try:
        kept = request.GET.copy()
    except TooManyFieldsSent:
        return path
    for name in SECRET_QUERY:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{path}?{encoded}" if encoded else path

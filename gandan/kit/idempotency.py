"""A form sent twice creates one record, not two.

A double click, a slow connection and a resend after "back", or a browser retrying a POST: each sends the same form
again. Every form that creates a record carries a hidden one-time token (`{% load idempotency %}{% submission_token %}`
inside the form; nothing is stored when the form is shown). On POST the view wraps its service call in
`create_once(request, create, url=...)`: the token is inserted into `SubmissionToken` (unique) in the SAME transaction
that creates the record, so

- a second POST that arrives after the first was saved finds the token and is sent to the first record's page;
- a second POST that races the first waits on the unique index (PostgreSQL) or on the write lock (SQLite's
  IMMEDIATE transactions) until the first commits, then fails its insert and is sent to the same page;
- if the first fails (a form error, a refused rule), its transaction rolls back with the token, and the form shown
  again carries the same token, so the corrected form can still be sent once.

A POST without a token (the JSON API, an old page) creates as before. The view is decorated with `@once_per_token`,
which answers a replay instead of running the view. A token is sent back to its result only for the officer who
sent it (citizens' tokens are 192 random bits, shown only in their own page). Tokens older than
`SUBMISSION_TOKEN_DAYS` (2) days are purged now and then while claiming a new one.
"""

import datetime as dt
import re
import secrets
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django import template
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from gandan.portal.models import SubmissionToken

FIELD = "submission_token"
SUBMISSION_TOKEN_DAYS = 2
PURGE_ONE_IN = (
    50  # claims; a purge is one indexed DELETE, kept off most requests so writers do not queue on it
)
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{16,64}")

T = TypeVar("T")


class AlreadySubmitted(Exception):
    """Raised by `create_once` when the token was claimed meanwhile; `@once_per_token` turns it into the answer."""

    def __init__(self, claim: SubmissionToken | None):
        super().__init__("already submitted")
        self.claim = claim


def new_token() -> str:
    return secrets.token_urlsafe(24)


def posted_token(request) -> str | None:
    """The token a POST carries, if it is one we could have issued (anything else counts as no token)."""
    value = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return value if _WELL_FORMED.fullmatch(value) else None


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def create_once(request, create: Callable[[], T], *, url: Callable[[T], str]) -> T:
    """Run `create` (a service call) and claim the form's token in one transaction; `url(result)` is where a second
    submission of the same form is sent. Without a token, simply `create()`. Exceptions of `create` propagate and
    leave the token unclaimed."""
    token = posted_token(request)
    if token is None:
        return create()
    now = timezone.now()
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        submission_tokens_purge(now=now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = SubmissionToken.objects.create(token=token, by_id=_user_id(request), created_at=now)
        except IntegrityError:
            raise AlreadySubmitted(SubmissionToken.objects.filter(token=token).first()) from None
        result = create()
        claim.result_url = url(result)
        claim.save(update_fields=["result_url"])
    return result


def submission_tokens_purge(*, now: dt.datetime | None = None) -> int:
    before = (now or timezone.now()) - dt.timedelta(days=SUBMISSION_TOKEN_DAYS)
    deleted, _by_model = SubmissionToken.objects.filter(created_at__lt=before).delete()
    return deleted


def once_per_token(view):
    """For a view whose form creates a record: a POST whose token was already used is answered with the first
    result instead of running the view again."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = posted_token(request)
        if token is not None:
            claim = SubmissionToken.objects.filter(token=token).first()
            if claim is not None:
                return _replay(request, claim)
        try:
            return view(request, *args, **kwargs)
        except AlreadySubmitted as already:
            return _replay(request, already.claim)

    return wrapped


def _replay(request, claim: SubmissionToken | None):
    if claim is not None and claim.result_url and claim.by_id == _user_id(request):
        messages.info(
            request, _("This form had already been sent and was saved once; here is what it created.")
        )
        return redirect(claim.result_url)
    return render(request, "already_submitted.html", status=409)


# --- the hidden field ----------------------------------------------------------------------------------------------

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_token(context, form=None) -> str:
    """The hidden field: the token the form was posted with when it is shown again after an error (that token was
    not claimed), a new one otherwise; a page kept for every reader (gandan.kit.pagecache) puts its mark here, which
    each reader's copy replaces with a new token.

    On a page with several forms (`{% submission_token form=note_form %}`), only the form that was posted (bound)
    keeps the posted token: the others get new ones, so sending another form of the page first does not use up the
    token of the one being corrected."""
    request = context.get("request")
    reuse = request is not None and (form is None or getattr(form, "is_bound", False))
    token = context.get("submission_token_value") or (posted_token(request) if reuse else None) or new_token()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)

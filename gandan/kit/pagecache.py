"""A whole public page kept for anonymous readers, with what is personal filled in on each request.

A citizen's page that many people read (an article with its opinions) is the same for all of them except two
values: the CSRF token (the reader's own cookie, masked) and the form's one-time submission token
(`gandan.kit.idempotency`). `serve` renders such a page once with two marks in their place, keeps the HTML in the
cache under a key the view builds from what the page shows (for an article: its id, its `updated_at`, the page of
opinions), and answers every later reader by replacing the marks with that reader's own values — two string
replacements instead of a template render and its queries.

It is used only when nothing else personal can be on the page: a GET without a session cookie (no signed-in officer,
no session messages), without a message cookie (a "your opinion was received" notice), and with no query parameter
the view does not name. Anything else renders as usual. The key always adds the language, the commune's address
(script prefix, scheme and host) and the full path, so one cached copy is never served in another language, under another
commune's address or for another page of opinions. `TIMEOUT` bounds how long the parts of a page that are not in its key (the "latest news"
beside an article) may lag."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils.translation import get_language

from gandan.kit.idempotency import new_token

# Letters and digits only, so no escaping in HTML or in an attribute can change them.
CSRF_MARK = "GanDanPageCacheCsrfMark0c6f1e"
SUBMISSION_MARK = "GanDanPageCacheSubmissionMark93b2d4"
MARKS: Mapping[str, str] = {"csrf_token": CSRF_MARK, "submission_token_value": SUBMISSION_MARK}
TIMEOUT = 60  # seconds
KEY_PREFIX = "gandan:page:"
MESSAGE_COOKIE = "messages"  # django.contrib.messages' cookie storage


def shareable(request: HttpRequest, params: Iterable[str] = ()) -> bool:
    """Whether this request may be answered from (and fill) the shared copy."""
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGE_COOKIE in request.COOKIES:
        return False
    allowed = set(params)
    return all(name in allowed for name in request.GET)


def cache_key(parts: Iterable[object], request: HttpRequest) -> str:
    raw = "|".join([*(str(p) for p in parts), get_language() or "", get_script_prefix(), request.get_host()])
    return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def serve(
    request: HttpRequest,
    parts: Iterable[object],
    build: Callable[[Mapping[str, str]], HttpResponse],
    *,
    params: Iterable[str] = (),
    timeout: int = TIMEOUT,
) -> HttpResponse:
    """The page for this request. `build(extra)` renders it with `extra` added to the template's context (the
    marks, or nothing when the page is not shared); `parts` are what the page shows that may change (its key)."""
    if not shareable(request, params):
        return build({})
    key = cache_key(parts, request)
    html = cache.get(key)
    if html is None:
        response = build(MARKS)
        if response.status_code != 200 or response.streaming:
            return response
        html = response.content.decode(response.charset)
        cache.set(key, html, timeout)
    return HttpResponse(personal(html, request))


def personal(html: str, request: HttpRequest) -> str:
    """The shared copy with this reader's own CSRF token and a fresh submission token."""
    return html.replace(CSRF_MARK, get_token(request)).replace(SUBMISSION_MARK, new_token())

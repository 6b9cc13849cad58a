"""What the browser would refuse under the site's Content-Security-Policy (script-src 'self'; style-src 'self'), found
in the pages as rendered — templates, form widgets, filters and Python-made HTML alike: an inline <script>, an
on-event attribute, a `javascript:` link, a style attribute or a <style> element would be silently blocked, and
the page would break. The crawl starts from the public home, the staff home (a commune's leader) and the
operations page (the administrator) and follows the links, one page per address pattern."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from gandan.kit.security import DEFAULT_POLICY
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

MAX_PAGES = 70  # per visitor
SKIP = ("/static/", "/api/docs", "/admin/", "/accounts/logout", "/i18n/")
ID = re.compile(r"/\d+(?=/|\.|$)")
EXECUTABLE = {"", "text/javascript", "module", "application/javascript"}


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") and (a.get("type") or "").lower() in EXECUTABLE:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        for name, val in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f'<{tag} style="{val}">')
            if name in ("href", "src", "action", "formaction") and (val or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def offenders(client: Client, starts: list[str]) -> tuple[int, list[str]]:
    queue, found = list(starts), []
    seen: set[str] = set()
    patterns: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        pattern = ID.sub("/{id}", path)
        if url in seen or path.startswith(SKIP) or pattern in patterns:
            continue
        seen.add(url)
        patterns.add(pattern)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Inline()
        parser.feed(response.content.decode(errors="replace"))
        found += [f"{path}: {what}" for what in parser.found]
        for href in parser.links:
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path)
    return len(seen), sorted(set(found))


def test_the_policy_forbids_what_the_crawl_looks_for():
    assert DEFAULT_POLICY["script-src"] == "'self'"
    assert DEFAULT_POLICY["style-src"] == "'self'"


def test_public_pages_have_no_inline_script_handler_or_style():
    visited, found = offenders(Client(), ["/", "/ho-so/tra-cuu/", "/accounts/login/"])

    assert visited >= 20
    assert found == []


def test_staff_pages_have_no_inline_script_handler_or_style(commune_leader):
    visited, found = offenders(client_for(commune_leader), ["/staff/"])

    assert visited >= 50
    assert found == []


def test_the_administrators_pages_have_no_inline_script_handler_or_style(sysadmin):
    visited, found = offenders(client_for(sysadmin), ["/staff/operations/", "/staff/"])

    assert visited >= 20
    assert found == []


def test_the_detector_sees_each_kind_of_inline_code():
    parser = _Inline()
    parser.feed(
        '<div style="color:red" onclick="go()"><a href="javascript:go()">x</a></div><style>p{}</style>'
        '<script>go()</script><script src="/static/js/a.js"></script><script type="application/json">{}</script>'
    )

    assert len(parser.found) == 5

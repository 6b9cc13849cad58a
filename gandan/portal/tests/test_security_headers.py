"""Headers on every answer: a Content-Security-Policy that refuses inline script everywhere, and no browser or proxy
cache keeps a staff page, a signed-in user's page, a citizen's case or an API answer; static files keep their cache.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

from gandan.dossiers.models import Dossier
from gandan.dossiers.public import lookup_token
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else "" for d in header.split("; ")}


def no_store(response) -> bool:
    value = response.get("Cache-Control", "")
    return "no-store" in value and "private" in value and "public" not in value


@pytest.fixture
def staff(commune_leader):
    return client_for(commune_leader)


# --- Content-Security-Policy --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/staff/",
        "/api/docs",
        "/api/v1/health",
        "/api/openapi.json",
        "/this-page-does-not-exist/",
        "/admin/login/",
        "/accounts/login/",
        "/ho-so/tra-cuu/",
    ],
)
def test_every_answer_forbids_inline_script_and_foreign_sources(path, staff):
    response = staff.get(path)

    policy = directives(response)
    assert response.status_code in (200, 302, 404)
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'"


def test_an_anonymous_visitor_gets_the_policy_too():
    assert "script-src 'self'" in Client().get("/")["Content-Security-Policy"]


def test_no_template_of_the_site_has_inline_script_handlers_or_styles():
    """What the policy would refuse in a browser: a page relying on it would silently break."""
    offenders = []
    for template in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)",
            r"\son[a-z]+\s*=",
            r"javascript:",
            r"\sstyle\s*=",
            r"<style",
        ):
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert offenders == []


def test_htmx_is_told_not_to_inject_inline_style_nor_evaluate_code():
    html = Client().get("/").content.decode()

    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


def test_the_policy_can_be_sent_report_only_to_try_a_change(settings):
    settings.GANDAN_CSP_REPORT_ONLY = True

    response = Client().get("/")

    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


# --- Cache-Control -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/staff/", "/staff/dossiers/", "/staff/petitions/", "/api/v1/dossiers/"])
def test_staff_pages_and_api_answers_are_never_cached(path, staff):
    response = staff.get(path)

    assert response.status_code == 200
    assert no_store(response)


def test_a_citizens_lookup_result_is_never_cached():
    dossier = Dossier.objects.order_by("pk").first()

    response = Client().get(f"/ho-so/tra-cuu/{lookup_token(dossier)}/")

    assert response.status_code == 200
    assert dossier.code in response.content.decode()
    assert no_store(response)


def test_a_never_cache_view_keeps_its_header_and_adds_private_no_store(staff):
    response = staff.get("/accounts/login/")

    assert no_store(response)


def test_static_files_keep_their_long_cache():
    response = Client().get("/static/css/gandan.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    b"".join(response.streaming_content)

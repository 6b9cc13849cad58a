"""The production configuration as a deployment gets it (DEBUG=0, behind HTTPS): Django's deploy check passes at
the warning level, cookies are Secure, HttpOnly and SameSite, HSTS is on, and every answer carries the browser
hardening headers. The settings are read in a fresh process, since they depend on the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
READ = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({k: getattr(s, k, None) for k in (
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS",
    "MIDDLEWARE")}))
from django.test import Client
c = Client(HTTP_HOST="gandan.example", raise_request_exception=False)
print(json.dumps({p: c.get(p).status_code for p in ("/", "/staff/", "/api/v1/health", "/metrics")}))
"""


def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GANDAN_", "SECURE_", "DATABASE_URL"))}
    env.update(
        DEBUG="0",
        SECRET_KEY="test-production-" + "k7Qz9xW2mV4pL8sN1rT6yH3jF5dG0bC" * 2,
        ALLOWED_HOSTS="gandan.example",
        GANDAN_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="gandan.settings",
    )
    return env


def test_production_settings_pass_the_deploy_check_at_warning_level(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_and_transport(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    s = json.loads(out.strip().splitlines()[-2])
    plain_http = json.loads(out.strip().splitlines()[-1])

    assert s["DEBUG"] is False
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert s[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert s[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert s[f"{cookie}_COOKIE_SAMESITE"] == "Lax", cookie
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_SSL_REDIRECT"] is True
    assert (s["SECURE_REFERRER_POLICY"], s["SECURE_CROSS_ORIGIN_OPENER_POLICY"]) == (
        "same-origin",
        "same-origin",
    )
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert "gandan.kit.metrics.MetricsMiddleware" not in s["MIDDLEWARE"]  # metrics off unless configured
    # Plain HTTP goes to HTTPS, except what a monitor on the machine asks gunicorn directly.
    assert plain_http["/"] == plain_http["/staff/"] == 301
    assert plain_http["/api/v1/health"] not in (301, 302)
    assert plain_http["/metrics"] not in (301, 302)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/health", "/page-that-does-not-exist/"])
def test_every_answer_carries_the_hardening_headers(path):
    response = Client().get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_no_script_can_read_the_csrf_cookie():
    client = Client()
    page = client.get("/accounts/login/")
    token = page.cookies["csrftoken"]

    assert token["httponly"] is True
    assert token["samesite"] == "Lax"
    assert (
        'name="csrfmiddlewaretoken"' in page.content.decode()
    )  # the form carries it: no script needs the cookie


@pytest.mark.django_db
def test_the_language_cookie_is_httponly():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/"})

    cookie = response.cookies["django_language"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"

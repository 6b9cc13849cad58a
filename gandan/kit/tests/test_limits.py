"""A body larger than allowed is refused with 413 from its declared length, before a byte of it is read."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class WatchedBody:
    """A 50 MB body that only counts what the server reads of it."""

    def __init__(self, size: int) -> None:
        self.size, self.read_bytes = size, 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n is None or n < 0 else min(n, self.size - self.read_bytes)
        self.read_bytes += n
        return b"x" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(n)


def _post(path: str, body: WatchedBody, content_type: str):
    client = Client()
    environ: dict[str, Any] = {"wsgi.input": body}
    return client.generic("POST", path, CONTENT_TYPE=content_type, CONTENT_LENGTH=str(body.size), **environ)


@pytest.mark.parametrize("path", ["/kien-nghi/gui/", "/ho-so/nop/1/", "/accounts/login/"])
def test_a_50_mb_upload_is_refused_before_it_is_read(path):
    body = WatchedBody(50 * MB)

    response = _post(path, body, "multipart/form-data; boundary=xyz")

    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "lớn hơn 12 MB" in response.content.decode()
    # The refusal is a page like any other: no script may run in it, no cache may keep it.
    assert (
        "script-src 'self'" in response["Content-Security-Policy"] and "no-store" in response["Cache-Control"]
    )


def test_an_api_call_with_a_large_json_body_gets_a_json_413():
    body = WatchedBody(3 * MB)

    response = _post("/api/v1/petitions/duplicate-check", body, "application/json")

    assert response.status_code == 413 and body.read_bytes == 0
    assert response.json()["code"] == "body_too_large" and "2 MB" in response.json()["message"]


def test_a_body_within_the_limit_is_read_as_usual():
    response = Client().post("/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code in (200, 302, 403)


def test_a_body_longer_than_it_declared_is_cut_at_the_declared_length(rf, settings):
    from gandan.kit.limits import BodyLimitMiddleware

    body = WatchedBody(50 * MB)
    request = rf.generic(
        "POST", "/", CONTENT_TYPE="application/octet-stream", CONTENT_LENGTH="1000", **{"wsgi.input": body}
    )
    seen = {}

    def view(req):
        seen["body"] = req.read()
        from django.http import HttpResponse

        return HttpResponse()

    BodyLimitMiddleware(view)(request)

    assert len(seen["body"]) == 1000 and body.read_bytes <= 1000 + 64 * 1024

"""The inputs the security probe of issue #9 found answering 500: each now answers 400 with a Vietnamese message
(pages: the 400 page or the page with the error next to the field; the API: JSON with a stable code)."""

import pytest
from django.test import Client

CSRF = "k" * 32


@pytest.fixture
def client():
    """A browser's view: a server error is a 500 answer, not an exception in the test; CSRF is checked as live."""
    browser = Client(raise_request_exception=False, enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = CSRF
    return browser


STAFF_PAGES = [
    ("/staff/dossiers/book.xlsx?from=01/01/0001", "desk_officer", "năm 1900"),
    ("/staff/dossiers/book.xlsx?to=31/12/9999", "desk_officer", "năm 1900"),
    ("/staff/petitions/reception/book.xlsx?date_from=31/12/9999", "desk_officer", "năm 1900"),
    ("/staff/calendar/?year=-1", "desk_officer", "1900"),
    ("/staff/calendar/?year=99999999999999999999999", "desk_officer", "1900"),
]


@pytest.mark.parametrize(("url", "who", "says"), STAFF_PAGES)
def test_an_out_of_range_date_on_a_page_is_refused_in_vietnamese(client, request, url, who, says):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert says in response.content.decode()


@pytest.mark.parametrize(
    ("url", "who"),
    [
        ("/staff/petitions/reception/days/?month=9999-12", "desk_officer"),
        ("/staff/audit/?since=01/01/0001", "commune_leader"),
        ("/staff/audit/?until=31/12/9999", "commune_leader"),
    ],
)
def test_a_filter_page_shows_the_error_next_to_the_field(client, request, url, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 200
    assert "năm 1900" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/dossiers/indicators?month=0000-01", "/api/v1/dossiers/indicators?month=9999-12"],
)
def test_the_api_refuses_a_month_outside_the_years_it_knows(client, commune_leader, url):
    client.force_login(commune_leader)
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"
    assert "1900" in response.json()["message"]


@pytest.mark.parametrize("param", ["offset=99999999999999999999", "limit=99999999999999999999", "offset=-1"])
def test_the_api_refuses_a_page_past_the_database_integers(client, commune_leader, param):
    client.force_login(commune_leader)
    response = client.get(f"/api/v1/units/?{param}")
    assert response.status_code == 422  # the schema's bounds, as every other invalid field
    assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary=x"])
@pytest.mark.parametrize("url", ["/api/v1/dossiers/", "/api/v1/petitions/duplicate-check"])
def test_a_multipart_post_without_a_usable_boundary_is_a_400(client, desk_officer, content_type, url):
    client.force_login(desk_officer)
    response = client.generic("POST", url, b"x", content_type=content_type, HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 400
    assert response.json()["code"] == "http_error"  # as for any body that cannot be parsed
    assert "Không đọc được nội dung yêu cầu" in response.json()["message"]


@pytest.mark.parametrize(
    "url", ["/api/v1/units/?kind=%00", "/api/v1/dossiers/?q=%00", "/staff/units/?q=a%00b"]
)
def test_a_nul_character_in_the_query_is_dropped_before_it_reaches_the_database(client, desk_officer, url):
    """PostgreSQL cannot store a NUL in text: it was a 500 there."""
    client.force_login(desk_officer)
    assert client.get(url).status_code == 200


def test_a_nul_character_in_a_json_body_is_refused_in_vietnamese(client, desk_officer):
    client.force_login(desk_officer)
    response = client.post(
        "/api/v1/petitions/duplicate-check",
        b'{"content": "a\\u0000b"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=CSRF,
    )
    assert response.status_code == 400
    assert "ký tự NUL" in response.json()["message"]


def test_a_nul_character_in_a_json_body_is_answered_by_the_sites_own_page_even_in_debug(client, settings):
    """The probe saw Django's debug page (settings, paths, a stack) for this on `gandan run`, anonymously."""
    settings.DEBUG = True

    page = client.post("/kien-nghi/gui/", b'{"a": "\\u0000"}', content_type="application/json")
    api = client.post(
        "/api/v1/petitions/duplicate-check", b'{"a": "\\u0000"}', content_type="application/json"
    )

    assert page.status_code == 400 and "Traceback" not in page.content.decode()
    assert "ký tự NUL" in page.content.decode()
    assert api.status_code == 400 and api.json()["code"] == "invalid_parameter"

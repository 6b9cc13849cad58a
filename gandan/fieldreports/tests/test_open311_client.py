"""A third-party GeoReport v2 client, unmodified, against the running server: `georeport` 0.3.1 from PyPI (pinned in
the dev dependencies). It lists services, reads a definition, reads requests (one and many) in JSON and in XML
(it parses XML with xmltodict). It has no POST method: the request is posted with `requests`, the HTTP library the
client itself uses, as its documentation tells integrators to do, and read back through the client.

Against the site as `make run` serves it (gunicorn over the demo database, shared with the browser journeys), with the
demo's published API key."""

import datetime as dt

import pytest
import requests
from georeport import GeoReport  # type: ignore[import-untyped]

from gandan.demo import DEMO_API_KEY
from gandan.fieldreports.tests.open311_support import pothole_form

pytestmark = pytest.mark.django_db  # the test database's demo places give the point of a Sông Lô village


@pytest.fixture
def endpoint(live_site, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    return f"{live_site}/open311/v2"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unmodified_georeport_client_lists_posts_and_reads_back(endpoint, fmt):
    _round_trip(endpoint, DEMO_API_KEY, fmt)


def _round_trip(endpoint: str, secret: str, fmt: str) -> None:
    client = GeoReport(endpoint, jurisdiction="08848", api_key=secret, output_format=fmt)

    services = client.get_service_list()
    codes = {s["service_code"] for s in services}
    assert "duong-hu-hong" in codes
    pothole = next(s for s in services if s["service_code"] == "duong-hu-hong")
    assert str(pothole["metadata"]).lower() == "true"

    definition = client.get_service_definition("duong-hu-hong")
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    assert attributes[0]["code"] == "muc_do"

    posted = []
    for _ in range(3):
        response = requests.post(
            f"{endpoint}/requests.{fmt}", data={**pothole_form(), "api_key": client.api_key}, timeout=30
        )
        assert response.status_code == 200, response.text
        posted.append(response.text.split("PA-", 1)[1].split('"' if fmt == "json" else "<", 1)[0])
    codes_posted = [f"PA-{tail}" for tail in posted]

    one = client.get_service_request(codes_posted[0])
    assert one["service_request_id"] == codes_posted[0]
    assert one["service_code"] == "duong-hu-hong" and one["status"] == "open"

    many = client.get_service_requests(service_request_id=",".join(codes_posted))
    assert sorted(r["service_request_id"] for r in many) == sorted(codes_posted)
    listed = client.get_service_requests(service_code="duong-hu-hong", status="open")
    assert set(codes_posted) <= {r["service_request_id"] for r in listed}

    # Paging as the spec pages, with the client alone: consecutive start_date/end_date windows (a week each over the
    # demo's weeks) give every request of the default 90 days exactly once.
    everything = {r["service_request_id"] for r in client.get_service_requests()}
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    windows, pieces = [], []
    for week in range(13, -1, -1):
        start, end = (
            now - dt.timedelta(days=7 * (week + 1)),
            now - dt.timedelta(days=7 * week) + dt.timedelta(hours=1),
        )
        windows.append((start, end))
    for start, end in windows:
        try:
            answer = client.get_service_requests(
                start_date=start.strftime("%Y-%m-%dT%H:%M:%SZ"), end_date=end.strftime("%Y-%m-%dT%H:%M:%SZ")
            )
        except (
            TypeError
        ):  # the library's XML reader fails on an empty <service_requests/>: a window with none
            assert fmt == "xml"
            answer = []
        pieces += [r["service_request_id"] for r in (answer if isinstance(answer, list) else [answer])]
    assert set(pieces) == everything and set(codes_posted) <= everything

    # Paging (an extension the client does not know): the same client's HTTP layer with page/page_size.
    seen = []
    for page in (1, 2, 3):
        answer = requests.get(
            f"{endpoint}/requests.json",
            params={"page_size": 1, "page": page, "jurisdiction_id": "08848"},
            timeout=30,
        )
        seen += [r["service_request_id"] for r in answer.json()]
    assert seen == [r["service_request_id"] for r in listed][:3] or len(set(seen)) == 3

"""The reads of Open311: discovery, services, definitions, tokens, requests (filters, limits, pages, extensions),
in XML and JSON, and what they never show (the reporter, the exact spot, the typed address, hidden reports)."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from gandan.fieldreports.models import FieldReport
from gandan.fieldreports.open311.views import SPECIFICATION
from gandan.fieldreports.tests.open311_support import BASE, pothole_form, songlo_key, xml_errors

__all__ = ["songlo_key"]
pytestmark = pytest.mark.django_db


def _xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314


def _file(client, key, **change) -> str:
    response = client.post(f"{BASE}/requests.json", {**pothole_form(**change), "api_key": key})
    assert response.status_code == 200, response.content
    return response.json()[0]["service_request_id"]


def test_discovery_in_both_formats(client):
    data = client.get(f"{BASE}/discovery.json").json()
    assert data["changeset"] and data["contact"] and data["key_service"]
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == SPECIFICATION
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = _xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_services_list_in_both_formats(client):
    services = client.get(f"{BASE}/services.json").json()
    by_code = {s["service_code"]: s for s in services}
    assert by_code["duong-hu-hong"]["metadata"] is True and by_code["o-nhiem"]["metadata"] is False
    assert all(s["type"] == "realtime" for s in services)
    assert set(services[0]) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    root = _xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == set(by_code)
    assert root.find("service/metadata").text in {"true", "false"}


def test_service_definition_in_both_formats(client):
    data = client.get(f"{BASE}/services/duong-hu-hong.json").json()
    assert data["service_code"] == "duong-hu-hong"
    first = data["attributes"][0]
    assert first["code"] == "muc_do" and first["required"] is True and first["variable"] is True
    assert first["datatype"] == "singlevaluelist" and first["order"] == 1
    assert {"key": "lon", "name": "Lớn (trên 1 m) hoặc nguy hiểm"} in first["values"]
    root = _xml(client.get(f"{BASE}/services/duong-hu-hong.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key").text == "nho"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_or_jurisdiction_is_404_with_the_error_body(client, fmt):
    for url in (f"{BASE}/services/khong-co.{fmt}", f"{BASE}/services.{fmt}?jurisdiction_id=00000",
                f"{BASE}/requests/PA-0-0-0.{fmt}", f"{BASE}/tokens/nope.{fmt}",
                f"{BASE}/requests.{fmt}?service_code=khong-co"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        if fmt == "json":
            assert response["Content-Type"] == "application/json; charset=utf-8"
            (error,) = response.json()
            assert error["code"] == 404 and error["description"]
        else:
            ((code, description),) = xml_errors(response.content)
            assert code == "404" and description


def test_an_unknown_suffix_is_404(client):
    for url in (f"{BASE}/services.yaml", f"{BASE}/discovery.html", f"{BASE}/requests.csv"):
        response = client.get(url)
        assert response.status_code == 404 and xml_errors(response.content)


def test_a_token_gives_the_request_id(client, songlo_key):
    code = _file(client, songlo_key)
    token = FieldReport.objects.get(code=code).token
    assert client.get(f"{BASE}/tokens/{token}.json").json() == [{"service_request_id": code, "token": token}]
    root = _xml(client.get(f"{BASE}/tokens/{token}.xml"))
    assert root.find("request/service_request_id").text == code


def test_one_request_in_both_formats_shows_nothing_private(client, songlo_key):
    code = _file(client, songlo_key, address_string="Số 17 ngõ 4, nhà ông Bí Mật")
    report = FieldReport.objects.get(code=code)
    (item,) = client.get(f"{BASE}/requests/{code}.json").json()
    assert item["service_request_id"] == code and item["status"] == "open"
    assert item["service_code"] == "duong-hu-hong" and item["requested_datetime"].endswith("+07:00")
    assert (item["lat"], item["long"]) == (float(report.public_lat), float(report.public_long))
    assert report.village.name in item["address"]
    extended = client.get(f"{BASE}/requests/{code}.json?extensions=true").json()[0]["extended_attributes"]
    assert extended["extended_status"] == "OPEN" and extended["village"] == report.village.name
    assert extended["notes"][0]["type"] == "note"
    for fmt in ("json", "xml"):
        for url in (f"{BASE}/requests/{code}.{fmt}?extensions=true", f"{BASE}/requests.{fmt}?extensions=true",
                    f"{BASE}/servicerequestupdates.{fmt}"):  # fmt: skip
            body = client.get(url).content.decode()
            for secret in ("Bí Mật", "0912345678", "bimat@example.com", "device-secret-42", "acct-secret-7",
                           "Số 17", str(report.lat), str(report.long)):  # fmt: skip
                assert secret not in body, (url, secret)


def test_a_hidden_report_is_never_answered(client, songlo_key):
    code = _file(client, songlo_key)
    FieldReport.objects.filter(code=code).update(hidden=True)
    assert client.get(f"{BASE}/requests/{code}.json").status_code == 404
    assert code not in client.get(f"{BASE}/requests.json").content.decode()
    assert code not in client.get(f"{BASE}/requests.json?service_request_id={code}").content.decode()


def test_list_filters_status_service_and_jurisdiction(client, songlo_key):
    code = _file(client, songlo_key)
    listed = client.get(
        f"{BASE}/requests.json?service_code=duong-hu-hong,rac-thai&status=open&jurisdiction_id=08848"
    )
    assert code in [r["service_request_id"] for r in listed.json()]
    assert all(r["service_code"] in {"duong-hu-hong", "rac-thai"} for r in listed.json())
    closed = client.get(f"{BASE}/requests.json?status=closed").json()
    assert code not in [r["service_request_id"] for r in closed] and all(
        r["status"] == "closed" for r in closed
    )
    other = client.get(f"{BASE}/requests.json?jurisdiction_id=08824").json()
    assert code not in [r["service_request_id"] for r in other]
    root = _xml(client.get(f"{BASE}/requests.xml?status=open,closed&service_code=duong-hu-hong"))
    assert root.tag == "service_requests" and code in [r.findtext("service_request_id") for r in root]


def test_service_request_id_overrides_every_other_argument(client, songlo_key):
    first, second = _file(client, songlo_key), _file(client, songlo_key)
    url = f"{BASE}/requests.json?service_request_id={first},{second}&status=closed&service_code=rac-thai"
    url += "&start_date=2001-01-01&end_date=2001-01-02&jurisdiction_id=08824"
    assert sorted(r["service_request_id"] for r in client.get(url).json()) == sorted([first, second])


def test_dates_are_at_most_90_days_apart_and_default_to_the_last_90(client, songlo_key):
    code = _file(client, songlo_key)
    assert code in client.get(f"{BASE}/requests.json").content.decode()
    response = client.get(
        f"{BASE}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"
    )
    assert response.status_code == 400 and "90" in response.json()[0]["description"]
    assert response.json()[0]["code"] == 400
    old = client.get(f"{BASE}/requests.json?start_date=2001-01-01&end_date=2001-03-01").json()
    assert old == []
    now = timezone.localtime()
    start = (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+07:00")
    around = client.get(f"{BASE}/requests.json", {"start_date": start}).json()
    assert code in [r["service_request_id"] for r in around]


def test_pages_split_the_list_without_overlap(client, songlo_key):
    for _ in range(3):
        _file(client, songlo_key)
    whole = [r["service_request_id"] for r in client.get(f"{BASE}/requests.json?page_size=1000").json()]
    assert len(whole) >= 3
    paged = []
    for page in (1, 2, 3):
        paged += [
            r["service_request_id"]
            for r in client.get(f"{BASE}/requests.json?page_size=1&page={page}").json()
        ]
    assert paged == whole[:3]
    assert client.get(f"{BASE}/requests.json?page=999999").json() == []
    assert client.get(f"{BASE}/requests.json?page_size=1001").status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "start_date=0000-01-01T00:00:00Z",
        "start_date=0001-01-01",
        "end_date=9999-12-31T23:59:59Z",
        "start_date=2026-13-45",
        "start_date=%00",
        "page=%00",
        "page=-1",
        "page=99999999999999999999",
        "page=1e9",
        "page_size=0",
        "status=%00",
        "status=maybe",
        "service_request_id=%00",
        "service_request_id=" + ",".join(["x"] * 5000),
        "jurisdiction_id=%00",
        "service_code=%00%ff",
        "start_date=2026-12-01T00:00:00%2B99:00",
        "extensions=%ff",
        "start_date=%ff%fe",
        "service_code=&status=&start_date=&end_date=&page=&page_size=&jurisdiction_id=",
    ],
)
def test_hostile_queries_are_never_500(client, query):
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/requests.{fmt}?{query}")
        assert response.status_code in {200, 400, 404}, (query, response.status_code)
        if response.status_code != 200:
            body = (
                response.json() if fmt == "json" else [{"code": c} for c, _d in xml_errors(response.content)]
            )
            assert body and str(body[0]["code"]) == str(response.status_code)


def test_empty_arguments_count_as_absent(client):
    plain = client.get(f"{BASE}/requests.json").json()
    empty = client.get(
        f"{BASE}/requests.json?service_code=&status=&start_date=&end_date=&page=&page_size="
    ).json()
    assert plain == empty


def test_the_list_is_a_fixed_number_of_queries(client, songlo_key, django_assert_max_num_queries):
    for _ in range(3):
        _file(client, songlo_key)
    with django_assert_max_num_queries(6):
        data = client.get(f"{BASE}/requests.json?page_size=1000").json()
    assert len(data) >= 3
    json.dumps(data)


def test_updates_list_needs_dates_within_90_days(client):
    assert (
        client.get(f"{BASE}/servicerequestupdates.json?start_date=2025-01-01&end_date=2026-01-01").status_code
        == 400
    )
    root = _xml(client.get(f"{BASE}/servicerequestupdates.xml"))
    assert root.tag == "service_request_updates"


def test_a_withheld_photo_is_not_served(client):
    assert client.get(f"{BASE}/media/999999999.jpg").status_code == 404
    assert client.get(f"{BASE}/media/{10**30}.jpg").status_code == 404


def test_a_wrong_method_is_the_spec_400(client):
    for method, url in (("post", "services.json"), ("put", "requests.json"), ("delete", "requests/x.xml"),
                        ("patch", "servicerequestupdates.json"), ("post", "discovery.xml")):  # fmt: skip
        response = getattr(client, method)(f"{BASE}/{url}")
        assert response.status_code == 400, (method, url)
        body = (
            response.json()
            if url.endswith("json")
            else [{"code": int(c)} for c, _d in xml_errors(response.content)]
        )
        assert body[0]["code"] == 400

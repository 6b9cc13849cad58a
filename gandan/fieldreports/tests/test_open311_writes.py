"""POST requests and POST servicerequestupdates: the key decides who may file where; every problem is the spec's
error body naming the argument to fix; nothing is saved on an error."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gandan.apikeys.services import apikey_revoke
from gandan.apikeys.tests.factories import key_for
from gandan.fieldreports.models import FieldReport, Photo, Update
from gandan.fieldreports.tests.open311_support import (
    BASE,
    DEMO_KEY,
    other_point,
    pothole_form,
    songlo_key,
    tamson_key,
    xml_errors,
)
from gandan.kit.tests.files import jpeg_bytes

__all__ = ["songlo_key", "tamson_key"]
pytestmark = pytest.mark.django_db


def _post(client, fmt="json", **form):
    return client.post(f"{BASE}/requests.{fmt}", form)


def test_it_files_a_request_and_answers_its_id_in_json(client, songlo_key):
    response = _post(client, api_key=songlo_key, **pothole_form())
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    (item,) = response.json()
    report = FieldReport.objects.get(code=item["service_request_id"])
    assert report.channel == "open311" and report.attributes == {"muc_do": "lon"}
    assert report.reporter_name == "Nguyễn Văn Bí Mật" and report.unit.code == "08848"
    assert item["service_notice"] and "token" not in item
    assert item["account_id"] == "acct-secret-7"


def test_it_files_a_request_in_xml_with_the_key_in_the_header(client, songlo_key):
    response = client.post(f"{BASE}/requests.xml", pothole_form(), HTTP_X_API_KEY=songlo_key)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?><service_requests><request>')
    assert b"<service_request_id>PA-08848-" in response.content


def test_the_published_demo_key_files_in_song_lo(client):
    response = _post(client, api_key=DEMO_KEY, **pothole_form())
    assert response.status_code == 200, response.content


def test_a_multivaluelist_and_an_address_are_taken(client, songlo_key):
    form = pothole_form(service_code="rac-thai", lat=None, long=None, address_string="Thôn gì đó, xã Sông Lô")
    form.pop("attribute[muc_do]")
    form["attribute[loai_rac][]"] = ["sinh_hoat", "xay_dung"]
    response = _post(client, api_key=songlo_key, **form)
    assert response.status_code == 200, response.content
    report = FieldReport.objects.get(code=response.json()[0]["service_request_id"])
    assert report.attributes == {"loai_rac": ["sinh_hoat", "xay_dung"]}


def test_media_files_become_photos(client, songlo_key):
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        f"{BASE}/requests.json", {**pothole_form(), "api_key": songlo_key, "media[]": [photo]}
    )
    assert response.status_code == 200, response.content
    report = FieldReport.objects.get(code=response.json()[0]["service_request_id"])
    assert Photo.objects.filter(report=report).count() == 1
    one = client.get(f"{BASE}/requests/{report.code}.json").json()[0]
    assert one["media_url"].startswith("http://testserver/open311/v2/media/")
    served = client.get(one["media_url"])
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    Photo.objects.filter(report=report).update(public=False)  # an officer withholds it (a face)
    assert client.get(one["media_url"]).status_code == 404
    again = client.get(f"{BASE}/requests/{report.code}.json?extensions=true").json()[0]
    assert again["media_url"] == "" and again["extended_attributes"]["photos"] == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_no_key_is_403_in_the_spec_body(client, fmt):
    before = FieldReport.objects.count()
    response = _post(client, fmt, **pothole_form())
    assert response.status_code == 403
    if fmt == "json":
        (error,) = response.json()
        assert error["code"] == 403 and "API" in error["description"]
    else:
        ((code, description),) = xml_errors(response.content)
        assert code == "403" and description
    assert FieldReport.objects.count() == before


def test_a_revoked_key_a_wrong_scope_and_a_garbled_key_are_403(client, home_commune):
    made = key_for(home_commune, scopes=("open311",))
    apikey_revoke(key=made.key, by=None)
    read_only = key_for(home_commune, scopes=("read",)).secret
    for key in (made.secret, read_only, "gd_nonsense", "x" * 500):
        response = _post(client, api_key=key, **pothole_form())
        assert response.status_code == 403, key
        assert response.json()[0]["code"] == 403


def test_another_communes_key_may_not_file_in_song_lo(client, tamson_key):
    before = FieldReport.objects.count()
    response = _post(client, api_key=tamson_key, **pothole_form())
    assert response.status_code == 403
    without = pothole_form()
    without.pop("jurisdiction_id")
    # Without jurisdiction_id the point finds its own commune, Sông Lô, outside the key's: refused, nothing saved.
    response = _post(client, api_key=tamson_key, **without)
    assert response.status_code == 403
    assert FieldReport.objects.count() == before


def test_a_province_key_files_only_inside_its_province(client, home_commune):
    province = home_commune.parent
    while province.parent is not None and province.kind not in {"province", "city"}:
        province = province.parent
    key = key_for(province, scopes=("open311",)).secret
    form = pothole_form()
    form.pop("jurisdiction_id")
    assert _post(client, api_key=key, **form).status_code == 200
    lat, long = other_point()
    assert (
        _post(client, api_key=key, **pothole_form(jurisdiction_id="08824", lat=lat, long=long)).status_code
        == 200
    )


def test_attribute_problems_are_400_naming_the_attribute_and_nothing_is_saved(client, songlo_key):
    before = (FieldReport.objects.count(), Update.objects.count())
    form = pothole_form(**{"attribute[muc_do]": "rat-to", "attribute[khong_co]": "x"})
    response = _post(client, api_key=songlo_key, **form)
    assert response.status_code == 400
    descriptions = " ".join(e["description"] for e in response.json())
    assert "attribute[muc_do]" in descriptions and "attribute[khong_co]" in descriptions
    assert all(e["code"] == 400 for e in response.json())
    assert (FieldReport.objects.count(), Update.objects.count()) == before


def test_a_missing_required_attribute_is_named(client, songlo_key):
    form = pothole_form()
    form.pop("attribute[muc_do]")
    response = _post(client, "xml", api_key=songlo_key, **form)
    assert response.status_code == 400
    assert any("attribute[muc_do]" in d for _c, d in xml_errors(response.content))


@pytest.mark.parametrize(
    ("change", "status", "named"),
    [
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "khong-co"}, 404, "khong-co"),
        ({"jurisdiction_id": "99999"}, 404, "99999"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "address"),
        ({"lat": "abc"}, 400, "lat"),
        ({"long": ""}, 400, "long"),
        ({"description": "x" * 4001}, 400, "description"),
        ({"email": "not-an-email"}, 400, "email"),
        ({"phone": "12"}, 400, "phone"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"lat": "10.77", "long": "106.70"}, 400, "lat"),
    ],
)
def test_each_bad_argument_is_named(client, songlo_key, change, status, named):
    before = FieldReport.objects.count()
    response = _post(client, api_key=songlo_key, **pothole_form(**change))
    assert response.status_code == status, response.content
    assert named in json.dumps(response.json(), ensure_ascii=False)
    assert FieldReport.objects.count() == before


@pytest.mark.parametrize(
    "change",
    [
        {"description": "a\x00b"},
        {"lat": "\x00"},
        {"attribute[\x00]": "x"},
        {"jurisdiction_id": "\x00"},
        {"service_code": "duong-hu-hong\x00"},
        {"attribute[muc_do][]": ["lon", "nho"]},
        {"lat": "1e400", "long": "nan"},
    ],
)
def test_hostile_posts_never_500(client, songlo_key, change):
    response = _post(client, api_key=songlo_key, **pothole_form(**change))
    assert response.status_code in {200, 400, 404}


def test_non_utf8_body_is_not_a_500(client, songlo_key):
    body = b"api_key=" + songlo_key.encode() + b"&service_code=duong-hu-hong&description=\xff\xfe&lat=\xc3"
    response = client.generic(
        "POST", f"{BASE}/requests.json", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {400, 404}


def test_an_unknown_suffix_is_404_in_xml(client, songlo_key):
    response = _post(client, "yaml", api_key=songlo_key, **pothole_form())
    assert response.status_code == 404 and response.content.startswith(b"<?xml")


# --- servicerequestupdates ------------------------------------------------------------------------------------------


def _filed(client, key) -> str:
    return _post(client, api_key=key, **pothole_form()).json()[0]["service_request_id"]


def test_an_update_moves_the_report_once_per_update_id(client, songlo_key):
    code = _filed(client, songlo_key)
    form = {"api_key": songlo_key, "service_request_id": code, "update_id": "fms-1", "status": "INVESTIGATING",
            "description": "Đã cử cán bộ kiểm tra", "updated_datetime": "2026-12-05T08:00:00+07:00"}  # fmt: skip
    first = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert first.status_code == 200, first.content
    again = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert again.json() == first.json()
    report = FieldReport.objects.get(code=code)
    assert report.status == "investigating"
    assert Update.objects.filter(report=report, external_id="fms-1").count() == 1
    xml = client.post(
        f"{BASE}/servicerequestupdates.xml",
        {**form, "update_id": "fms-2", "status": "FIXED", "description": "Đã vá xong"},
    )
    assert xml.status_code == 200 and b"<update_id>" in xml.content
    assert FieldReport.objects.get(code=code).status == "fixed"
    listed = client.get(f"{BASE}/servicerequestupdates.json").json()
    mine = [u for u in listed if u["service_request_id"] == code]
    assert [u["external_status_code"] for u in mine] == ["INVESTIGATING", "FIXED"]
    assert mine[-1]["status"] == "closed" and mine[-1]["description"] == "Đã vá xong"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"status": "BANANA"}, 400),
        ({"status": ""}, 400),
        ({"update_id": ""}, 400),
        ({"service_request_id": "PA-00000-26-99999"}, 404),
        ({"status": "REOPEN", "description": ""}, 400),  # open already: a comment, which needs its text
        ({"updated_datetime": "0000-01-01T00:00:00Z"}, 400),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(client, songlo_key, change, status):
    code = _filed(client, songlo_key)
    form = {"api_key": songlo_key, "service_request_id": code, "update_id": "u-x", "status": "IN_PROGRESS",
            "description": "x", **change}  # fmt: skip
    response = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert response.status_code == status, response.content
    assert FieldReport.objects.get(code=code).status == "new"


def test_an_update_repeating_the_status_is_a_comment_on_the_timeline(client, songlo_key):
    """FixMyStreet sends a citizen's or an officer's comment as an update with the current status."""
    code = _filed(client, songlo_key)
    form = {"api_key": songlo_key, "service_request_id": code, "update_id": "c-1", "status": "OPEN",
            "description": "Ổ gà đã rộng thêm sau trận mưa đêm qua"}  # fmt: skip
    response = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert response.status_code == 200, response.content
    report = FieldReport.objects.get(code=code)
    assert report.status == "new"
    note = Update.objects.get(report=report, external_id="c-1")
    assert note.action == "" and note.note.startswith("Ổ gà đã rộng thêm")
    closed = client.post(
        f"{BASE}/servicerequestupdates.json",
        {**form, "update_id": "c-2", "status": "CLOSED", "description": "Không thuộc tuyến xã quản lý"},
    )
    assert closed.status_code == 200 and FieldReport.objects.get(code=code).status == "no_further_action"


def test_an_update_by_another_communes_key_is_403(client, songlo_key, tamson_key):
    code = _filed(client, songlo_key)
    form = {"api_key": tamson_key, "service_request_id": code, "update_id": "t-1", "status": "FIXED",
            "description": "x"}  # fmt: skip
    assert client.post(f"{BASE}/servicerequestupdates.json", form).status_code == 403
    assert client.post(f"{BASE}/servicerequestupdates.json", {**form, "api_key": ""}).status_code == 403
    assert FieldReport.objects.get(code=code).status == "new"


def test_the_documented_examples_file_with_the_demo_key(client):
    """docs/open311.md and README.md post these exact arguments."""
    by_point = client.post(
        f"{BASE}/requests.json",
        {"api_key": DEMO_KEY, "jurisdiction_id": "08848", "service_code": "duong-hu-hong", "lat": "21.4141",
         "long": "105.3852", "description": "Ổ gà lớn trước cổng trường", "attribute[muc_do]": "lon"},
    )  # fmt: skip
    assert by_point.status_code == 200, by_point.content
    by_address = client.post(
        f"{BASE}/requests.xml",
        {"service_code": "rac-thai", "jurisdiction_id": "08848", "address_string": "Thôn Bến Đò, xã Sông Lô",
         "description": "Rác tồn đọng bên đường", "attribute[loai_rac][]": ["sinh_hoat", "xay_dung"]},
        HTTP_X_API_KEY=DEMO_KEY,
    )  # fmt: skip
    assert by_address.status_code == 200, by_address.content
    code = by_address.content.decode().split("<service_request_id>")[1].split("<")[0]
    report = FieldReport.objects.get(code=code)
    assert report.village is not None and report.village.name == "Thôn Bến Đò"
    (item,) = client.get(f"{BASE}/requests/{code}.json").json()
    assert item["address"].startswith("Thôn Bến Đò, ")


def test_past_the_keys_rate_it_is_429_with_retry_after(client, songlo_key, settings):
    settings.GANDAN_APIKEY_RATE = "2/min"
    answers = [_post(client, api_key=songlo_key, **pothole_form(phone="12")) for _ in range(3)]
    assert [a.status_code for a in answers] == [400, 400, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    assert answers[-1].json()[0]["code"] == 429


def test_a_request_without_description_is_filed_as_the_spec_allows(client, songlo_key):
    """GeoReport v2 makes the description optional: a category and a place say "street light out"."""
    response = _post(client, api_key=songlo_key, **pothole_form(description=""))
    assert response.status_code == 200, response.content
    report = FieldReport.objects.get(code=response.json()[0]["service_request_id"])
    assert report.description == "" and report.category.code == "duong-hu-hong"


def test_a_30_mb_photo_gets_the_specs_error_body_and_nothing_is_saved(client, songlo_key):
    before = FieldReport.objects.count()
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (30 * 1024 * 1024), content_type="image/jpeg")
    response = client.post(f"{BASE}/requests.json", {**pothole_form(), "api_key": songlo_key, "media[]": big})
    assert response.status_code == 413
    (error,) = response.json()
    assert error["code"] == 413 and "MB" in error["description"]
    assert FieldReport.objects.count() == before


def test_a_status_only_update_is_recorded_with_a_note_naming_the_application(client, songlo_key):
    """FixMyStreet sends status changes without a description, and retries refused ones."""
    code = _filed(client, songlo_key)
    form = {"api_key": songlo_key, "service_request_id": code, "update_id": "s-1", "status": "FIXED"}
    response = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert response.status_code == 200, response.content
    update = Update.objects.get(report__code=code, external_id="s-1")
    assert update.status == "fixed" and "Đã khắc phục" in update.note


def test_a_province_report_in_a_village_is_not_the_communes_key_to_move(client, songlo_key):
    form = pothole_form(service_code="de-kenh")
    form.pop("attribute[muc_do]")
    filed = _post(client, api_key=DEMO_KEY, **form)
    assert filed.status_code == 200, filed.content
    code = filed.json()[0]["service_request_id"]
    report = FieldReport.objects.get(code=code)
    assert report.unit.kind == "province" and report.village is not None
    answer = client.post(
        f"{BASE}/servicerequestupdates.json",
        {"api_key": songlo_key, "service_request_id": code, "update_id": "p-1", "status": "FIXED",
         "description": "Đã xử lý"},
    )  # fmt: skip
    assert answer.status_code == 403
    assert FieldReport.objects.get(code=code).status == "new"


def test_an_unreadable_character_never_breaks_the_xml_list(client, songlo_key):
    filed = _post(client, api_key=songlo_key, **pothole_form(description="Ổ gà \ufffe\uffff lớn"))
    assert filed.status_code == 200
    import xml.etree.ElementTree as ET

    ET.fromstring(client.get(f"{BASE}/requests.xml").content)  # noqa: S314 — our own answer must parse


def test_fixmystreets_cross_reference_is_accepted(client, songlo_key):
    response = _post(client, api_key=songlo_key, **pothole_form(**{"attribute[fixmystreet_id]": "4471"}))
    assert response.status_code == 200, response.content
    report = FieldReport.objects.get(code=response.json()[0]["service_request_id"])
    assert report.attributes["fixmystreet_id"] == "4471"


def test_an_update_id_used_for_another_request_is_refused_and_the_same_one_stays_idempotent(
    client, songlo_key
):
    first_code, other_code = _filed(client, songlo_key), _filed(client, songlo_key)
    form = {"api_key": songlo_key, "service_request_id": first_code, "update_id": "fms-77", "status": "INVESTIGATING",
            "description": "Đã cử cán bộ kiểm tra"}  # fmt: skip
    first = client.post(f"{BASE}/servicerequestupdates.json", form)
    assert first.status_code == 200, first.content
    assert client.post(f"{BASE}/servicerequestupdates.json", form).json() == first.json()
    for fmt in ("json", "xml"):
        reused = client.post(
            f"{BASE}/servicerequestupdates.{fmt}", {**form, "service_request_id": other_code}
        )
        assert reused.status_code == 400, reused.content
        if fmt == "json":
            [error] = reused.json()
            assert error["code"] == 400 and "fms-77" in error["description"]
            assert "đã được dùng cho một yêu cầu khác" in error["description"]
        else:
            [(code, description)] = xml_errors(reused.content)
            assert code == "400" and "fms-77" in description
    other = FieldReport.objects.get(code=other_code)
    assert other.status == "new" and not Update.objects.filter(report=other).exclude(action="").exists()
    assert Update.objects.filter(external_id="fms-77").count() == 1

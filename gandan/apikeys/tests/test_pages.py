"""The administrator makes, lists and revokes keys on /staff/apikeys/; the key is shown once; nobody else may."""

import re

import pytest
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.apikeys.models import ApiKey
from gandan.apikeys.tests.factories import key_for
from gandan.audit.models import Event

pytestmark = pytest.mark.django_db

KEY = re.compile(r"gd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}")


def _form(client, url="/staff/apikeys/new/") -> dict:
    page = client.get(url).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page)
    return {"submission_token": token.group(1)} if token else {}


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def test_the_administrator_makes_a_key_and_sees_it_only_once(client, sysadmin, home_commune):
    client.force_login(sysadmin)

    made = client.post(
        "/staff/apikeys/new/",
        {
            "name": "Cổng phản ánh của tỉnh",
            "unit": home_commune.pk,
            "scopes": ["read", "open311"],
            **_form(client),
        },
    )

    assert made.status_code == 200
    shown = KEY.findall(made.content.decode())
    assert len(shown) == 1
    key = ApiKey.objects.get(name="Cổng phản ánh của tỉnh")
    assert key.unit == home_commune and key.unit_path == home_commune.path
    assert key.scopes == ["read", "open311"]
    assert shown[0] not in {key.secret_hash, key.prefix} and key.prefix in shown[0]
    assert made["Cache-Control"] and "no-store" in made["Cache-Control"]
    listing = client.get("/staff/apikeys/").content.decode()
    assert key.prefix in listing and "Cổng phản ánh của tỉnh" in listing
    assert not KEY.search(listing)
    # The list says what the key may do in words, as the form offered it, not the codes "read, open311".
    row = listing[listing.index(key.prefix) :].split("</tr>")[0]
    assert vietnamese("Open311: file field reports") in row
    assert vietnamese("Read: the unit's records through the API") in row
    assert "read, open311" not in row
    assert Event.objects.filter(action="apikeys.create", object_id=str(key.pk), actor=sysadmin).exists()


def test_the_key_made_on_the_page_opens_the_api(client, sysadmin, home_commune):
    client.force_login(sysadmin)
    made = client.post(
        "/staff/apikeys/new/",
        {"name": "Hệ thống A", "unit": home_commune.pk, "scopes": ["read"], **_form(client)},
    )
    secret = KEY.search(made.content.decode()).group(0)
    client.logout()

    assert client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=secret).status_code == 200


@pytest.mark.parametrize(
    ("name", "scopes", "field_message"),
    [
        ("A" * 101, ["read"], "100"),
        ("Hệ thống\x00ẩn", ["read"], "ký tự"),
        ("   ", ["read"], ""),
        ("Hệ thống B", ["everything"], ""),
        ("Hệ thống C", [], ""),
    ],
    ids=["too-long", "nul", "blank", "unknown-scope", "no-scope"],
)
def test_a_hostile_form_is_refused_in_vietnamese_and_saves_nothing(
    client, sysadmin, home_commune, name, scopes, field_message
):
    client.force_login(sysadmin)
    before = ApiKey.objects.count()

    page = client.post(
        "/staff/apikeys/new/", {"name": name, "unit": home_commune.pk, "scopes": scopes, **_form(client)}
    )

    assert page.status_code == 422
    assert ApiKey.objects.count() == before
    assert not KEY.search(page.content.decode())
    assert field_message in page.content.decode()


def test_a_unit_outside_the_administrator_s_area_cannot_be_chosen(client, sysadmin):
    from gandan.units.models import Unit

    client.force_login(sysadmin)
    elsewhere = (
        Unit.objects.filter(valid_to__isnull=True).exclude(path__startswith=sysadmin.unit.path).first()
    )
    before = ApiKey.objects.count()

    page = client.post(
        "/staff/apikeys/new/",
        {"name": "Hệ thống D", "unit": elsewhere.pk, "scopes": ["read"], **_form(client)},
    )

    assert page.status_code == 422
    assert ApiKey.objects.count() == before


def test_revoking_asks_first_then_refuses_the_key(client, sysadmin, home_commune):
    made = key_for(home_commune, by=sysadmin)
    client.force_login(sysadmin)

    confirm = client.get(f"/staff/apikeys/{made.key.pk}/revoke/")
    assert confirm.status_code == 200 and made.key.prefix in confirm.content.decode()
    assert ApiKey.objects.get(pk=made.key.pk).revoked_at is None

    client.post(f"/staff/apikeys/{made.key.pk}/revoke/")

    key = ApiKey.objects.get(pk=made.key.pk)
    assert key.revoked_at is not None and key.revoked_by == sysadmin
    assert Event.objects.filter(action="apikeys.revoke", object_id=str(key.pk)).exists()
    client.logout()
    assert client.get("/api/v1/dossiers/", HTTP_X_API_KEY=made.secret).status_code == 401


def test_the_list_filters_and_says_when_there_is_nothing(client, sysadmin, home_commune):
    client.force_login(sysadmin)
    # An installation without the demo's key: none yet (what the demo filed with it goes first, kept by PROTECT).
    from gandan.fieldreports.models import FieldReport, Update

    Update.objects.filter(api_key__isnull=False).update(api_key=None)
    FieldReport.objects.filter(api_key__isnull=False).update(api_key=None)
    ApiKey.objects.all().delete()
    assert "Chưa có khóa API" in client.get("/staff/apikeys/").content.decode()
    kept = key_for(home_commune, name="Cổng dữ liệu Sở Nội vụ")
    gone = key_for(home_commune, name="Ứng dụng cũ")
    from gandan.apikeys.services import apikey_revoke

    apikey_revoke(key=gone.key, by=sysadmin)

    found = client.get("/staff/apikeys/?q=so noi vu").content.decode()
    assert kept.key.prefix in found and gone.key.prefix not in found
    revoked = client.get("/staff/apikeys/?status=revoked").content.decode()
    assert gone.key.prefix in revoked and kept.key.prefix not in revoked
    assert "Không có khóa nào khớp" in client.get("/staff/apikeys/?q=khong+co").content.decode()


@pytest.mark.parametrize("officer", ["commune_leader", "desk_officer", "province_supervisor"])
def test_an_officer_who_is_not_the_administrator_cannot_see_or_revoke_keys(
    client, request, officer, home_commune
):
    made = key_for(home_commune)
    client.force_login(request.getfixturevalue(officer))

    assert client.get("/staff/apikeys/").status_code == 403
    assert client.get("/staff/apikeys/new/").status_code == 403
    assert client.post(f"/staff/apikeys/{made.key.pk}/revoke/").status_code == 403
    assert ApiKey.objects.get(pk=made.key.pk).revoked_at is None


def test_a_key_of_another_province_is_neither_listed_nor_revocable(client, sysadmin):
    from gandan.units.models import Unit

    elsewhere = (
        Unit.objects.filter(valid_to__isnull=True).exclude(path__startswith=sysadmin.unit.path).first()
    )
    theirs = key_for(elsewhere, name="Khóa của tỉnh khác")
    client.force_login(sysadmin)

    assert theirs.key.prefix not in client.get("/staff/apikeys/").content.decode()
    assert client.post(f"/staff/apikeys/{theirs.key.pk}/revoke/").status_code == 404
    assert ApiKey.objects.get(pk=theirs.key.pk).revoked_at is None


def test_an_expiry_in_the_past_is_refused_and_one_in_the_future_is_kept(client, sysadmin, home_commune):
    client.force_login(sysadmin)
    fields = {"unit": home_commune.pk, "scopes": ["read"]}

    refused = client.post(
        "/staff/apikeys/new/", {"name": "Hệ thống E", "expires_on": "01/01/2026", **fields, **_form(client)}
    )
    kept = client.post(
        "/staff/apikeys/new/", {"name": "Hệ thống F", "expires_on": "31/12/2030", **fields, **_form(client)}
    )

    assert refused.status_code == 422 and "tương lai" in refused.content.decode()
    assert not ApiKey.objects.filter(name="Hệ thống E").exists()
    assert kept.status_code == 200
    assert ApiKey.objects.get(name="Hệ thống F").expires_at.year == 2030

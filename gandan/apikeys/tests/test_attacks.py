"""A key in the hands of someone trying their luck: a job that keeps sending a revoked key, the header written every
way, a key in the address, a key of one commune asking for another's record by its number, a key knocking on the
staff pages and the writing endpoints, a session's CSRF check with a key beside it."""

import re

import pytest
from django.test import Client

from gandan.apikeys.models import ApiKey, ApiKeyUse
from gandan.apikeys.services import apikey_create, apikey_revoke
from gandan.apikeys.tests.factories import key_for
from gandan.audit.models import Event
from gandan.dossiers.models import Dossier
from gandan.errors import DomainError
from gandan.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_a_revoked_key_sent_in_a_loop_writes_no_more_rows_than_its_rate(
    client, home_commune, sysadmin, settings
):
    settings.GANDAN_APIKEY_RATE = "3/min"
    made = key_for(home_commune)
    apikey_revoke(key=made.key, by=sysadmin)

    answers = [client.get("/api/v1/dossiers/", HTTP_X_API_KEY=made.secret) for _ in range(8)]

    assert [a.status_code for a in answers] == [401, 401, 401, 429, 429, 429, 429, 429]
    assert ApiKeyUse.objects.filter(key=made.key).count() == 3  # the refusals are kept, the flood is not


@pytest.mark.parametrize(
    "headers",
    [
        lambda k: {"HTTP_X_API_KEY": f"  {k}  "},
        lambda k: {"HTTP_AUTHORIZATION": f"bearer {k}"},
        lambda k: {"HTTP_AUTHORIZATION": f"BEARER   {k} "},
        lambda k: {"HTTP_X_API_KEY": k, "HTTP_AUTHORIZATION": "Bearer gd_abcdefgh_" + "x" * 43},
    ],
    ids=["spaces", "lowercase", "uppercase", "two-keys-the-x-api-key-counts"],
)
def test_every_way_of_sending_the_key_reads_as_the_same_key_and_counts_against_its_one_rate(
    client, home_commune, settings, headers
):
    settings.GANDAN_APIKEY_RATE = "2/min"
    made = key_for(home_commune)
    answers = [client.get("/api/v1/dossiers/?limit=1", **headers(made.secret)) for _ in range(2)]
    other_form = client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=made.secret)

    assert [a.status_code for a in answers] == [200, 200]
    assert other_form.status_code == 429  # one rate, however the header is written


@pytest.mark.parametrize(
    "value",
    [
        "gd_" + "a" * 3000,
        "gd_abcdefgh_" + "é" * 43,
        "gd_abcdefgh_" + "x" * 42 + "\t",
        "Bearer",
        "gd_abcdefgh_ x",
    ],
    ids=["3000-chars", "non-ascii", "control", "word", "space-inside"],
)
def test_a_malformed_key_is_a_clear_401_and_never_a_500(client, value):
    for header in ("HTTP_X_API_KEY", "HTTP_AUTHORIZATION"):
        sent = value if header == "HTTP_X_API_KEY" else f"Bearer {value}"
        answer = client.get("/api/v1/dossiers/", **{header: sent})
        assert answer.status_code == 401
        assert answer.json()["code"] in {"api_key_unknown", "unauthenticated"}


def test_a_key_in_the_address_is_not_accepted_nor_recorded_with_its_secret(client, home_commune):
    made = key_for(home_commune)

    for name in ("api_key", "X-Api-Key", "key", "token"):
        answer = client.get(f"/api/v1/dossiers/?{name}={made.secret}")
        assert answer.status_code == 401 and answer.json()["code"] == "unauthenticated"
    client.get("/api/v1/dossiers/?limit=1&note=" + made.secret, HTTP_X_API_KEY=made.secret)

    assert [u.path for u in ApiKeyUse.objects.filter(key=made.key)] == ["/api/v1/dossiers/"]
    recorded = [str(e.details) + str(e) for e in Event.objects.filter(object_id=str(made.key.pk))]
    assert recorded and not [r for r in recorded if made.secret in r or made.secret[12:] in r]


def test_a_commune_key_asking_for_another_commune_s_record_by_its_number_gets_404(
    client, home_commune, other_commune
):
    made = key_for(home_commune)
    dossier = Dossier.objects.filter(unit_path__startswith=other_commune.path).first()
    petition = Petition.objects.filter(unit_path__startswith=other_commune.path).first()
    own = Dossier.objects.filter(unit_path__startswith=home_commune.path).first()

    for url in (
        f"/api/v1/dossiers/{dossier.pk}",
        f"/api/v1/petitions/{petition.pk}",
        "/api/v1/dossiers/99999999",
    ):
        answer = client.get(url, HTTP_X_API_KEY=made.secret)
        assert answer.status_code == 404 and answer.json()["code"] == "not_found", url
    assert client.get(f"/api/v1/dossiers/{own.pk}", HTTP_X_API_KEY=made.secret).status_code == 200


def test_a_key_opens_no_staff_page_and_no_writing_endpoint(client, home_commune):
    made = key_for(home_commune, scopes=["read", "exports", "open311"])
    dossier = Dossier.objects.filter(unit_path__startswith=home_commune.path).first()
    petition = Petition.objects.filter(unit_path__startswith=home_commune.path).first()
    before = (Dossier.objects.count(), Petition.objects.count(), Event.objects.count())

    for url in ("/staff/", "/staff/dossiers/", "/staff/petitions/", "/staff/apikeys/", "/staff/audit/"):
        answer = client.get(url, HTTP_X_API_KEY=made.secret, HTTP_AUTHORIZATION=f"Bearer {made.secret}")
        assert answer.status_code in {302, 404}, url
        assert (
            answer.status_code == 404 or "/login" in answer["Location"] or "dang-nhap" in answer["Location"]
        )
    for url, payload in (
        ("/api/v1/dossiers/", {"procedure_id": 1}),
        (f"/api/v1/dossiers/{dossier.pk}/actions/accept", {}),
        ("/api/v1/petitions/", {"parts": [{"kind": "complaint", "subject": "x", "content": "y"}]}),
        (f"/api/v1/petitions/{petition.pk}/actions/accept", {}),
        ("/api/v1/petitions/duplicate-check", {}),
    ):
        answer = client.post(url, payload, content_type="application/json", HTTP_X_API_KEY=made.secret)
        assert answer.status_code in {401, 404, 405}, url
    assert (Dossier.objects.count(), Petition.objects.count(), Event.objects.count()) == before


def test_a_key_beside_a_session_does_not_lift_the_session_s_csrf_check(home_commune, desk_officer):
    made = key_for(home_commune)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(desk_officer)
    before = Petition.objects.count()

    answer = browser.post(
        "/api/v1/petitions/",
        {"parts": [{"kind": "complaint", "subject": "Khiếu nại", "content": "Nội dung"}], "persons": []},
        content_type="application/json",
        HTTP_X_API_KEY=made.secret,
    )

    assert answer.status_code == 403
    assert Petition.objects.count() == before


def test_only_the_command_line_makes_a_key_for_the_whole_installation(sysadmin, commune_leader, home_commune):
    for by in (sysadmin, commune_leader):
        with pytest.raises(DomainError) as refused:
            apikey_create(name="Kho dữ liệu", unit=None, scopes=["exports"], by=by)
        assert "unit" in refused.value.errors


def test_sending_the_new_key_form_again_shows_no_key_and_makes_no_second_one(client, sysadmin, home_commune):
    client.force_login(sysadmin)
    page = client.get("/staff/apikeys/new/").content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    form = {
        "name": "Kho dữ liệu tỉnh",
        "unit": home_commune.pk,
        "scopes": ["exports"],
        "submission_token": token,
    }
    key_shape = re.compile(r"gd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}")

    first = client.post("/staff/apikeys/new/", form)
    again = client.post("/staff/apikeys/new/", form, follow=True)  # the browser's reload of the answer

    assert len(key_shape.findall(first.content.decode())) == 1
    assert not key_shape.search(again.content.decode())
    assert ApiKey.objects.filter(name="Kho dữ liệu tỉnh").count() == 1

"""An integrator reads the API with a key: only its unit's subtree, refused when revoked, expired, lacking the scope
or past its rate, each request recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.apikeys.models import ApiKey, ApiKeyUse
from gandan.apikeys.services import apikey_revoke
from gandan.apikeys.tests.factories import key_for
from gandan.dossiers.models import Dossier
from gandan.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _codes(answer) -> set[str]:
    return {row["code"] for row in answer.json()["items"]}


def test_a_commune_key_reads_its_commune_s_dossiers_and_nothing_of_another(
    client, home_commune, other_commune
):
    made = key_for(home_commune)

    answer = client.get("/api/v1/dossiers/?worklist=all&limit=500", HTTP_X_API_KEY=made.secret)

    assert answer.status_code == 200
    mine = set(Dossier.objects.filter(unit_path__startswith=home_commune.path).values_list("code", flat=True))
    theirs = set(Dossier.objects.filter(unit=other_commune).values_list("code", flat=True))
    assert _codes(answer) and _codes(answer) <= mine
    assert not _codes(answer) & theirs
    other = Dossier.objects.filter(unit=other_commune).first()
    refused = client.get(f"/api/v1/dossiers/{other.pk}", HTTP_X_API_KEY=made.secret)
    assert refused.status_code == 404


def test_the_bearer_header_works_as_well_and_petitions_are_scoped_too(client, home_commune, other_commune):
    made = key_for(home_commune)

    answer = client.get(
        "/api/v1/petitions/?worklist=all&limit=100", HTTP_AUTHORIZATION=f"Bearer {made.secret}"
    )

    assert answer.status_code == 200
    theirs = set(Petition.objects.filter(unit=other_commune).values_list("code", flat=True))
    assert _codes(answer) and not _codes(answer) & theirs
    mine = Petition.objects.filter(unit=home_commune).first()
    one = client.get(f"/api/v1/petitions/{mine.pk}", HTTP_AUTHORIZATION=f"Bearer {made.secret}")
    assert one.status_code == 200 and one.json()["code"] == mine.code


def test_a_key_has_no_work_of_its_own(client, home_commune):
    made = key_for(home_commune)

    answer = client.get("/api/v1/dossiers/?worklist=mine", HTTP_X_API_KEY=made.secret)

    assert answer.status_code == 200
    assert answer.json()["items"] == []


def test_a_key_for_the_whole_installation_reads_every_commune(client, home_commune, other_commune):
    made = key_for(None)

    answer = client.get("/api/v1/dossiers/?worklist=all&limit=500", HTTP_X_API_KEY=made.secret)

    units = set(Dossier.objects.filter(code__in=_codes(answer)).values_list("unit_id", flat=True))
    assert {home_commune.pk, other_commune.pk} <= units


@pytest.mark.parametrize(
    "header",
    [
        {},
        {"HTTP_X_API_KEY": "gd_abcdefgh_" + "x" * 43},
        {"HTTP_X_API_KEY": "not a key at all"},
        {"HTTP_X_API_KEY": "gd_\x00" * 100},
        {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
    ],
    ids=["none", "unknown", "garbage", "nul-and-long", "basic"],
)
def test_no_key_or_an_unknown_key_is_a_401_in_the_api_s_json(client, header):
    answer = client.get("/api/v1/dossiers/", **header)

    assert answer.status_code == 401
    body = answer.json()
    assert body["code"] in {"unauthenticated", "api_key_unknown"}
    assert body["message"]


def test_a_copied_prefix_with_a_wrong_secret_is_refused(client, home_commune):
    made = key_for(home_commune)
    forged = made.secret[:-4] + ("AAAA" if not made.secret.endswith("AAAA") else "BBBB")

    answer = client.get("/api/v1/dossiers/", HTTP_X_API_KEY=forged)

    assert answer.status_code == 401
    assert answer.json()["code"] == "api_key_unknown"


def test_a_revoked_key_gets_401_and_the_attempt_is_recorded(client, home_commune, sysadmin):
    made = key_for(home_commune)
    apikey_revoke(key=made.key, by=sysadmin)

    answer = client.get("/api/v1/dossiers/", HTTP_X_API_KEY=made.secret)

    assert answer.status_code == 401
    assert answer.json()["code"] == "api_key_revoked"
    assert "thu hồi" in answer.json()["message"]
    assert list(ApiKeyUse.objects.filter(key=made.key).values_list("outcome", flat=True)) == ["revoked"]


def test_an_expired_key_gets_401(client, home_commune):
    made = key_for(home_commune)
    ApiKey.objects.filter(pk=made.key.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    answer = client.get("/api/v1/dossiers/", HTTP_X_API_KEY=made.secret)

    assert answer.status_code == 401
    assert answer.json()["code"] == "api_key_expired"


def test_a_key_without_the_read_scope_gets_403(client, home_commune):
    made = key_for(home_commune, scopes=["open311"])

    answer = client.get("/api/v1/petitions/", HTTP_X_API_KEY=made.secret)

    assert answer.status_code == 403
    assert answer.json()["code"] == "api_key_scope"
    assert "read" in answer.json()["message"]


def test_a_key_never_writes(client, home_commune):
    made = key_for(home_commune)

    answer = client.post(
        "/api/v1/petitions/", {}, content_type="application/json", HTTP_X_API_KEY=made.secret
    )

    assert answer.status_code in {401, 403}
    assert not ApiKeyUse.objects.filter(key=made.key).exists()


def test_past_its_rate_a_key_gets_429_with_retry_after(client, home_commune, settings):
    settings.GANDAN_APIKEY_RATE = "3/min"
    made = key_for(home_commune)

    answers = [client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=made.secret) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["code"] == "api_key_rate"
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    other = key_for(home_commune, name="Hệ thống khác")
    assert client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=other.secret).status_code == 200


def test_every_accepted_request_is_recorded_and_the_last_use_is_kept(client, home_commune):
    made = key_for(home_commune)

    for _ in range(3):
        client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=made.secret)

    uses = ApiKeyUse.objects.filter(key=made.key)
    assert uses.count() == 3
    assert set(uses.values_list("outcome", "path", "method")) == {("ok", "/api/v1/dossiers/", "GET")}
    assert ApiKey.objects.get(pk=made.key.pk).last_used_at is not None


def test_the_session_still_works_beside_the_key(client, desk_officer):
    client.force_login(desk_officer)

    assert client.get("/api/v1/dossiers/?limit=1").status_code == 200


def test_key_for_request_serves_a_plain_view(rf, home_commune):
    from gandan.apikeys.auth import KeyRefused, key_for_request

    made = key_for(home_commune, scopes=["open311"])
    request = rf.post("/open311/v2/requests.json", HTTP_X_API_KEY=made.secret)

    assert key_for_request(request, "open311") == made.key
    with pytest.raises(KeyRefused) as refused:
        key_for_request(request, "exports")
    assert refused.value.status == 403


def test_the_demo_s_published_key_reads_song_lo_at_once(client, home_commune):
    """`gandan demo` prints this key with its logins: a newcomer tries the API with curl without making one."""
    from gandan.demo import DEMO_API_KEY

    answer = client.get("/api/v1/dossiers/?worklist=all&limit=500", HTTP_X_API_KEY=DEMO_API_KEY)
    assert answer.status_code == 200
    mine = set(Dossier.objects.filter(unit_path__startswith=home_commune.path).values_list("code", flat=True))
    assert _codes(answer) and _codes(answer) <= mine
    assert client.get("/api/v1/exports/reception", HTTP_X_API_KEY=DEMO_API_KEY).status_code == 200


def test_a_published_key_is_never_made_for_a_person_and_never_twice(home_commune, sysadmin):
    from gandan.apikeys.services import apikey_create
    from gandan.demo import DEMO_API_KEY

    with pytest.raises(ValueError):  # an administrator's page always gets a fresh random key
        apikey_create(
            name="x", unit=home_commune, scopes=["read"], by=sysadmin, published="gd_abcdefgh_" + "A" * 43
        )
    with pytest.raises(ValueError):  # the demo's key exists already: loading the demo again makes no second
        apikey_create(name="x", unit=home_commune, scopes=["read"], by=None, published=DEMO_API_KEY)
    assert not ApiKey.objects.filter(name="x").exists()


def test_the_nightly_purge_keeps_the_requests_of_the_keeping_time_and_the_list_counts_the_last_day(
    client, home_commune, sysadmin, settings
):
    from gandan.apikeys.services import apikey_uses_purge
    from gandan.operations.defaults import DEFAULT_JOBS

    settings.GANDAN_APIKEY_USES_DAYS = 90
    made = key_for(home_commune, name="Kho dữ liệu")
    now = timezone.now()
    for days in (0, 2, 89, 91, 400):
        ApiKeyUse.objects.create(
            key=made.key,
            at=now - dt.timedelta(days=days, minutes=1),
            method="GET",
            path="/api/v1/dossiers/",
            scope="read",
            outcome="ok",
        )
    assert "apikey-uses-purge" in {job.key for job in DEFAULT_JOBS}  # the worker's schedule runs it nightly

    assert apikey_uses_purge() == 2
    kept = sorted(
        (now - at).days for at in ApiKeyUse.objects.filter(key=made.key).values_list("at", flat=True)
    )
    assert kept == [0, 2, 89]

    client.force_login(sysadmin)
    listed = client.get("/staff/apikeys/").context["page_obj"]
    assert next(k for k in listed if k.pk == made.key.pk).use_count == 1  # the last 24 hours

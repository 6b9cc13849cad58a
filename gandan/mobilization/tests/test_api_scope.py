"""The mass-mobilisation API's access matrix: every endpoint that opens one record answers the officer of its commune
and 404 to the officer of another commune; every list leaves out the other commune's records; without a login every
endpoint but the public showcase answers 401; the desk officer (no mobilisation role) is refused. Records are the
demo's (xã Sông Lô) and one report made here."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gandan.accounts.models import User
from gandan.mobilization.models import Activity, Initiative, Team
from gandan.mobilization.services.reports import report_create
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

OBJECTS = {
    "team": "/api/v1/mobilization/teams/{team}",
    "activity": "/api/v1/mobilization/activities/{activity}",
    "model": "/api/v1/mobilization/models/{model}",
    "report": "/api/v1/mobilization/reports/{report}",
}
LISTS = {
    "teams": ("/api/v1/mobilization/teams?limit=500", "team"),
    "activities": ("/api/v1/mobilization/activities?limit=500", "activity"),
    "models": ("/api/v1/mobilization/models?limit=500", "model"),
    "reports": ("/api/v1/mobilization/reports?limit=500", "report"),
}


@pytest.fixture
def songlo_records(home_commune):
    officer = User.objects.get(username="danvan.songlo")
    today = timezone.localdate()
    report = report_create(
        unit=home_commune, period_kind="adhoc", start=today - dt.timedelta(days=10), end=today, by=officer
    )
    inside = {"unit_path__startswith": home_commune.path}
    return {
        "team": Team.objects.filter(**inside).order_by("pk").first().pk,
        "activity": Activity.objects.filter(**inside).order_by("pk").first().pk,
        "model": Initiative.objects.filter(**inside).exclude(status="recognised").order_by("pk").first().pk,
        "report": report.pk,
    }


def _ids(payload) -> set[int]:
    items = payload["items"] if isinstance(payload, dict) else payload
    return {item["id"] for item in items}


@pytest.mark.parametrize("name", OBJECTS)
def test_a_record_answers_its_commune_and_is_hidden_from_another(name, songlo_records):
    url = OBJECTS[name].format(**songlo_records)
    assert client_for(User.objects.get(username="danvan.songlo")).get(url).status_code == 200
    assert client_for(User.objects.get(username="bithu.songlo")).get(url).status_code == 200
    assert client_for(User.objects.get(username="danvan.tamson")).get(url).status_code == 404
    assert Client().get(url).status_code == 401
    assert client_for(User.objects.get(username="motcua.songlo")).get(url).status_code in (403, 404)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_holds_its_communes_records_and_none_of_anothers(name, songlo_records):
    url, record = LISTS[name]
    mine = client_for(User.objects.get(username="danvan.songlo")).get(url)
    theirs = client_for(User.objects.get(username="danvan.tamson")).get(url)
    assert mine.status_code == theirs.status_code == 200
    assert songlo_records[record] in _ids(mine.json())
    assert songlo_records[record] not in _ids(theirs.json())
    assert Client().get(url).status_code == 401


def test_the_province_reads_every_commune_and_the_showcase_needs_no_login(songlo_records):
    province = client_for(User.objects.get(username="giamsat.phutho"))
    assert province.get(OBJECTS["team"].format(**songlo_records)).status_code == 200
    showcase = Client().get("/api/v1/mobilization/showcase")
    assert showcase.status_code == 200
    statuses = set(Initiative.objects.filter(pk__in=_ids(showcase.json())).values_list("status", flat=True))
    assert statuses == {"recognised"}
    assert Client().get(f"/api/v1/mobilization/showcase/{songlo_records['model']}").status_code == 404

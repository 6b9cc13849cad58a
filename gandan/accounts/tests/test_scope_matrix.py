"""THE access matrix: every staff page and API endpoint that takes a unit answers 404 outside the user's area, and
every list leaves out what lies outside it.

Adding an endpoint is one line in OBJECT_ENDPOINTS or LIST_ENDPOINTS; adding a person is one line in VIEWERS.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.core.vntext import fold
from gandan.tests_support import client_for
from gandan.units.models import Unit

SONG_LO, TAM_SON, PROVINCE = "08848", "08824", "25"


@dataclass(frozen=True)
class Endpoint:
    url: str  # with {pk} for endpoints that take a unit
    api: bool = False  # JSON (401 for anonymous) rather than a page (redirect to the login page)
    edits: bool = False  # needs the units.edit permission on top of seeing the unit


OBJECT_ENDPOINTS = {
    "unit page": Endpoint("/staff/units/{pk}/"),
    "unit edit page": Endpoint("/staff/units/{pk}/edit/", edits=True),
    "add-a-unit-below page": Endpoint("/staff/units/{pk}/add/", edits=True),
    "unit API": Endpoint("/api/v1/units/{pk}", api=True),
}

LIST_ENDPOINTS = {
    "units list page": Endpoint("/staff/units/?q={q}&former=on"),
    "former units page": Endpoint("/staff/units/former/?q={q}"),
    "units list API": Endpoint("/api/v1/units/?q={q}&include_former=true&limit=1000", api=True),
}


@dataclass(frozen=True)
class Target:
    commune: str  # the commune whose area the unit lies in
    name: str
    former: bool = False  # a former unit, reached through the commune that took over its territory


TARGETS = {
    "Sông Lô commune": Target(SONG_LO, "Xã Sông Lô"),
    "Sông Lô village": Target(SONG_LO, "Thôn Bến Đò"),
    "former commune now in Sông Lô": Target(SONG_LO, "Xã Tứ Yên", former=True),
    "Tam Sơn commune": Target(TAM_SON, "Xã Tam Sơn"),
    "Tam Sơn village": Target(TAM_SON, "Thôn Gò Chè"),
    "former township now in Tam Sơn": Target(TAM_SON, "Thị trấn Tam Sơn", former=True),
}


@dataclass(frozen=True)
class Viewer:
    fixture: str
    area: str  # commune code, or the province code for province-level staff
    can_edit: bool


VIEWERS = {
    "Sông Lô leader": Viewer("commune_leader", SONG_LO, can_edit=True),
    "Sông Lô desk officer": Viewer("desk_officer", SONG_LO, can_edit=False),
    "Tam Sơn leader": Viewer("other_commune_leader", TAM_SON, can_edit=True),
    "province supervisor": Viewer("province_supervisor", PROVINCE, can_edit=False),
    "administrator": Viewer("sysadmin", PROVINCE, can_edit=True),
}


def _inside(viewer: Viewer, target: Target) -> bool:
    return viewer.area in (PROVINCE, target.commune)


def _expected_status(endpoint: Endpoint, viewer: Viewer, target: Target) -> int:
    if endpoint.edits and not viewer.can_edit:
        return 403  # the role is checked first: it says nothing about where the unit is
    return 200 if _inside(viewer, target) else 404


def _unit(target: Target) -> Unit:
    current = Unit.objects.filter(name=target.name, valid_to__isnull=not target.former)
    if not target.former:
        current = current.filter(path__startswith=f"{PROVINCE}.{target.commune}")
    return current.get()


def _shows(response, endpoint: Endpoint, name: str) -> bool:
    """Whether a list response has a row with this name (pages: a cell or link whose whole text is the name)."""
    if endpoint.api:
        return name in {row["name"] for row in response.json()["items"]}
    return f">{name}<" in response.content.decode()


@pytest.mark.parametrize("viewer_key", list(VIEWERS))
@pytest.mark.parametrize("target_key", list(TARGETS))
@pytest.mark.parametrize("endpoint_key", list(OBJECT_ENDPOINTS))
def test_a_unit_is_reachable_only_inside_the_viewers_area(request, endpoint_key, target_key, viewer_key):
    endpoint, target, viewer = OBJECT_ENDPOINTS[endpoint_key], TARGETS[target_key], VIEWERS[viewer_key]
    user = request.getfixturevalue(viewer.fixture)
    unit = _unit(target)

    response = client_for(user).get(endpoint.url.format(pk=unit.pk))

    expected = _expected_status(endpoint, viewer, target)
    assert response.status_code == expected, f"{viewer_key} on {endpoint_key} of {target.name}"
    if expected == 200:
        assert _shows_unit(response, endpoint, unit)
    else:
        # 404 and 403 tell nothing about the unit: not even its name.
        assert target.name not in response.content.decode()
    if endpoint.api and expected != 200:
        assert response.json()["code"] in {"not_found", "forbidden"}


def _shows_unit(response, endpoint: Endpoint, unit: Unit) -> bool:
    if endpoint.api:
        return response.json()["id"] == unit.pk and response.json()["name"] == unit.name
    return unit.name in response.content.decode()


LIST_CASES = [
    (endpoint_key, target_key)
    for endpoint_key in LIST_ENDPOINTS
    for target_key, target in TARGETS.items()
    if target.former or endpoint_key != "former units page"  # that page lists former units only
]


@pytest.mark.parametrize("viewer_key", list(VIEWERS))
@pytest.mark.parametrize(("endpoint_key", "target_key"), LIST_CASES)
def test_lists_show_a_unit_only_inside_the_viewers_area(request, endpoint_key, target_key, viewer_key):
    endpoint, target, viewer = LIST_ENDPOINTS[endpoint_key], TARGETS[target_key], VIEWERS[viewer_key]
    user = request.getfixturevalue(viewer.fixture)

    response = client_for(user).get(endpoint.url.format(q=fold(target.name).replace(" ", "+")))

    assert response.status_code == 200
    assert _shows(response, endpoint, target.name) is _inside(viewer, target), (
        f"{viewer_key} on {endpoint_key}"
    )


@pytest.mark.parametrize("endpoint_key", ["units list page", "units list API"])
def test_the_other_communes_officer_sees_none_of_song_los_units_in_a_full_list(
    other_commune_leader, endpoint_key
):
    endpoint = LIST_ENDPOINTS[endpoint_key]
    song_lo = Unit.objects.get(path=f"{PROVINCE}.{SONG_LO}")
    song_lo_names = {song_lo.name, *song_lo.children.values_list("name", flat=True)}
    assert len(song_lo_names) == 8  # the commune and its seven villages

    response = client_for(other_commune_leader).get(endpoint.url.format(q=""))

    assert response.status_code == 200
    assert not any(_shows(response, endpoint, name) for name in song_lo_names)
    assert _shows(response, endpoint, "Xã Tam Sơn")  # the list is not simply empty


def test_the_province_supervisor_lists_both_communes_and_their_villages(province_supervisor):
    response = client_for(province_supervisor).get("/api/v1/units/?limit=1000")

    names = {row["name"] for row in response.json()["items"]}
    assert {"Xã Sông Lô", "Thôn Bến Đò", "Xã Tam Sơn", "Thôn Gò Chè"} <= names
    assert response.json()["count"] > 100  # the whole province, not just the demo communes


# --- Anonymous visitors ---------------------------------------------------------------------------------------

ALL_ENDPOINTS = {**OBJECT_ENDPOINTS, **LIST_ENDPOINTS}


@pytest.mark.parametrize("endpoint_key", list(ALL_ENDPOINTS))
def test_anonymous_visitors_are_sent_to_login_or_get_401_json(home_commune, endpoint_key):
    endpoint = ALL_ENDPOINTS[endpoint_key]
    url = endpoint.url.format(pk=home_commune.pk, q="song+lo")

    response = Client().get(url)

    if endpoint.api:
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert body["code"] == "unauthenticated" and body["message"]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert "Sông Lô" not in response.content.decode()


# --- A staff account not attached to any unit -------------------------------------------------------------------


@pytest.fixture
def unattached_leader(db):
    user = User.objects.create_user(username="chuaganxa", password="x" * 12, full_name="Chưa Gán Xã")
    UserRole.objects.create(user=user, role=Role.UNIT_LEADER)
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("endpoint_key", list(OBJECT_ENDPOINTS))
def test_a_user_with_no_unit_reaches_no_unit(unattached_leader, home_commune, endpoint_key):
    endpoint = OBJECT_ENDPOINTS[endpoint_key]

    response = client_for(unattached_leader).get(endpoint.url.format(pk=home_commune.pk))

    assert response.status_code in {403, 404}
    assert "Sông Lô" not in response.content.decode()


@pytest.mark.parametrize("endpoint_key", list(LIST_ENDPOINTS))
def test_a_user_with_no_unit_lists_nothing(unattached_leader, endpoint_key):
    endpoint = LIST_ENDPOINTS[endpoint_key]

    response = client_for(unattached_leader).get(endpoint.url.format(q=""))

    if endpoint.api:
        assert response.status_code == 200
        assert response.json() == {"items": [], "count": 0}
    else:
        assert response.status_code == 403  # no unit: the role grants nothing until the account is attached
        assert "Sông Lô" not in response.content.decode()

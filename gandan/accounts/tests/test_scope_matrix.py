"""THE access matrix: every staff page and API endpoint that takes a unit (or a dossier) answers 404 outside the
user's area, and every list leaves out what lies outside it.

Adding an endpoint is one line in OBJECT_ENDPOINTS or LIST_ENDPOINTS; adding a person is one line in VIEWERS.
"""

import io
from dataclasses import dataclass

import pytest
from django.test import Client
from openpyxl import load_workbook

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.core.vntext import fold
from gandan.tests_support import client_for
from gandan.units.models import Unit

SONG_LO, TAM_SON, PROVINCE = "08848", "08824", "25"


@dataclass(frozen=True)
class Endpoint:
    url: str  # with {pk} for endpoints that take a unit (a dossier), {q} for a list's search
    api: bool = False  # JSON (401 for anonymous) rather than a page (redirect to the login page)
    edits: bool = False  # needs the units.edit permission on top of seeing the unit
    dossier: bool = False  # {pk} is a dossier received at the target commune; {q} its code; lists show codes
    acts: bool = (
        False  # POST, accepting the (new) dossier: needs the desk's role once the dossier is in reach
    )
    workbook: bool = False  # the list is an .xlsx file


OBJECT_ENDPOINTS = {
    "unit page": Endpoint("/staff/units/{pk}/"),
    "unit edit page": Endpoint("/staff/units/{pk}/edit/", edits=True),
    "add-a-unit-below page": Endpoint("/staff/units/{pk}/add/", edits=True),
    "unit API": Endpoint("/api/v1/units/{pk}", api=True),
    "dossier page": Endpoint("/staff/dossiers/{pk}/", dossier=True),
    "dossier action": Endpoint("/staff/dossiers/{pk}/act/accept/", dossier=True, acts=True),
    "dossier form 01": Endpoint("/staff/dossiers/{pk}/form/01.pdf", dossier=True),
    "dossier API": Endpoint("/api/v1/dossiers/{pk}", api=True, dossier=True),
    "dossier action API": Endpoint("/api/v1/dossiers/{pk}/actions/accept", api=True, dossier=True, acts=True),
}

LIST_ENDPOINTS = {
    "units list page": Endpoint("/staff/units/?q={q}&former=on"),
    "former units page": Endpoint("/staff/units/former/?q={q}"),
    "units list API": Endpoint("/api/v1/units/?q={q}&include_former=true&limit=1000", api=True),
    "dossiers list page": Endpoint("/staff/dossiers/?worklist=all&q={q}", dossier=True),
    "dossiers list API": Endpoint("/api/v1/dossiers/?worklist=all&q={q}&limit=1000", api=True, dossier=True),
    "tracking book": Endpoint(
        "/staff/dossiers/book.xlsx", dossier=True, workbook=True
    ),  # this month's dossiers
}


@dataclass(frozen=True)
class Target:
    commune: str  # the commune whose area the unit lies in
    name: str
    former: bool = False  # a former unit, reached through the commune that took over its territory
    desk: bool = False  # a current commune with a one-stop desk: the target of the dossier endpoints


TARGETS = {
    "Sông Lô commune": Target(SONG_LO, "Xã Sông Lô", desk=True),
    "Sông Lô village": Target(SONG_LO, "Thôn Bến Đò"),
    "former commune now in Sông Lô": Target(SONG_LO, "Xã Tứ Yên", former=True),
    "Tam Sơn commune": Target(TAM_SON, "Xã Tam Sơn", desk=True),
    "Tam Sơn village": Target(TAM_SON, "Thôn Gò Chè"),
    "former township now in Tam Sơn": Target(TAM_SON, "Thị trấn Tam Sơn", former=True),
}


@dataclass(frozen=True)
class Viewer:
    fixture: str
    area: str  # commune code, or the province code for province-level staff
    can_edit: bool
    can_receive: bool = False  # may accept a dossier at the desk


VIEWERS = {
    "Sông Lô leader": Viewer("commune_leader", SONG_LO, can_edit=True, can_receive=True),
    "Sông Lô desk officer": Viewer("desk_officer", SONG_LO, can_edit=False, can_receive=True),
    "Tam Sơn leader": Viewer("other_commune_leader", TAM_SON, can_edit=True, can_receive=True),
    "province supervisor": Viewer("province_supervisor", PROVINCE, can_edit=False),
    "administrator": Viewer("sysadmin", PROVINCE, can_edit=True),
}


def _inside(viewer: Viewer, target: Target) -> bool:
    return viewer.area in (PROVINCE, target.commune)


def _expected_status(endpoint: Endpoint, viewer: Viewer, target: Target) -> int:
    if endpoint.edits and not viewer.can_edit:
        return 403  # the role is checked first: it says nothing about where the unit is
    if not _inside(viewer, target):
        return 404
    if endpoint.acts:
        # The dossier is found first (404 outside), then the role: a supervisor who may read it may not accept it.
        return 403 if not viewer.can_receive else 200 if endpoint.api else 302
    return 200


def _unit(target: Target) -> Unit:
    current = Unit.objects.filter(name=target.name, valid_to__isnull=not target.former)
    if not target.former:
        current = current.filter(path__startswith=f"{PROVINCE}.{target.commune}")
    return current.get()


def _dossier(target: Target, *, new: bool = False):
    """A dossier received today by the desk of the target commune (still new, for the endpoints that accept it)."""
    from gandan.dossiers import services
    from gandan.dossiers.models import Procedure

    unit = _unit(target)
    desk = User.objects.get(unit=unit, roles__role=Role.DESK_OFFICER)
    procedure = Procedure.objects.get(code="1.001193")
    dossier = services.dossier_submit(
        procedure=procedure,
        unit=unit,
        channel=1,
        applicant_name="Nguyễn Văn Thử",
        applicant_phone="0912000111",
        applicant_address="Thôn Thử",
        by=desk,
        # Birth registration asks for the child's details and, to be accepted, its papers of everyone.
        application={
            "ten_tre": "Nguyễn Văn An",
            "gioi_tinh": "Nam",
            "ngay_sinh": "01/01/2026",
            "noi_sinh": "Trạm Y tế",
            "dan_toc": "Kinh",
            "quoc_tich": "Việt Nam",
            "ten_me": "Lê Thị Bình",
            "noi_cu_tru_cha_me": "Thôn Thử",
            "quan_he": "Mẹ",
        },  # fmt: skip
        present_component_ids=list(procedure.components.values_list("id", flat=True)),
    )
    return dossier if new else services.dossier_accept(dossier=dossier, by=desk)


def _request(client: Client, endpoint: Endpoint, url: str):
    if endpoint.acts:
        return (
            client.post(url, "{}", content_type="application/json")
            if endpoint.api
            else client.post(url, _ticks(url))
        )
    return client.get(url)


def _ticks(url: str) -> dict[str, str]:
    """The accept form as the desk sends it: every paper of the dossier ticked as received."""
    from gandan.dossiers.models import SubmittedComponent

    pk = int(url.split("/staff/dossiers/")[1].split("/")[0])
    ids = SubmittedComponent.objects.filter(dossier_id=pk).values_list("component_id", flat=True)
    return {f"accept-paper_{cid}_received": "on" for cid in ids}


def _shows(response, endpoint: Endpoint, name: str) -> bool:
    """Whether a list response has a row with this name (pages: a cell or link whose whole text is the name), or
    this code for the dossier lists."""
    if endpoint.workbook:
        sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
        return any(name in row for row in sheet.iter_rows(values_only=True))
    if endpoint.api:
        return name in {row["code" if endpoint.dossier else "name"] for row in response.json()["items"]}
    return f">{name}<" in response.content.decode()


OBJECT_CASES = [
    (endpoint_key, target_key)
    for endpoint_key, endpoint in OBJECT_ENDPOINTS.items()
    for target_key, target in TARGETS.items()
    if target.desk or not endpoint.dossier  # dossiers are received by the communes' desks
]


@pytest.mark.parametrize("viewer_key", list(VIEWERS))
@pytest.mark.parametrize(("endpoint_key", "target_key"), OBJECT_CASES)
def test_a_unit_or_dossier_is_reachable_only_inside_the_viewers_area(
    request, endpoint_key, target_key, viewer_key
):
    endpoint, target, viewer = OBJECT_ENDPOINTS[endpoint_key], TARGETS[target_key], VIEWERS[viewer_key]
    user = request.getfixturevalue(viewer.fixture)
    if endpoint.dossier:
        _a_dossier_is_reachable_only_inside_the_viewers_area(endpoint, target, viewer, user)
        return
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


def _a_dossier_is_reachable_only_inside_the_viewers_area(
    endpoint: Endpoint, target: Target, viewer: Viewer, user
):
    dossier = _dossier(target, new=endpoint.acts)

    response = _request(client_for(user), endpoint, endpoint.url.format(pk=dossier.pk))

    expected = _expected_status(endpoint, viewer, target)
    assert response.status_code == expected, f"{viewer.fixture} on {endpoint.url} of {target.name}"
    dossier.refresh_from_db()
    accepted = not endpoint.acts or expected in {200, 302}  # refused: the dossier is still new
    assert dossier.status == (2 if accepted else 1)
    if expected == 302:
        assert response["Location"] == f"/staff/dossiers/{dossier.pk}/"
    elif expected == 200 and endpoint.api:
        assert (response.json()["id"], response.json()["code"], response.json()["status"]) == (
            dossier.pk,
            dossier.code,
            2,
        )
    elif expected == 200 and endpoint.url.endswith(".pdf"):
        assert response["Content-Type"] == "application/pdf"
    elif expected == 200:
        assert dossier.code in response.content.decode()
    else:
        # 404 and 403 tell nothing about the dossier: not even its code or its applicant.
        assert dossier.code not in response.content.decode()
        assert "Nguyễn Văn Thử" not in response.content.decode()
    if endpoint.api and expected not in {200, 302}:
        assert response.json()["code"] in {"not_found", "forbidden"}


def _shows_unit(response, endpoint: Endpoint, unit: Unit) -> bool:
    if endpoint.api:
        return response.json()["id"] == unit.pk and response.json()["name"] == unit.name
    return unit.name in response.content.decode()


LIST_CASES = [
    (endpoint_key, target_key)
    for endpoint_key, endpoint in LIST_ENDPOINTS.items()
    for target_key, target in TARGETS.items()
    if (target.former or endpoint_key != "former units page")  # that page lists former units only
    and (target.desk or not endpoint.dossier)
]


@pytest.mark.parametrize("viewer_key", list(VIEWERS))
@pytest.mark.parametrize(("endpoint_key", "target_key"), LIST_CASES)
def test_lists_show_a_unit_or_dossier_only_inside_the_viewers_area(
    request, endpoint_key, target_key, viewer_key
):
    endpoint, target, viewer = LIST_ENDPOINTS[endpoint_key], TARGETS[target_key], VIEWERS[viewer_key]
    user = request.getfixturevalue(viewer.fixture)
    name = _dossier(target).code if endpoint.dossier else target.name

    response = client_for(user).get(endpoint.url.format(q=fold(name).replace(" ", "+")))

    assert response.status_code == 200
    assert _shows(response, endpoint, name) is _inside(viewer, target), f"{viewer_key} on {endpoint_key}"


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


@pytest.mark.parametrize("endpoint_key", ["dossiers list page", "dossiers list API", "tracking book"])
def test_the_other_communes_officer_sees_none_of_song_los_dossiers_in_a_full_list(
    other_commune_leader, endpoint_key
):
    endpoint = LIST_ENDPOINTS[endpoint_key]
    song_lo, tam_son = _dossier(TARGETS["Sông Lô commune"]), _dossier(TARGETS["Tam Sơn commune"])

    response = client_for(other_commune_leader).get(endpoint.url.format(q=""))

    assert response.status_code == 200
    if endpoint.workbook:
        text = " ".join(
            str(cell)
            for row in load_workbook(io.BytesIO(response.getvalue()), read_only=True).active.iter_rows(
                values_only=True
            )
            for cell in row
            if cell is not None
        )
    else:
        text = response.content.decode()
    assert f"{SONG_LO}-" not in text  # not one Sông Lô code (the demo has a hundred)
    assert song_lo.code not in text
    assert f"{TAM_SON}-" in text  # the list is not simply empty
    if not endpoint.url.startswith("/staff/dossiers/?"):  # the page shows its first 50 only
        assert tam_son.code in text


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
    pk = _dossier(TARGETS["Sông Lô commune"], new=True).pk if endpoint.dossier else home_commune.pk
    url = endpoint.url.format(pk=pk, q="song+lo")

    response = _request(Client(), endpoint, url)

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
    dossier = _dossier(TARGETS["Sông Lô commune"], new=True) if endpoint.dossier else None

    response = _request(
        client_for(unattached_leader),
        endpoint,
        endpoint.url.format(pk=dossier.pk if dossier else home_commune.pk),
    )

    assert response.status_code in {403, 404}
    assert "Sông Lô" not in response.content.decode()
    if dossier is not None:
        dossier.refresh_from_db()
        assert dossier.status == 1


@pytest.mark.parametrize("endpoint_key", list(LIST_ENDPOINTS))
def test_a_user_with_no_unit_lists_nothing(unattached_leader, endpoint_key):
    endpoint = LIST_ENDPOINTS[endpoint_key]

    response = client_for(unattached_leader).get(endpoint.url.format(q=""))

    if endpoint.api and not endpoint.dossier:
        assert response.status_code == 200
        assert response.json() == {"items": [], "count": 0}
    elif endpoint.api:
        assert response.status_code == 403  # the desk's API checks the role, like the pages
        assert response.json()["code"] == "forbidden"
    else:
        assert response.status_code == 403  # no unit: the role grants nothing until the account is attached
        assert "Sông Lô" not in response.content.decode()


@pytest.mark.django_db
def test_a_services_scope_check_reaches_the_units_a_commune_took_over_and_no_other():
    from gandan.accounts.scope import in_user_scope

    songlo = User.objects.get(username="danvan.songlo")
    tamson = User.objects.get(username="danvan.tamson")
    former = Unit.objects.get(name="Xã Tứ Yên", valid_to__isnull=False)
    assert in_user_scope(songlo, former.path)  # its files are Sông Lô's since the merger
    assert in_user_scope(songlo, songlo.unit.path)
    assert not in_user_scope(tamson, former.path)
    assert not in_user_scope(songlo, tamson.unit.path)

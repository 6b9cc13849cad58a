"""The national exports as an integrator sees them: the shapes' fields and codes for records in each state, the
cursor that gives each change once, the caller's scope, the denunciator who never appears, and errors in
Vietnamese."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from gandan.core import national_shapes as ns
from gandan.dossiers.models import Dossier
from gandan.exports.cursor import Position, cursor_make, cursor_read
from gandan.exports.selectors import export_page, paths_for_user
from gandan.petitions.models import Kind, Petition
from gandan.reception.models import ReceptionRecord
from gandan.tests_support import client_for

OLD = timezone.make_aware(dt.datetime(2020, 1, 1, 8, 0))
FRESH = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.fixture(autouse=True)
def _settled(settings):
    settings.GANDAN_EXPORT_SETTLE_SECONDS = 0


@pytest.fixture
def quiet(db):
    """Every record last changed long ago: a test then marks the few it reads as changed on FRESH's day."""
    for model in (Dossier, Petition, ReceptionRecord):
        model.objects.update(updated_at=OLD)


def get(client: Client, kind: str, **params) -> dict:
    answer = client.get(f"/api/v1/exports/{kind}", params)
    assert answer.status_code == 200, answer.content
    return answer.json()


def read_all(client: Client, kind: str, **params) -> tuple[list[dict], str]:
    items: list[dict] = []
    while True:
        body = get(client, kind, limit=500, **params)
        items += body["items"]
        params = {"since_cursor": body["next_cursor"]}
        if not body["has_more"]:
            return items, body["next_cursor"]


def touch(rows, at: dt.datetime = FRESH) -> None:
    for i, row in enumerate(rows):
        type(row).objects.filter(pk=row.pk).update(updated_at=at + dt.timedelta(seconds=i))


def test_a_dossier_in_each_state_carries_the_dvcqg_codes_and_times(quiet, commune_leader):
    mine = Dossier.objects.filter(unit_path__in=paths_for_user(commune_leader))
    samples = [mine.filter(status=status).first() for status in range(1, 11)]
    samples = [d for d in samples if d is not None]
    assert len(samples) >= 6  # the demo's year has dossiers in most states
    touch(samples)
    items, _cursor = read_all(client_for(commune_leader), "dossiers", changed_since="2026-03-02")
    by_code = {item["MaHoSo"]: item for item in items}
    assert set(by_code) == {d.code for d in samples}
    for dossier in samples:
        item = by_code[dossier.code]
        assert list(item) == [f.name for f in ns.DOSSIER_FIELDS]
        assert item["TrangThaiHoSo"] == dossier.status
        assert item["KenhThucHien"] == dossier.channel
        assert item["NgayHenTra"] == (dossier.appointment.isoformat() if dossier.appointment else None)
        assert (item["NgayTiepNhan"] is None) is (dossier.received_at is None)
        assert (item["NgayKetThucXuLy"] is None) is (dossier.finished_at is None)
        assert len(item["DanhSachBoSung"]) == dossier.supplements.count()
        # The applicant's personal data is not part of the shape.
        assert dossier.applicant_name not in json.dumps(item, ensure_ascii=False)


def test_the_cursor_gives_only_what_changed_each_change_once_in_its_latest_state(quiet, commune_leader):
    client = client_for(commune_leader)
    first = Petition.objects.filter(unit_path__in=paths_for_user(commune_leader)).order_by("pk")[:3]
    touch(first)
    items, cursor = read_all(client, "petitions", changed_since="2026-03-02")
    assert [i["MaDon"] for i in items] == [p.code for p in first]

    assert get(client, "petitions", since_cursor=cursor)["items"] == []  # nothing new: nothing given

    changed = first[1]
    changed.handled_to = "UBND tỉnh"
    changed.save()  # a change after the cursor
    changed.handled_to = "Thanh tra tỉnh"
    changed.save()  # and a second one before the next call
    body = get(client, "petitions", since_cursor=cursor)
    assert [(i["MaDon"], i["CoQuanCoThamQuyen"]) for i in body["items"]] == [(changed.code, "Thanh tra tỉnh")]
    assert get(client, "petitions", since_cursor=body["next_cursor"])["items"] == []


def test_pages_are_bounded_and_follow_each_other_without_gaps_or_repeats(quiet, commune_leader):
    client = client_for(commune_leader)
    rows = list(
        ReceptionRecord.objects.filter(unit_path__in=paths_for_user(commune_leader)).order_by("pk")[:5]
    )
    touch(rows[:3], FRESH)
    touch(rows[3:], FRESH)  # equal times: the id breaks the tie
    seen, cursor = [], ""
    for _ in range(5):
        body = get(
            client,
            "reception",
            limit=2,
            **({"since_cursor": cursor} if cursor else {"changed_since": "2026-03-02"}),
        )
        assert body["count"] == len(body["items"]) <= 2
        seen += [i["STT"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert sorted(seen) == sorted(r.pk for r in rows) and len(seen) == len(set(seen))


def test_a_change_waits_until_it_has_settled(quiet, commune_leader, settings):
    settings.GANDAN_EXPORT_SETTLE_SECONDS = 60
    paths = paths_for_user(commune_leader)
    dossier = Dossier.objects.filter(unit_path__in=paths).first()
    dossier.save()  # changed now
    start = cursor_read("dossiers", cursor_make("dossiers", Position(OLD, 2**31)))  # after every quiet row
    assert export_page("dossiers", paths=paths, after=start, limit=10).items == []
    later = timezone.now() + dt.timedelta(seconds=61)
    assert [
        i["MaHoSo"] for i in export_page("dossiers", paths=paths, after=start, limit=10, now=later).items
    ] == [dossier.code]


def test_an_officer_of_another_commune_gets_none_of_ours(quiet, commune_leader, other_commune_leader):
    ours = {
        "dossiers": {d.code for d in Dossier.objects.filter(unit_path__in=paths_for_user(commune_leader))},
        "petitions": {p.code for p in Petition.objects.filter(unit_path__in=paths_for_user(commune_leader))},
    }
    Dossier.objects.update(updated_at=FRESH)
    Petition.objects.update(updated_at=FRESH)
    theirs = client_for(other_commune_leader)
    dossiers, _ = read_all(theirs, "dossiers", changed_since="2026-03-02")
    petitions, _ = read_all(theirs, "petitions", changed_since="2026-03-02")
    assert dossiers or petitions  # they do see their own
    assert not {i["MaHoSo"] for i in dossiers} & ours["dossiers"]
    assert not {i["MaDon"] for i in petitions} & ours["petitions"]


def test_a_denunciator_never_appears_in_petitions_or_the_reception_book(quiet, province_supervisor):
    denunciations = list(Petition.objects.filter(kind=Kind.DENUNCIATION).select_related("identity"))
    assert denunciations
    names = {p["name"] for d in denunciations for p in d.identity.persons if p.get("name")}
    names |= {r.citizen_name for r in ReceptionRecord.objects.filter(kind=Kind.DENUNCIATION)}
    names.discard("Người tố cáo (được bảo vệ)")
    touch(denunciations)
    touch(list(ReceptionRecord.objects.filter(kind=Kind.DENUNCIATION)))
    client = client_for(province_supervisor)
    petitions, _ = read_all(client, "petitions", changed_since="2026-03-02")
    lines, _ = read_all(client, "reception", changed_since="2026-03-02")
    assert {i["MaDon"] for i in petitions} == {d.code for d in denunciations}
    assert all(i["NguoiGui"] is None and i["LoaiDon"] == "TC" for i in petitions)
    assert all(i["CongDan"] is None for i in lines)
    text = json.dumps([petitions, lines], ensure_ascii=False)
    assert names and not [n for n in names if n in text]
    assert not any(
        i["BaoVeNguoiToCao"] is False
        for i in petitions
        if i["MaDon"] in {d.code for d in denunciations if d.protected}
    )


def test_a_complainant_is_named_but_never_by_id_number_or_phone(quiet, commune_leader):
    complaint = (
        Petition.objects.filter(unit_path__in=paths_for_user(commune_leader), kind=Kind.COMPLAINT)
        .exclude(petitioners=None)
        .first()
    )
    touch([complaint])
    [item] = get(client_for(commune_leader), "petitions", changed_since="2026-03-02")["items"]
    person = complaint.petitioners.order_by("-representative", "position", "id").first()
    assert item["NguoiGui"] == {"HoTen": complaint.petitioner_display, "DiaChi": person.address}
    text = json.dumps(item, ensure_ascii=False)
    for private in (person.phone, person.id_number, person.email, complaint.content):
        if private:
            assert private not in text


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"since_cursor": "khong-phai-con-tro"}, 400, "since_cursor"),
        ({"since_cursor": "x" * 401}, 422, "since_cursor"),
        ({"changed_since": "0000-01-01"}, 400, "changed_since"),
        ({"changed_since": "31/02/2026"}, 400, "changed_since"),
        ({"changed_since": "2099-01-01"}, 400, "changed_since"),
        ({"limit": "0"}, 422, "limit"),
        ({"limit": "501"}, 422, "limit"),
        ({"limit": "nhiều"}, 422, "limit"),
    ],
)
def test_bad_input_is_answered_in_vietnamese(commune_leader, params, status, field):
    answer = client_for(commune_leader).get("/api/v1/exports/dossiers", params)
    assert answer.status_code == status
    body = answer.json()
    assert body["errors"][0]["field"] == field or body["code"] == "invalid_parameter"
    said = body["message"] + body["errors"][0]["message"]
    assert "Vui lòng" in said or "hãy dùng" in said  # Vietnamese, saying what to fix


def test_a_forged_or_foreign_cursor_is_refused(commune_leader):
    client = client_for(commune_leader)
    good = get(client, "dossiers", limit=1)["next_cursor"]
    forged = good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb")
    for kind, cursor in (("dossiers", forged), ("petitions", good)):
        answer = client.get(f"/api/v1/exports/{kind}", {"since_cursor": cursor})
        assert answer.status_code == 400
        assert answer.json()["code"] == "invalid_parameter"
        assert "con trỏ" in answer.json()["message"].lower()
    both = client.get("/api/v1/exports/dossiers", {"since_cursor": good, "changed_since": "2026-01-01"})
    assert both.status_code == 400


def test_only_those_who_answer_for_the_data_may_export(desk_officer, province_supervisor, sysadmin):
    assert Client().get("/api/v1/exports/dossiers").status_code == 401
    refused = client_for(desk_officer).get("/api/v1/exports/petitions")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    for user in (province_supervisor, sysadmin):
        assert client_for(user).get("/api/v1/exports/reception", {"limit": 1}).status_code == 200


# --- An integrator's key (docs/apikeys.md) ---------------------------------------------------------------------


def test_a_key_with_the_exports_scope_exports_its_own_commune_and_the_audit_names_the_key(
    quiet, home_commune, other_commune, sysadmin
):
    from gandan.apikeys.services import apikey_create
    from gandan.audit.models import Event

    ours = Dossier.objects.filter(unit_path__startswith=home_commune.path)
    theirs = Dossier.objects.filter(unit_path__startswith=other_commune.path)
    assert ours.exists() and theirs.exists()
    Dossier.objects.update(updated_at=FRESH)
    new = apikey_create(name="Cổng DVC tỉnh", unit=home_commune, scopes=["exports"], by=sysadmin)

    nightly = Client(headers={"X-Api-Key": new.secret})
    items, _ = read_all(nightly, "dossiers", changed_since="2026-03-02")
    codes = {i["MaHoSo"] for i in items}
    assert codes >= set(ours.values_list("code", flat=True))
    assert not codes & set(theirs.values_list("code", flat=True))
    event = Event.objects.filter(action="exports.national").latest("pk")
    assert event.actor is None and event.details["api_key"] == new.key.prefix


def test_a_key_without_the_exports_scope_or_revoked_is_refused(quiet, home_commune, sysadmin):
    from gandan.apikeys.services import apikey_create, apikey_revoke

    reader = apikey_create(name="Chỉ đọc", unit=home_commune, scopes=["read"], by=sysadmin)
    answer = Client(headers={"X-Api-Key": reader.secret}).get("/api/v1/exports/dossiers")
    assert answer.status_code == 403 and answer.json()["message"]
    exporter = apikey_create(name="Xuất dữ liệu", unit=home_commune, scopes=["exports"], by=sysadmin)
    apikey_revoke(key=exporter.key, by=sysadmin)
    assert Client(headers={"X-Api-Key": exporter.secret}).get("/api/v1/exports/dossiers").status_code == 401

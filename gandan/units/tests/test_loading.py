"""The reference geography: the national list after 1/7/2025 and the demo area (DEMO-AREA.md).

The demo data is loaded once for the whole test session (conftest.py); these tests read what it made and run the
loaders again to check they are idempotent.
"""

import datetime as dt
import socket
from collections import Counter

import pytest

from gandan.demo import load_demo
from gandan.units.loading import national_divisions, units_load_demo, units_load_national
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, UnitKind, UnitSuccession

REFORM_DAY = dt.date(2025, 7, 1)
LAST_DAY_BEFORE = dt.date(2025, 6, 30)

pytestmark = pytest.mark.django_db


def _current_commune_level():
    return Unit.objects.filter(
        depth=1, valid_to__isnull=True, kind__in=COMMUNE_KINDS, parent__valid_to__isnull=True
    )


# --- The national list ------------------------------------------------------------------------------------------


def test_the_national_list_has_34_provinces():
    provinces = Unit.objects.filter(depth=0, valid_to__isnull=True)

    assert provinces.count() == 34
    assert set(provinces.values_list("kind", flat=True)) <= set(PROVINCE_KINDS)
    assert provinces.filter(code="25").get().name == "Phú Thọ"


def test_the_national_list_has_3321_commune_level_units_of_three_kinds():
    kinds = Counter(_current_commune_level().values_list("kind", flat=True))

    assert sum(kinds.values()) == 3321
    assert kinds == {UnitKind.COMMUNE: 2621, UnitKind.WARD: 687, UnitKind.SPECIAL_ZONE: 13}


def test_every_current_unit_is_valid_from_the_reform_day():
    assert not _current_commune_level().exclude(valid_from=REFORM_DAY).exists()


def test_the_national_list_is_read_from_the_bundled_package_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the national list must load offline")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    divisions = national_divisions()

    assert len(divisions) == 34
    assert sum(len(p["wards"]) for p in divisions) == 3321


def test_every_path_is_the_parents_path_plus_one_segment_and_depth_follows():
    parents = dict(Unit.objects.values_list("pk", "path"))
    paths = set(parents.values())
    assert len(paths) == Unit.objects.count()  # unique
    for parent_id, path, depth in Unit.objects.values_list("parent_id", "path", "depth"):
        if parent_id is None:
            assert "." not in path and depth == 0, path
        else:
            parent_path = parents[parent_id]
            assert path.startswith(f"{parent_path}."), path
            assert "." not in path[len(parent_path) + 1 :], path
            assert depth == parent_path.count(".") + 1, path


def test_national_units_are_filed_under_their_province_by_official_code():
    song_lo = Unit.objects.get(code="08848", valid_to__isnull=True)

    assert song_lo.path == "25.08848"
    assert song_lo.parent.code == "25"
    assert song_lo.display_name == "Xã Sông Lô, Phú Thọ"


def test_loading_the_national_list_twice_creates_nothing():
    before = Unit.objects.count()

    assert units_load_national() == 0
    assert Unit.objects.count() == before


def test_loading_the_demo_area_twice_creates_nothing():
    before = (Unit.objects.count(), UnitSuccession.objects.count())

    units_load_demo()

    assert (Unit.objects.count(), UnitSuccession.objects.count()) == before


def test_running_the_whole_demo_again_creates_nothing():
    created = load_demo(progress=False)

    assert {"units", "calendar_days", "users"} <= set(created)
    assert all(n == 0 for n in created.values()), created


def test_reloading_keeps_what_an_official_edited():
    village = Unit.objects.get(name="Thôn Bến Đò")
    Unit.objects.filter(pk=village.pk).update(note="Đã đối chiếu với danh sách của xã")

    units_load_demo()

    village.refresh_from_db()
    assert village.note == "Đã đối chiếu với danh sách của xã"


# --- The demo area ----------------------------------------------------------------------------------------------

DEMO_COMMUNES = {"08824": "Xã Tam Sơn", "08848": "Xã Sông Lô", "08782": "Xã Hải Lựu", "08773": "Xã Yên Lãng"}
LANG_CONG_VILLAGES = [
    "Thôn Trường Xuân", "Thôn Hoành Sơn", "Thôn Tam Đa", "Thôn Yên Sơn", "Thôn Thành Công",
    "Thôn Phú Cường", "Thôn Minh Tân", "Thôn Đoàn Kết", "Thôn Thống Nhất", "Thôn Lãng Sơn",
]  # fmt: skip


@pytest.mark.parametrize(("code", "name"), DEMO_COMMUNES.items())
def test_the_four_demo_communes_are_current_communes_of_phu_tho_with_villages(code, name):
    commune = Unit.objects.get(code=code, valid_to__isnull=True)

    assert commune.name == name
    assert commune.kind == UnitKind.COMMUNE
    assert commune.parent.path == "25"
    villages = commune.children.filter(valid_to__isnull=True)
    assert villages.count() >= 7
    assert set(villages.values_list("kind", flat=True)) == {UnitKind.VILLAGE}
    assert not villages.exclude(valid_from=REFORM_DAY).exists()


def test_yen_lang_has_the_ten_real_villages_of_former_lang_cong():
    yen_lang = Unit.objects.get(code="08773", valid_to__isnull=True)

    assert sorted(yen_lang.children.values_list("name", flat=True)) == sorted(LANG_CONG_VILLAGES)


FORMED_FROM = {
    "Xã Tam Sơn": {"Thị trấn Tam Sơn", "Xã Đồng Quế", "Xã Tân Lập"},
    "Xã Sông Lô": {"Xã Tứ Yên", "Xã Đồng Thịnh", "Xã Đức Bác", "Xã Yên Thạch"},
    "Xã Hải Lựu": {"Xã Hải Lựu", "Xã Nhân Đạo", "Xã Đôn Nhân", "Xã Phương Khoan"},
    "Xã Yên Lãng": {"Xã Quang Yên", "Xã Lãng Công"},
}


@pytest.mark.parametrize(("successor", "formers"), FORMED_FROM.items())
def test_former_units_are_mapped_to_the_commune_that_replaced_them(successor, formers):
    commune = Unit.objects.get(name=successor, parent__code="25", valid_to__isnull=True)
    rows = UnitSuccession.objects.filter(successor=commune).select_related("former", "former__parent")

    assert {s.former.name for s in rows} == formers
    for s in rows:
        assert s.former.valid_to == LAST_DAY_BEFORE
        assert s.effective == REFORM_DAY
        assert s.confirmed
        assert s.former.parent.name == "Huyện Sông Lô"
        assert s.legal_basis


def test_the_former_township_keeps_its_kind():
    assert Unit.objects.get(name="Thị trấn Tam Sơn").kind == UnitKind.TOWN


def test_cao_phong_is_mapped_to_son_dong_and_marked_unconfirmed():
    succession = UnitSuccession.objects.select_related("former", "successor").get(former__name="Xã Cao Phong")

    assert succession.successor.code == "08866"
    assert succession.successor.name == "Xã Sơn Đông"
    assert succession.confirmed is False
    assert "CHƯA XÁC NHẬN" in succession.note
    assert succession.former.valid_to == LAST_DAY_BEFORE
    assert succession.effective == REFORM_DAY


def test_the_former_district_and_province_ended_the_day_before_the_reform():
    district = Unit.objects.get(name="Huyện Sông Lô", kind=UnitKind.DISTRICT)

    assert district.valid_to == LAST_DAY_BEFORE
    assert district.parent.name == "Tỉnh Vĩnh Phúc"
    assert district.parent.valid_to == LAST_DAY_BEFORE
    assert UnitSuccession.objects.get(former=district.parent).successor.path == "25"


def test_reloading_does_not_bring_back_a_village_an_official_renamed(home_commune, commune_leader):
    from gandan.units.services import unit_update

    village = home_commune.children.get(name="Thôn Bến Đò")
    unit_update(
        unit=village, name="Thôn Bến Đò Mới", kind=village.kind, code=village.code, valid_from=village.valid_from,
        valid_to=village.valid_to, is_remote=village.is_remote, note=village.note, by=commune_leader,
    )  # fmt: skip

    units_load_demo()

    assert not home_commune.children.filter(name="Thôn Bến Đò").exists()
    assert home_commune.children.count() == 7


@pytest.mark.django_db
def test_reloading_the_demo_keeps_a_village_an_official_renamed(commune_leader):
    from gandan.units.loading import units_load_demo
    from gandan.units.models import Unit
    from gandan.units.services import unit_update

    village = Unit.objects.get(name="Thôn Bến Đò")
    unit_update(
        unit=village,
        name="Thôn Bến Đò Mới",
        kind=village.kind,
        code=village.code,
        valid_from=village.valid_from,
        valid_to=village.valid_to,
        is_remote=False,
        note="",
        by=commune_leader,
    )
    units_load_demo()
    assert not Unit.objects.filter(name="Thôn Bến Đò").exists()
    assert Unit.objects.filter(name="Thôn Bến Đò Mới").count() == 1

"""Units are searched through gandan.search: the index follows a rename, and stays inside the officer's area."""

from gandan.units.models import Unit
from gandan.units.selectors import unit_list_for_user
from gandan.units.services import unit_update


def names(user, query: str) -> list[str]:
    return [u.name for u in unit_list_for_user(user, query=query)]


def test_a_renamed_village_is_found_by_its_new_name_only(commune_leader):
    village = Unit.objects.get(name="Thôn Bến Đò", parent=commune_leader.unit)

    unit_update(unit=village, name="Thôn Bến Đò Mới Hoà", kind=village.kind, code=village.code,
                valid_from=village.valid_from, valid_to=village.valid_to, is_remote=village.is_remote,
                note=village.note, by=commune_leader)  # fmt: skip

    assert names(commune_leader, "ben do moi hoa") == ["Thôn Bến Đò Mới Hòa"]
    assert names(commune_leader, "hoa moi") == ["Thôn Bến Đò Mới Hòa"]


def test_a_unit_outside_the_officers_area_is_not_found(commune_leader, other_commune_leader):
    assert names(other_commune_leader, "ben do") == []
    assert "Thôn Bến Đò" in names(commune_leader, "ben do")


def test_a_commune_is_found_by_its_official_code(province_supervisor):
    assert names(province_supervisor, "08848") == ["Xã Sông Lô"]

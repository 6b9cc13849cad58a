"""Writes to the unit tree (units/services.py) and the scoped reads behind the unit pages (units/selectors.py)."""

import datetime as dt
import unicodedata

import pytest

from gandan.audit.models import Event
from gandan.errors import DomainError
from gandan.units.models import Unit, UnitKind
from gandan.units.selectors import former_units_for_user, unit_list_for_user
from gandan.units.services import unit_create, unit_update

pytestmark = pytest.mark.django_db


def _update(unit: Unit, by, **changes) -> Unit:
    fields = {
        f: getattr(unit, f) for f in ("name", "kind", "code", "valid_from", "valid_to", "is_remote", "note")
    }
    return unit_update(unit=unit, by=by, **{**fields, **changes})


# --- Creating ---------------------------------------------------------------------------------------------------


def test_a_village_is_created_under_a_commune_with_a_path_below_it(home_commune, commune_leader):
    village = unit_create(
        kind=UnitKind.VILLAGE, name="Thôn Đồng Xuân", parent=home_commune, by=commune_leader
    )

    assert village.parent == home_commune
    assert village.path == "25.08848.thon-dong-xuan"
    assert village.depth == home_commune.depth + 1
    assert village.name_search == "thon dong xuan"
    assert village in unit_list_for_user(commune_leader)


def test_creating_a_unit_writes_an_audit_event_with_its_actor(home_commune, commune_leader):
    village = unit_create(
        kind=UnitKind.VILLAGE, name="Thôn Đồng Xuân", parent=home_commune, by=commune_leader
    )

    event = Event.objects.get(action="units.unit_create", object_id=str(village.pk))
    assert event.actor == commune_leader
    assert event.actor_name == "Lê Văn Hùng"
    assert event.object_repr == "Thôn Đồng Xuân"
    assert event.unit_path == village.path


def test_names_are_stored_in_one_canonical_spelling(home_commune, commune_leader):
    decomposed = unicodedata.normalize("NFD", "  Thôn   Hoà\u200b Bình ")

    village = unit_create(kind=UnitKind.VILLAGE, name=decomposed, parent=home_commune, by=commune_leader)

    assert village.name == "Thôn Hòa Bình"
    assert unicodedata.is_normalized("NFC", village.name)


def test_two_villages_with_one_name_get_distinct_paths(home_commune, commune_leader):
    first = unit_create(kind=UnitKind.VILLAGE, name="Thôn Mới", parent=home_commune, by=commune_leader)
    second = unit_create(kind=UnitKind.VILLAGE, name="Thôn Mới", parent=home_commune, by=commune_leader)

    assert first.path != second.path
    assert second.path.startswith(f"{home_commune.path}.")


@pytest.mark.parametrize(
    ("kind", "parent_path", "code"),
    [
        pytest.param(UnitKind.VILLAGE, "25", "unit_parent_not_allowed", id="village-under-a-province"),
        pytest.param(UnitKind.VILLAGE, None, "unit_parent_not_allowed", id="village-without-parent"),
        pytest.param(UnitKind.COMMUNE, "25.08848", "unit_parent_not_allowed", id="commune-under-a-commune"),
        pytest.param(UnitKind.PROVINCE, "25", "unit_parent_not_allowed", id="province-with-a-parent"),
    ],
)
def test_a_unit_is_refused_where_its_kind_does_not_belong(sysadmin, kind, parent_path, code):
    parent = Unit.objects.get(path=parent_path) if parent_path else None
    before = (Unit.objects.count(), Event.objects.count())

    with pytest.raises(DomainError) as refused:
        unit_create(kind=kind, name="Thôn Thử", parent=parent, by=sysadmin)

    assert refused.value.code == code
    assert refused.value.field == "parent"
    assert (Unit.objects.count(), Event.objects.count()) == before


def test_a_unit_needs_a_name(home_commune, commune_leader):
    with pytest.raises(DomainError) as refused:
        unit_create(kind=UnitKind.VILLAGE, name=" \u200b ", parent=home_commune, by=commune_leader)

    assert (refused.value.code, refused.value.field) == ("unit_name_required", "name")


def test_validity_cannot_end_before_it_starts(home_commune, commune_leader):
    with pytest.raises(DomainError) as refused:
        unit_create(
            kind=UnitKind.VILLAGE, name="Thôn Thử", parent=home_commune, by=commune_leader,
            valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 6, 30),
        )  # fmt: skip

    assert (refused.value.code, refused.value.field) == ("unit_validity_order", "valid_to")


# --- Editing ----------------------------------------------------------------------------------------------------


def test_a_new_code_changes_no_path_anywhere_in_the_subtree(home_commune, sysadmin):
    """The path is the unit's key (every record copies it): the code is data, like the name."""
    paths_before = dict(Unit.objects.values_list("pk", "path"))

    _update(home_commune, sysadmin, code="08849")

    home_commune.refresh_from_db()
    assert home_commune.code == "08849"
    assert dict(Unit.objects.values_list("pk", "path")) == paths_before


def test_the_subtree_follows_the_new_code_in_the_officers_lists(home_commune, commune_leader):
    _update(home_commune, commune_leader, code="08849")
    commune_leader.unit.refresh_from_db()

    names = set(unit_list_for_user(commune_leader).values_list("name", flat=True))

    assert {"Xã Sông Lô", "Thôn Bến Đò", "Thôn Đồng Giang"} <= names


def test_editing_writes_an_audit_event_with_the_actor_and_the_changes(home_commune, commune_leader):
    _update(home_commune, commune_leader, note="Trụ sở mới tại thôn Bến Đò", is_remote=True)

    event = Event.objects.filter(action="units.unit_update", object_id=str(home_commune.pk)).get()
    assert event.actor == commune_leader
    assert event.details["changes"] == {
        "is_remote": ["False", "True"],
        "note": ["", "Trụ sở mới tại thôn Bến Đò"],
    }
    assert event.unit_path == "25.08848"


def test_a_kind_that_does_not_fit_the_units_below_is_refused(home_commune, sysadmin):
    with pytest.raises(DomainError) as refused:
        _update(home_commune, sysadmin, kind=UnitKind.DISTRICT)

    assert (refused.value.code, refused.value.field) == ("unit_kind_breaks_children", "kind")
    home_commune.refresh_from_db()
    assert home_commune.kind == UnitKind.COMMUNE


def test_a_refused_edit_changes_nothing_and_records_nothing(home_commune, sysadmin):
    events = Event.objects.count()

    with pytest.raises(DomainError):
        _update(
            home_commune, sysadmin, code="08849", valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 1, 1)
        )

    home_commune.refresh_from_db()
    assert home_commune.path == "25.08848"
    assert Event.objects.count() == events


# --- Searching --------------------------------------------------------------------------------------------------


def _names(rows) -> list[str]:
    return [u.name for u in rows]


@pytest.mark.parametrize(
    ("viewer", "query", "include_former", "found"),
    [
        pytest.param("province_supervisor", "song lo", False, "Xã Sông Lô", id="song-lo"),
        pytest.param("province_supervisor", "SÔNG LÔ", False, "Xã Sông Lô", id="upper-case-with-marks"),
        pytest.param("other_commune_leader", "hoa", False, "Thôn Bình Hòa", id="hoa"),
        pytest.param(
            "other_commune_leader", "binh hoà", False, "Thôn Bình Hòa", id="tone-on-the-other-vowel"
        ),
        pytest.param("commune_leader", "ben do", False, "Thôn Bến Đò", id="d-without-stroke"),
        pytest.param("commune_leader", "tu yen", True, "Xã Tứ Yên", id="former-unit-of-my-commune"),
        pytest.param(
            "province_supervisor", "lang cong", True, "Xã Lãng Công", id="lang-cong-for-the-province"
        ),
    ],
)
def test_search_ignores_diacritics_and_case(request, viewer, query, include_former, found):
    user = request.getfixturevalue(viewer)

    assert found in _names(unit_list_for_user(user, query=query, include_former=include_former))


def test_lang_cong_is_found_by_yen_lang_only_when_former_units_are_included(db):
    from gandan.accounts.models import User

    yen_lang_leader = User.objects.get(username="chutich.yenlang")

    assert "Xã Lãng Công" in _names(
        unit_list_for_user(yen_lang_leader, query="lang cong", include_former=True)
    )
    assert "Xã Lãng Công" not in _names(unit_list_for_user(yen_lang_leader, query="lang cong"))


def test_former_units_of_another_commune_are_not_found(commune_leader):
    assert _names(unit_list_for_user(commune_leader, query="lang cong", include_former=True)) == []


def test_every_search_word_must_match(other_commune_leader):
    assert _names(unit_list_for_user(other_commune_leader, query="binh hoa")) == ["Thôn Bình Hòa"]
    assert _names(unit_list_for_user(other_commune_leader, query="binh song")) == []


def test_the_kind_filter_keeps_only_that_kind(commune_leader):
    villages = unit_list_for_user(commune_leader, kind=UnitKind.VILLAGE)

    assert len(villages) == 7
    assert {u.kind for u in villages} == {UnitKind.VILLAGE}


@pytest.mark.parametrize(
    ("order", "first", "last"),
    [
        pytest.param("path", "Xã Sông Lô", None, id="tree-order-starts-at-the-commune"),
        pytest.param("name", "Thôn Bãi Sậy", "Xã Sông Lô", id="a-to-z"),
        pytest.param("-name", "Xã Sông Lô", "Thôn Bãi Sậy", id="z-to-a"),
        pytest.param("nonsense", "Xã Sông Lô", None, id="unknown-order-falls-back-to-tree"),
    ],
)
def test_lists_sort_by_tree_or_by_name(commune_leader, order, first, last):
    names = _names(unit_list_for_user(commune_leader, order=order))

    assert names[0] == first
    if last:
        assert names[-1] == last


def test_the_former_units_list_resolves_old_addresses_of_my_commune(commune_leader):
    rows = former_units_for_user(commune_leader, query="duc bac")

    assert [(s.former.name, s.successor.name) for s in rows] == [("Xã Đức Bác", "Xã Sông Lô")]

"""A module filters its own queryset with the search: here the administrative units stand for the module's table
(kind "unit", object id = the unit's primary key, text = its name)."""

import pytest

from gandan.core.vntext import matches
from gandan.search.services import bulk_index, filter_queryset, matching_ids
from gandan.units.models import Unit, subtree_q

pytestmark = pytest.mark.django_db

KIND = "test.unit"
PROVINCE = "25"  # Phú Thọ in the demo data


@pytest.fixture
def indexed_units() -> list[Unit]:
    units = list(Unit.objects.filter(subtree_q(PROVINCE)))
    done = bulk_index(KIND, ((u.pk, u.path, u.name) for u in units), batch_size=100)
    assert done == len(units) > 100
    return units


QUERIES = ["song lo", "Sông Lô", "lo song", "yen lang", "hoa", "xa", "x", "thon 1", "zzz"]


@pytest.mark.parametrize("order", [("-name", "pk"), ("-pk",)], ids=["sorted", "index order"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_module_queryset_keeps_its_filters_order_and_slicing(indexed_units, plan, query, order):
    current = Unit.objects.filter(subtree_q(PROVINCE), valid_to__isnull=True).order_by(*order)

    rows = filter_queryset(current, KIND, query)

    wanted = [u for u in current if matches(query, u.name)]  # the module's own order, filtered in Python
    assert list(rows) == wanted
    assert rows.count() == len(wanted)
    assert list(rows[:3]) == wanted[:3]
    assert list(rows.values_list("pk", flat=True)[1:4]) == [u.pk for u in wanted[1:4]]


def test_matching_ids_is_a_subquery_for_pk_in(indexed_units):
    ids = matching_ids(KIND, "song lo")

    rows = Unit.objects.filter(pk__in=ids, kind="commune")

    assert "search_" in str(rows.query)  # one query, evaluated in the database
    assert {u.name for u in rows} >= {"Xã Sông Lô"}
    assert all(matches("song lo", u.name) and u.kind == "commune" for u in rows)


def test_matching_ids_limits_to_unit_subtrees(indexed_units, home_commune):
    inside = set(Unit.objects.filter(pk__in=matching_ids(KIND, "", unit_prefixes=[home_commune.path])))

    assert inside == set(Unit.objects.filter(subtree_q(home_commune.path)))


def test_the_search_can_apply_to_another_field_than_the_primary_key(indexed_units, home_commune, plan):
    """Children of the units named "Sông Lô": the object id is the parent's, the rows are the children."""
    children = filter_queryset(Unit.objects.all(), KIND, "song lo", field="parent")

    assert home_commune.children.exists()
    assert set(children) == {u for u in indexed_units if u.parent and matches("song lo", u.parent.name)}


def test_two_searches_compose(indexed_units, plan):
    rows = filter_queryset(Unit.objects.all(), KIND, "xa")
    rows = filter_queryset(rows, KIND, "song")

    assert set(rows) == {u for u in indexed_units if matches("xa song", u.name)}


def test_bulk_index_reports_progress_and_replaces_existing_documents(indexed_units):
    seen: list[int] = []
    unit = indexed_units[0]

    done = bulk_index(KIND, [(unit.pk, unit.path, "Tên mới"), (unit.pk + 10**9, "99", "khác")], batch_size=1,
                      progress=seen.append)  # fmt: skip

    assert done == 2 and seen == [1, 1]
    assert list(filter_queryset(Unit.objects.all(), KIND, "ten moi")) == [unit]
    assert unit not in filter_queryset(Unit.objects.all(), KIND, unit.name)


def test_an_object_listed_twice_in_one_batch_keeps_its_last_text(indexed_units):
    unit = indexed_units[0]

    bulk_index(KIND, [(unit.pk, unit.path, "Tên một"), (unit.pk, unit.path, "Tên hai")])

    assert list(filter_queryset(Unit.objects.all(), KIND, "ten hai")) == [unit]
    assert list(filter_queryset(Unit.objects.all(), KIND, "ten mot")) == []


@pytest.mark.parametrize("query", QUERIES)
def test_newest_first_gives_the_same_rows_whatever_plan_is_chosen(indexed_units, monkeypatch, query):
    """With `newest_first` a common query is probed in key order: same rows, same order, same counts."""
    from gandan.search import services

    monkeypatch.setattr(services, "SQLITE_PROBE_FROM", 1)  # every query with a match counts as common
    current = Unit.objects.filter(subtree_q(PROVINCE), valid_to__isnull=True).order_by("-pk")

    rows = filter_queryset(current, KIND, query, newest_first=True)

    wanted = [u for u in current if matches(query, u.name)]
    assert list(rows[:5]) == wanted[:5]
    assert rows.order_by()[:11].count() == min(len(wanted), 11)

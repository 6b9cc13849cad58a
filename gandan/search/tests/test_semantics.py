"""What a search finds: accents, case, tone placement and word order do not matter; every query word is the
beginning of a word of the text. The same on SQLite (under each of its plans) and on PostgreSQL."""

import pytest
from django.db import transaction

from gandan.core.vntext import matches
from gandan.search.models import SearchDocument
from gandan.search.services import (
    filter_queryset,
    index_document,
    matching_ids,
    remove_document,
)

pytestmark = pytest.mark.django_db

KIND = "test.doc"
TEXTS = {
    1: "Tranh chấp ĐẤT ĐAI giữa hai hộ ở thôn Đồng Chanh",
    2: "Ông Nguyễn Văn Hòa phản ánh đường hỏng",
    3: "Bà Trần Thị Hoà đề nghị hỗ trợ hộ nghèo",
    4: "Khiếu nại quyết định thu hồi đất",
    5: "Phản ánh tiếng ồn karaoke lúc 23 giờ",
    6: "ĐƯỜNG LÃNG CÔNG, THÔN 3 ngập nước",
    7: "",
}
UNITS = {
    1: "25.08848.1",
    2: "25.08848",
    3: "25.08824.2",
    4: "25.088480",
    5: "26.1",
    6: "25.08848.2.9",
    7: "25",
}


@pytest.fixture
def corpus():
    for object_id, text in TEXTS.items():
        index_document(KIND, object_id, text=text, unit_path=UNITS[object_id])


def found(query: str, **kwargs) -> set[int]:
    """The object ids that filter_queryset finds, the SearchDocument table standing for the module's table."""
    rows = filter_queryset(SearchDocument.objects.filter(kind=KIND), KIND, query, field="object_id", **kwargs)
    return set(rows.values_list("object_id", flat=True))


def found_by_ids(query: str, **kwargs) -> set[int]:
    ids = matching_ids(KIND, query, **kwargs)
    return set(
        SearchDocument.objects.filter(kind=KIND, object_id__in=ids).values_list("object_id", flat=True)
    )


def expected(query: str) -> set[int]:
    return {object_id for object_id, text in TEXTS.items() if matches(query, text)}


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("dat dai", {1}),
        ("DAT DAI", {1}),
        ("đất đai", {1}),
        ("Đất Đai", {1}),
        ("hoa", {2, 3}),  # "Hòa" and "Hoà": both tone placements
        ("hòa", {2, 3}),
        ("hoà", {2, 3}),
        ("tranh ch", {1}),  # the last word half typed
        ("dai dat", {1}),  # order does not matter
        ("chanh dong dai", {1}),
        ("dat", {1, 4}),  # "đất" in two texts
        ("d", {1, 2, 3, 4, 6}),
        ("lang cong thon 3", {6}),
        ("23", {5}),
        ("2", {5}),
        ("hong", {2}),  # "hỏng"
        ("ong", {2}),  # a prefix of "ông", not the inside of "hỏng" or "đồng"
        ("ang", set()),  # inside words only
        ("dat dai xyz", set()),  # every word is needed
        ("karaokes", set()),
    ],
)
def test_a_query_finds_the_texts_whose_words_start_with_every_query_word(corpus, plan, query, ids):
    assert found(query) == ids == expected(query)
    assert found_by_ids(query) == ids


def test_an_empty_query_filters_nothing(corpus, plan):
    for query in ("", "   ", None, "...", "—"):
        rows = SearchDocument.objects.filter(kind=KIND)
        assert filter_queryset(rows, KIND, query, field="object_id") is rows
        # matching_ids: every document of the kind matches an empty query.
        assert found_by_ids(query) == set(TEXTS)


def test_unit_prefixes_limit_to_the_subtrees(corpus):
    assert found_by_ids("d", unit_prefixes=["25.08848"]) == {1, 2, 6}  # not 25.088480, a sibling code
    assert found_by_ids("d", unit_prefixes=["25.08848.2"]) == {6}
    assert found_by_ids("d", unit_prefixes=["25.08848.1", "25.08824"]) == {1, 3}
    assert found_by_ids("", unit_prefixes=["26"]) == {5}
    assert found_by_ids("d", unit_prefixes=["25"]) == {1, 2, 3, 4, 6}
    assert found_by_ids("d", unit_prefixes=[]) == set()  # an empty scope sees nothing
    assert found_by_ids("d", unit_prefixes=["25.0884%"]) == set()  # LIKE wildcards are escaped
    assert found_by_ids("d", unit_prefixes=["25_08848"]) == set()


def test_reindexing_replaces_the_text(corpus, plan):
    index_document(KIND, 1, text="Nhà cửa xuống cấp", unit_path=UNITS[1])

    assert found("dat dai") == set()
    assert found("tranh") == set()
    assert found("nha cua") == {1}
    assert SearchDocument.objects.filter(kind=KIND, object_id=1).count() == 1


def test_reindexing_can_move_a_document_to_another_unit(corpus):
    index_document(KIND, 1, text=TEXTS[1], unit_path="26.7")

    assert found_by_ids("dat dai", unit_prefixes=["25"]) == set()
    assert found_by_ids("dat dai", unit_prefixes=["26"]) == {1}


def test_a_removed_document_is_no_longer_found(corpus, plan):
    assert remove_document(KIND, 1) is True

    assert found("dat") == {4}
    assert remove_document(KIND, 1) is False
    assert remove_document("never.indexed", 1) is False


def test_kinds_do_not_mix(corpus, plan):
    index_document("test.other", 1, text="karaoke", unit_path="25")
    index_document("test.other", 2, text="đất đai", unit_path="25")

    assert found("karaoke") == {5}
    other = SearchDocument.objects.filter(kind="test.other")
    assert set(
        filter_queryset(other, "test.other", "dat", field="object_id").values_list("object_id", flat=True)
    ) == {2}


def test_an_unknown_kind_matches_nothing(corpus):
    rows = SearchDocument.objects.filter(kind=KIND)
    assert list(filter_queryset(rows, "never.indexed", "dat", field="object_id")) == []
    assert list(rows.filter(object_id__in=matching_ids("never.indexed", "dat"))) == []
    assert list(rows.filter(object_id__in=matching_ids("never.indexed", ""))) == []
    # Negated, "nothing matches" becomes "everything": Django's own rule for an empty IN.
    assert rows.exclude(object_id__in=matching_ids("never.indexed", "dat")).count() == len(TEXTS)


def test_the_index_follows_the_table_whatever_writes_it(corpus, plan):
    """SQLite's triggers (PostgreSQL's generated column) keep the full-text index right after bulk ORM writes."""
    SearchDocument.objects.filter(kind=KIND, object_id=5).update(folded="nha van hoa")
    SearchDocument.objects.filter(kind=KIND, object_id=4).delete()

    assert found("karaoke") == set()
    assert found("nha van") == {5}
    assert found("dat") == {1}


def test_an_index_written_in_a_rolled_back_transaction_is_gone(corpus):
    with pytest.raises(RuntimeError), transaction.atomic():
        index_document(KIND, 1, text="Nhà cửa", unit_path=UNITS[1])
        index_document(KIND, 99, text="Nhà cửa", unit_path=UNITS[1])
        assert found("nha") == {1, 99}
        raise RuntimeError

    assert found("nha") == set()
    assert found("dat dai") == {1}


@pytest.mark.parametrize("object_id", [-1, 2**40, 1.5, "7", True, None])
def test_object_ids_outside_the_range_are_refused(object_id):
    with pytest.raises(ValueError, match="object_id"):
        index_document(KIND, object_id, text="x", unit_path="25")


@pytest.mark.parametrize("kind", ["", "k" * 33, None])
def test_kind_names_are_1_to_32_characters(kind):
    with pytest.raises(ValueError, match="kind"):
        index_document(kind, 1, text="x", unit_path="25")


def test_each_sqlite_plan_is_the_sql_it_claims(corpus, plan, vendor):
    sql = str(filter_queryset(SearchDocument.objects.all(), KIND, "dat", field="object_id").query)

    if vendor != "sqlite":
        assert "terms @@" in sql and "EXISTS" not in sql
        multi = str(filter_queryset(SearchDocument.objects.all(), KIND, "dat dai", field="object_id").query)
        assert ("SELECT d.terms" in multi) == (plan == "probe")
    elif plan in ("drive", "common word, many rows"):  # many rows to sort: drive from the few matching ids
        assert '"object_id" IN (SELECT search_fts.rowid' in sql
    elif plan == "set":
        assert '"object_id" + 0) IN (SELECT search_fts.rowid' in sql
    else:
        assert "EXISTS" in sql and "LIKE" in sql and "search_fts" not in sql

"""The query is what a citizen or an officer typed: FTS5 and tsquery syntax, SQL and LIKE wildcards, control and
exotic characters, huge inputs. None of it may raise, and all of it is only ever words to look for."""

import random

import pytest

from gandan.core.vntext import tokens
from gandan.search.models import SearchDocument
from gandan.search.services import (
    MAX_QUERY_TOKENS,
    filter_queryset,
    index_document,
    matching_ids,
    query_tokens,
)

pytestmark = pytest.mark.django_db

KIND = "test.untrusted"
TEXTS = {
    1: "Tranh chấp đất đai, đề nghị NEAR cổng làng",
    2: "dat OR dai: phản ánh và kiến nghị",
    3: "Tố cáo ông A lấn chiếm 50% diện tích, ký hiệu d_t",
    4: "Москва 東京 café résumé Ωmega",
    5: "near and or not",
    6: "",
}

RANDOM = random.Random(7)
JUNK = "".join(chr(RANDOM.randrange(1, 0x2FFFF)) for _ in range(3_000))
HOSTILE = [
    '"',
    '""',
    '"dat',
    "*",
    "dat*",
    "*dat",
    "NEAR(",
    "NEAR(dat dai)",
    "NEAR(dat dai, 2)",
    "OR",
    "dat OR dai",
    "dat AND",
    "AND dat",
    "NOT dat",
    "dat NOT dai",
    "-",
    "-dat",
    "dai -dat",
    ":",
    "folded:dat",
    "{folded}: dat",
    "dat:*",
    "^dat",
    "+dat",
    "&",
    "dat & dai",
    "|",
    "dat | xyz",
    "!dat",
    "<->",
    "dat <-> dai",
    "'",
    "'dat'",
    "dat'; DROP TABLE search_searchdocument; --",
    '"); DELETE FROM search_fts; --',
    "\\",
    "dat\\",
    "%",
    "_",
    "d_t",
    "50%",
    "(",
    ")",
    "(dat dai",
    "dat)",
    "\x00",
    "dat\x00dai",
    "\u200b",
    "d\u200bat",
    "\u0301",
    "\u0301dat",
    "🙂 dat 🙂",
    "ﷺ",
    "Ωmega",
    "москва",
    "東京",
    "ＤＡＴ",
    "\ud7ff",
    "near and or not",
    "NEAR AND OR NOT",
    JUNK,
    "a" * 10_000,
    "dat " * 2_500,
    " ".join(f"w{i}" for i in range(2_000)),
]


@pytest.fixture
def corpus():
    for object_id, text in TEXTS.items():
        index_document(KIND, object_id, text=text, unit_path="25")


def expected(query: str) -> set[int]:
    """The documented semantics, spelled out: every query token starts a token of the text."""
    words = query_tokens(query)
    return {i for i, text in TEXTS.items() if all(any(t.startswith(w) for t in tokens(text)) for w in words)}


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:24]) + (f"…{len(q)}" if len(q) > 24 else ""))
def test_any_input_is_searched_as_plain_words(corpus, plan, query):
    rows = SearchDocument.objects.filter(kind=KIND)

    by_filter = set(filter_queryset(rows, KIND, query, field="object_id").values_list("object_id", flat=True))
    by_ids = set(rows.filter(object_id__in=matching_ids(KIND, query)).values_list("object_id", flat=True))

    assert by_filter == by_ids == (expected(query) if query_tokens(query) else set(TEXTS))
    assert SearchDocument.objects.filter(kind=KIND).count() == len(TEXTS)  # nothing was executed as SQL


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("NEAR(dat dai)", {1}),  # the words "near", "dat", "dai", not an FTS5 NEAR group
        ("dat OR dai", {2}),  # three words: "or" is one of them
        ("near and or not", {5}),
        ("d_t", {1, 3}),  # "d" and "t", as vntext splits it, not a LIKE pattern
        ("50%", {3}),
        ("москва", {4}),
        ("cafe resume", {4}),
        ("omega", set()),  # "Ω" is a letter of its own, not an "o"
    ],
)
def test_operators_are_words(corpus, plan, query, ids):
    rows = SearchDocument.objects.filter(kind=KIND)
    assert (
        set(filter_queryset(rows, KIND, query, field="object_id").values_list("object_id", flat=True)) == ids
    )


def test_query_tokens_are_deduplicated_implied_ones_dropped_and_capped():
    assert query_tokens("Đất đai ĐẤT dat") == ["dat", "dai"]
    assert query_tokens("ng nguyen n") == ["nguyen"]
    assert query_tokens("d da dat dat") == ["dat"]
    assert query_tokens("'; -- \"*") == []
    assert query_tokens(None) == []
    assert len(query_tokens(" ".join(f"w{i}x" for i in range(100)))) == MAX_QUERY_TOKENS
    assert query_tokens("a" * 500) == ["a" * 64]

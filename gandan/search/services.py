"""The one search function of Gần Dân: every module indexes its records here and filters its lists with it.

Writing (a module's services call these in their own transaction)::

    index_document("petition", petition.pk, text=f"{petition.title}\\n{petition.body}", unit_path=petition.unit_path)
    remove_document("petition", petition.pk)
    bulk_index("petition", ((p.pk, p.unit_path, p.text) for p in ...), progress=bar.update)

Reading::

    rows = Petition.objects.filter(status=..., unit_path__in=paths).order_by("-received_at")
    rows = filter_queryset(rows, "petition", q)   # filtered and ordered first: SQLite's plan depends on both
    page = rows[:20]
    Petition.objects.filter(pk__in=matching_ids("petition", q, unit_prefixes=["25.08848"]))

Query semantics — exactly :func:`gandan.core.vntext.matches`: the query and the text are folded (accents, đ,
case and punctuation removed) and split into tokens; a record matches when *every* query token is the prefix of
*some* token of its text, in any order. "dat dai" finds "Tranh chấp ĐẤT ĐAI", "hoa" finds "Hòa" and "hoà",
"tranh ch" finds "tranh chấp". The query is user input and is never parsed as FTS5 or tsquery syntax: only its
alphanumeric tokens are used, each quoted. An empty query (no tokens) filters nothing. Three limits keep absurd
input cheap, and do not affect real text: tokens are compared on their first :data:`MAX_TOKEN_CHARS`
characters, at most :data:`MAX_QUERY_TOKENS` distinct query tokens are used (after dropping tokens implied by a
longer one: "ng nguyen" is "nguyen"), and only the first :data:`MAX_INDEXED_CHARS` characters of a folded text
are indexed.

How it is evaluated, and why (numbers measured at 1,000,000 documents: docs/search.md):

* PostgreSQL: ``object id IN (SELECT object_id FROM search_searchdocument WHERE kind = … AND terms @@ …)``, and
  the planner chooses, from its statistics on the lexemes: for a rare query it reads the GIN index first; for a
  common one it walks the module's own index in the requested order and checks each row through the
  (kind, object_id) index, stopping at the page size. Its one blind spot: for several words it multiplies their
  frequencies, so the words of a phrase ("o nhiem moi truong", 7.5 % of the documents, each word 12-90 %) look
  rare and it reads every match first (75,000 heap rows, ~370 ms at 1M). So a multi-word query whose every
  word is common (≥ :data:`POSTGRES_COMMON_FROM` documents, the planner's own one-word estimate) over a
  queryset of at most :data:`POSTGRES_PROBE_ROWS_MAX` rows (a commune's list) is checked row by row, through a
  scalar subquery the planner cannot turn around: ≤ ~10 µs a row, so bounded whatever the words.
* SQLite cannot make that choice (FTS5 gives its planner no usable estimate), so :func:`filter_queryset` makes
  it from two capped counts, each ~1 ms: N, the matching documents (FTS5 reads its prefix index lazily and stops
  at :data:`SQLITE_PROBE_FROM`), and R, the rows of the module's queryset (stops after
  :data:`SQLITE_ROWS_MAX`). The three plans (costs measured at 1M rows, docs/search.md):

  - "drive", ``pk IN (FTS rowids)``: SQLite starts from the matching ids and looks each one up, ~0.3-3 µs a
    match whatever the module's query. For N < :data:`SQLITE_DRIVE_BELOW`, and whenever R is large (a
    province-wide list): the module's query may then have to read and sort all R rows, which any other plan
    multiplies, so the cost bounded by N is the safe one (≤ ~350 ms for a word found in every document);
  - "set", ``(pk + 0) IN (FTS rowids)``: the ``+ 0`` stops SQLite from driving from the ids, so it reads the
    module's own index (filters, order) and tests membership in the materialised id set (~0.3 µs a row,
    index-only). For N < SQLITE_PROBE_FROM over a small R;
  - "probe", a common word over a small R (a commune's list): ``EXISTS`` on the search document of each module
    row (its primary key is the rowid) with one ``LIKE '% word%'`` per token, ~3 µs a row read — no set of
    hundreds of thousands of ids is built at all.

  An exact ``count()`` of a common word over a whole province reads every match: cap it
  (``queryset[:1001].count()`` → "1 000+ results").
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Exists,
    Expression,
    F,
    Model,
    OuterRef,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Concat

from gandan.core.vntext import tokens
from gandan.search.models import KIND_SHIFT, MAX_OBJECT_ID, SearchDocument, SearchKind
from gandan.sql import table

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)

__all__ = [
    "MAX_INDEXED_CHARS",
    "MAX_QUERY_TOKENS",
    "MAX_TOKEN_CHARS",
    "SearchIds",
    "bulk_index",
    "filter_queryset",
    "index_document",
    "index_key",
    "matching_ids",
    "query_tokens",
    "remove_document",
]

#: Tokens are indexed and compared on their first 64 characters (no word is longer; base64 blobs are).
MAX_TOKEN_CHARS = 64
#: A search box query has a handful of words; a pasted page is cut to its first 16 distinct tokens.
MAX_QUERY_TOKENS = 16
#: Only the first 100,000 characters of a folded text are indexed (a PostgreSQL tsvector is at most 1 MB).
MAX_INDEXED_CHARS = 100_000
#: Characters of a raw query that are looked at (folding 10 kB of text would cost ~20 ms for nothing).
MAX_QUERY_CHARS = 2_000
#: Prefixes up to this length are indexed as terms of their own (migration 0002).
INDEXED_PREFIX_CHARS = 7

#: SQLite plan thresholds (module docstring): matching documents of the kind, rows of the module's queryset.
SQLITE_DRIVE_BELOW = 2_000
SQLITE_PROBE_FROM = 20_000
SQLITE_ROWS_MAX = 20_000
#: PostgreSQL: a multi-word query is checked row by row (module docstring) when the queryset has at most
#: POSTGRES_PROBE_ROWS_MAX rows and each of its words is in at least POSTGRES_COMMON_FROM documents.
POSTGRES_PROBE_ROWS_MAX = 10_000
POSTGRES_COMMON_FROM = 20_000

KindNumber = int


# --- Text --------------------------------------------------------------------------------------------------


def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(token[:MAX_TOKEN_CHARS] for token in tokens(word))


_cached_word_tokens = lru_cache(maxsize=65_536)(_word_tokens)


def _tokens_of(word: str) -> tuple[str, ...]:
    # Words are short; a long "word" (a pasted blob) is folded without filling the cache.
    return _cached_word_tokens(word) if len(word) <= MAX_TOKEN_CHARS else _word_tokens(word)


def index_key(text: str) -> str:
    """The ``folded`` value stored for ``text``: ``vntext.search_key(text)`` (tokens cut to MAX_TOKEN_CHARS,
    the whole cut to MAX_INDEXED_CHARS at a token boundary).

    Folded word by word with a cache: vntext folds a whitespace-separated word independently of its neighbours
    (normalisation, case folding and mark removal never cross whitespace), and the vocabulary of Vietnamese text
    is a few thousand syllables, so this is ~50x faster than folding each text whole (8 µs instead of 415 µs
    for a 35-word petition), which matters when a million records are indexed. A test checks the equality."""
    key = " ".join(token for word in text.split() for token in _tokens_of(word))
    if len(key) > MAX_INDEXED_CHARS:
        key = key[: MAX_INDEXED_CHARS + 1].rsplit(" ", 1)[0]
    return key


def query_tokens(query: str | None) -> list[str]:
    """The tokens a query is matched with: folded, deduplicated, without tokens implied by a longer one,
    at most MAX_QUERY_TOKENS. Empty for a query without letters or digits."""
    if not query:
        return []
    words: list[str] = []
    for token in tokens(query[:MAX_QUERY_CHARS]):
        token = token[:MAX_TOKEN_CHARS]
        if token not in words:
            words.append(token)
            if len(words) == 4 * MAX_QUERY_TOKENS:  # a query this long is a pasted text, not a search
                break
    # A token that starts another query token is satisfied by whatever satisfies the longer one.
    kept = [w for w in words if not any(other != w and other.startswith(w) for other in words)]
    return kept[:MAX_QUERY_TOKENS]


def _fts5_query(words: Sequence[str]) -> str:
    # Each token is an FTS5 string (double quotes, a quote doubled) followed by * (prefix). Tokens are
    # alphanumeric, so the escaping never triggers; it is there so that this function is safe on its own.
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _tsquery(words: Sequence[str]) -> str:
    # Lexemes in single quotes (a quote doubled, a backslash escaped), cast with ::tsquery — never to_tsquery,
    # whose parser would split or alter tokens. Up to 7 characters a prefix is itself an indexed lexeme.
    def lexeme(w: str) -> str:
        quoted = "'" + w.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted if len(w) <= INDEXED_PREFIX_CHARS else quoted + ":*"

    return " & ".join(lexeme(w) for w in words)


# --- Kinds -------------------------------------------------------------------------------------------------


def _check_kind(kind: str) -> None:
    if not isinstance(kind, str) or not 0 < len(kind) <= 32:
        raise ValueError(f"a search kind is a name of 1 to 32 characters, not {kind!r}")


def _kind_number(kind: str, *, create: bool, using: str = DEFAULT_DB_ALIAS) -> KindNumber | None:
    """The number of a kind, created on first use when indexing. Looked up every time (one primary-key-sized
    query): a cached number could outlive the rolled-back transaction that created it. The look-up is written by
    hand: every intake indexes twice (the dossier, its audit events), and through a queryset the same read cost
    0.45 ms of compiling — 8 % of an intake's CPU."""
    _check_kind(kind)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table(SearchKind)} WHERE name = %s", [kind])  # noqa: S608 — a table name
        row = cursor.fetchone()
    if row is not None:
        return int(row[0])
    if create:
        return SearchKind.objects.using(using).get_or_create(name=kind)[0].pk
    return None


def _document_id(number: KindNumber, object_id: int) -> int:
    if isinstance(object_id, bool) or not isinstance(object_id, int) or not 0 <= object_id <= MAX_OBJECT_ID:
        raise ValueError(f"object_id must be an integer from 0 to {MAX_OBJECT_ID}, not {object_id!r}")
    return (number << KIND_SHIFT) | object_id


# --- Writing -----------------------------------------------------------------------------------------------

_UPSERT: dict[str, Any] = {
    "update_conflicts": True,
    "unique_fields": ["id"],
    "update_fields": ["unit_path", "folded", "updated_at"],
}


def index_document(
    kind: str, object_id: int, *, text: str, unit_path: str, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Make (kind, object_id) searchable by ``text``, replacing what it was indexed with before.

    Call it from the module's service, inside its transaction, whenever the searchable text or the unit of the
    record changes: the index then commits or rolls back with the record."""
    number = _kind_number(kind, create=True, using=using)
    assert number is not None  # created when missing
    document = SearchDocument(
        id=_document_id(number, object_id), kind=kind, object_id=object_id, unit_path=unit_path,
        folded=index_key(text),
    )  # fmt: skip
    SearchDocument.objects.using(using).bulk_create([document], **_UPSERT)


def remove_document(kind: str, object_id: int, *, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Remove (kind, object_id) from the index. True if it was there."""
    number = _kind_number(kind, create=False, using=using)
    if number is None:
        return False
    deleted, _ = SearchDocument.objects.using(using).filter(pk=_document_id(number, object_id)).delete()
    return deleted > 0


def bulk_index(
    kind: str,
    rows: Iterable[tuple[int, str, str]],
    *,
    batch_size: int = 2_000,
    progress: Callable[[int], None] | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Index many records at once: ``rows`` yields ``(object_id, unit_path, text)``; existing documents are
    replaced. One transaction per batch (so a seed of a million rows neither holds one huge transaction nor
    loses everything on an error); ``progress(n)`` is called after each batch with its size. Returns the number
    of rows indexed (an object listed twice is indexed with its last text). Measured at a million rows:
    ~8,000 rows/s on SQLite and ~7,000 on PostgreSQL, generation of the synthetic texts included."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    number = _kind_number(kind, create=True, using=using)
    assert number is not None  # created when missing
    manager = SearchDocument.objects.using(using)
    done = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, batch_size)):
        documents = [
            SearchDocument(id=_document_id(number, object_id), kind=kind, object_id=object_id,
                           unit_path=unit_path, folded=index_key(text))
            for object_id, unit_path, text in batch
        ]  # fmt: skip
        # One row per id: PostgreSQL refuses an INSERT … ON CONFLICT that would update a row twice.
        documents = list({document.id: document for document in documents}.values())
        with transaction.atomic(using=using):
            manager.bulk_create(documents, **_UPSERT)
        done += len(batch)
        if progress:
            progress(len(batch))
    return done


# --- Reading -----------------------------------------------------------------------------------------------


class SearchIds(Expression):
    """``(SELECT object_id of every matching document)``: a subquery to put on the right of ``__in``.

    Evaluated in the database as part of the module's query. Build it with :func:`matching_ids`."""

    def __init__(
        self,
        number: KindNumber | None,
        kind: str,
        words: Sequence[str],
        unit_prefixes: Sequence[str] | None,
    ):
        super().__init__(output_field=BigIntegerField())
        self.number, self.kind = number, kind
        self.words = tuple(words)
        self.unit_prefixes = None if unit_prefixes is None else tuple(unit_prefixes)

    def __repr__(self) -> str:
        return f"SearchIds({self.kind!r}, {list(self.words)!r}, unit_prefixes={self.unit_prefixes!r})"

    def get_group_by_cols(self) -> list[Any]:
        return []

    def _units_sql(self, column: str) -> tuple[str, list[str]]:
        if self.unit_prefixes is None:
            return "", []
        clauses, params = [], []
        for prefix in self.unit_prefixes:
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append(f"{column} = %s OR {column} LIKE %s ESCAPE '\\'")
            params += [prefix, f"{escaped}.%"]
        return " AND (" + " OR ".join(clauses) + ")", params

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        # The f-strings below only join constant SQL fragments and %s markers; every value is a parameter.
        if self.number is None or (self.unit_prefixes is not None and not self.unit_prefixes):
            raise EmptyResultSet  # an unknown kind or an empty scope: nothing matches (Django's `__in=[]`)
        base = self.number << KIND_SHIFT
        if not self.words:
            units, params = self._units_sql("unit_path")
            sql = f"SELECT object_id FROM search_searchdocument WHERE kind = %s{units}"  # noqa: S608
            return f"({sql})", [self.kind, *params]
        if connection.vendor == "sqlite":
            # FTS5 rowid = document id; the kind is a rowid range, so ids come out by subtraction.
            units, unit_params = self._units_sql("d.unit_path")
            join = " JOIN search_searchdocument d ON d.id = search_fts.rowid" if units else ""
            sql = (
                f"SELECT search_fts.rowid - %s FROM search_fts{join} WHERE search_fts MATCH %s"  # noqa: S608
                f" AND search_fts.rowid BETWEEN %s AND %s{units}"
            )
            return f"({sql})", [base, _fts5_query(self.words), base, base | MAX_OBJECT_ID, *unit_params]
        if connection.vendor == "postgresql":
            units, unit_params = self._units_sql("unit_path")
            match = "kind = %s AND terms @@ %s::tsquery"
            sql = f"SELECT object_id FROM search_searchdocument WHERE {match}{units}"  # noqa: S608
            return f"({sql})", [self.kind, _tsquery(self.words), *unit_params]
        raise ImproperlyConfigured(f"gandan.search supports SQLite and PostgreSQL, not {connection.vendor}")


def matching_ids(
    kind: str,
    query: str | None,
    *,
    unit_prefixes: Sequence[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> SearchIds:
    """The object ids of ``kind`` whose text matches ``query``, as a subquery evaluated in the database::

        Petition.objects.filter(pk__in=matching_ids("petition", "dat dai"))

    ``unit_prefixes``: only documents whose unit is one of these paths or below one (the subtree of each);
    an empty sequence matches nothing, None does not filter. An empty query matches every document of the kind
    (only indexed objects, unlike :func:`filter_queryset`, which then leaves the queryset alone).

    This is the plain plan; inside a module's list, prefer :func:`filter_queryset`, which on SQLite also
    chooses how to combine the search with the module's filters and order."""
    return SearchIds(_kind_number(kind, create=False, using=using), kind, query_tokens(query), unit_prefixes)


def _sqlite_match_count(number: KindNumber, words: Sequence[str], cap: int, using: str) -> int:
    """How many documents of the kind match, counting no further than ``cap``. Cheap (~0.3 ms per 5,000
    matches) because FTS5 reads the prefix index lazily and stops at the LIMIT."""
    base = number << KIND_SHIFT
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s"
            " AND rowid BETWEEN %s AND %s LIMIT %s)",
            [_fts5_query(words), base, base | MAX_OBJECT_ID, cap],
        )
        return int(cursor.fetchone()[0])


def _probe(words: Sequence[str], field: str, base: int) -> Exists:
    """``EXISTS (the search document of this row, whose text has a token starting with each word)``.

    ``' ' || folded LIKE '% word%'`` is the same test as the FTS5 query: folded is tokens joined by single
    spaces, so a space followed by the word is a token starting with it (LIKE's case folding is moot: folded
    is lower case)."""
    spaced = Concat(Value(" "), F("folded"), output_field=TextField())
    documents = SearchDocument.objects.alias(_spaced=spaced).filter(pk=OuterRef(field) + base)
    for word in words:
        documents = documents.filter(_spaced__contains=" " + word)
    return Exists(documents)


class _PostgresProbe(Expression):
    """``(SELECT terms of this row's document) @@ query``: a scalar subquery, which PostgreSQL evaluates row by
    row and never turns into a join — the way to make it check the module's rows one by one."""

    conditional = True

    def __init__(
        self, column: Any, kind: str, tsquery: str
    ) -> None:  # an F(), then the column it resolved to
        super().__init__(output_field=BooleanField())
        self.column, self.kind, self.tsquery = column, kind, tsquery

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.column)
        document = f"SELECT d.terms FROM search_searchdocument d WHERE d.kind = %s AND d.object_id = {column}"  # noqa: S608
        return f"(({document}) @@ %s::tsquery)", [self.kind, *params, self.tsquery]


def _postgres_estimate(using: str, word: str) -> float:
    """The planner's estimate of the documents containing ``word`` (from its statistics; accurate for one
    word — it is the product for several words that is wrong when they form a phrase)."""
    with connections[using].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument WHERE terms @@ %s::tsquery",
                       [_tsquery([word])])  # fmt: skip
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return float(plan[0]["Plan"]["Plan Rows"])


def filter_queryset(
    queryset: QuerySet[M], kind: str, query: str | None, *, field: str = "pk", newest_first: bool = False
) -> QuerySet[M]:
    """``queryset`` limited to the rows whose ``field`` (default: the primary key) is the object id of a
    ``kind`` document matching ``query``. An empty query returns ``queryset`` unchanged.

    The result is still the module's queryset: order, slice, count or filter it further. Pass it already
    filtered (scope, status, period…): the plan is chosen now, from a few capped counts and estimates
    (module docstring).

    ``newest_first``: the caller promises to read a page in descending primary-key order and to count at most a
    capped number of rows. Then, on SQLite, a common query (≥ SQLITE_PROBE_FROM matches) over a large list is
    probed row by row in key order too: the page stops after a few hundred rows instead of reading every match
    (at a million petitions, a commune's search page went from ~90 ms to the probe's few ms)."""
    words = query_tokens(query)
    if not words or queryset.query.is_empty():
        return queryset
    using = queryset.db
    ids = SearchIds(_kind_number(kind, create=False, using=using), kind, words, None)
    if ids.number is None:
        return queryset.none()
    if connections[using].vendor != "sqlite":
        if (
            len(words) > 1
            and queryset.order_by()[: POSTGRES_PROBE_ROWS_MAX + 1].count() <= POSTGRES_PROBE_ROWS_MAX
            and min(_postgres_estimate(using, w) for w in words) >= POSTGRES_COMMON_FROM
        ):
            return queryset.filter(_PostgresProbe(F(field), kind, _tsquery(words)))
        return queryset.filter(**{f"{field}__in": ids})

    found = _sqlite_match_count(ids.number, words, max(SQLITE_PROBE_FROM, SQLITE_DRIVE_BELOW, 1), using)
    if found == 0:
        return queryset.none()
    if newest_first and found >= SQLITE_PROBE_FROM:
        return queryset.filter(_probe(words, field, ids.number << KIND_SHIFT))  # probe, in key order
    if found < SQLITE_DRIVE_BELOW or queryset.order_by()[: SQLITE_ROWS_MAX + 1].count() > SQLITE_ROWS_MAX:
        return queryset.filter(**{f"{field}__in": ids})  # drive: cost bounded by the number of matches
    if found < SQLITE_PROBE_FROM:
        alias = f"_search_{field}_{len(queryset.query.annotations)}"
        aliased: QuerySet[M] = queryset.alias(**{alias: F(field) + 0})
        return aliased.filter(**{f"{alias}__in": ids})  # set
    return queryset.filter(_probe(words, field, ids.number << KIND_SHIFT))  # probe

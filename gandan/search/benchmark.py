"""Search at scale: ``measure(n)`` seeds n synthetic petitions, runs ~50 searches combined with a module's filters
and prints the latency percentiles. Meant to be called by ``make bench``; by hand::

    DATABASE_URL=sqlite:////tmp/searchbench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/searchbench.sqlite3 .venv/bin/python manage.py search_benchmark -n 1000000

It works in the current database and cleans up after itself: the module table is a scratch table
(``search_bench_item``: id, unit_path, status, received_at, indexed like ``Dossier``), dropped at the end; the
documents are indexed through :func:`gandan.search.services.bulk_index` under the scratch kind ``bench.search``
and deleted at the end, with the kind. On SQLite the full-text index keeps the space of the deleted documents
until its next merge: use a throwaway database.

What is timed, per query: :func:`filter_queryset` (with its plan-choosing counts) plus fetching the first page,
``.order_by("-received_at")[:20]`` — the list a staff member sees; "(no search)" is the same list without a
search, for reference. Ten texts from "matches nothing" to "matches every document" × five filter shapes
(none; status; a commune's subtree; subtree + status; subtree + last quarter) = 50 queries, each run once to
warm up and then ``repeat`` times. "page + count" adds the capped count a list shows (``[:1001].count()``,
"1 000+ results").
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.apps.registry import Apps
from django.db import connection, models, transaction
from django.utils import timezone

from gandan.search.models import SearchDocument, SearchKind
from gandan.search.services import bulk_index, filter_queryset, matching_ids, query_tokens
from gandan.sql import db_datetime

SCRATCH_KIND = "bench.search"
SCRATCH_TABLE = "search_bench_item"
PAGE = 20
COUNT_CAP = 1_000
NO_SEARCH = "(no search)"

# --- Synthetic petitions ----------------------------------------------------------------------------------
# Topic shares are set so that "tranh chap" (a land dispute) is ~20 % of all petitions: the "common word" case.
TOPICS = [
    (20, "Tranh chấp đất đai"), (8, "Khiếu nại quyết định thu hồi đất"), (8, "Phản ánh ô nhiễm môi trường"),
    (10, "Kiến nghị sửa chữa đường giao thông"), (4, "Tố cáo cán bộ nhận tiền"),
    (10, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"), (6, "Phản ánh tiếng ồn karaoke"),
    (6, "Kiến nghị về chế độ chính sách người có công"), (5, "Khiếu nại bồi thường giải phóng mặt bằng"),
    (5, "Phản ánh mất điện kéo dài"), (4, "Đề nghị hỗ trợ hộ nghèo"), (4, "Phản ánh nước sinh hoạt bị nhiễm bẩn"),
    (3, "Kiến nghị xây dựng nhà văn hóa thôn"), (3, "Tố cáo hành vi lấn chiếm hành lang an toàn giao thông"),
    (4, "Phản ánh rác thải sinh hoạt"), (2, "Khiếu nại việc xử phạt vi phạm hành chính"),
    (2, "Kiến nghị cải tạo kênh mương thủy lợi"), (2, "Phản ánh chó thả rông"),
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
          "Khổng", "Quách"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Ngọc", "Xuân"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến", "Khuê", "Nghiêm", "Thoại", "Huỳnh", "Quyết", "Loan",
         "Ngoãn", "Khánh", "Duyên"]  # fmt: skip
PLACES = ["thôn Đồng Chanh", "thôn Lãng Công", "xóm Bến Đò", "tổ dân phố số", "thôn Phú Hậu", "khu Gò Găng",
          "thôn Quang Hà", "xóm Trại", "thôn Yên Thịnh", "thôn Đình"]  # fmt: skip
_FILLER_TEXT = (
    "hộ gia đình ông bà cùng xã thôn xóm đã nhiều lần đề nghị chính quyền xem xét giải quyết dứt điểm nhưng chưa "
    "được trả lời việc này kéo dài từ năm ảnh hưởng đến đời sống sinh hoạt của nhân dân trong khu vực đề nghị ủy "
    "ban nhân dân kiểm tra xác minh làm rõ xử lý nghiêm theo quy định của pháp luật hiện hành bà con rất bức xúc "
    "mong muốn sớm có kết quả thửa đất số tờ bản đồ diện tích mét vuông ranh giới mốc giới ngõ hẻm cổng tường rào "
    "công trình phụ"
)
FILLER = _FILLER_TEXT.split()
_TOPIC_TEXTS = [t for _, t in TOPICS]
_TOPIC_WEIGHTS = list(itertools.accumulate(w for w, _ in TOPICS))

#: (label, query): from "matches nothing" to "matches everything"; the share is printed by measure().
QUERIES = [
    ("none", "thoại loan quách"),
    ("rare name", "khue quach"),
    ("name", "khong nghiem"),
    ("person", "nguyen van hoa"),
    ("word", "karaoke"),
    ("phrase", "o nhiem moi truong"),
    ("common 20%", "tranh chap"),
    ("common 26%", "đất đai"),
    ("very common", "quyet"),
    ("one letter", "d"),
]

N_COMMUNES = 100
VILLAGES_PER_COMMUNE = 8
PROVINCE = "99"  # not a real province code: the scratch rows can never be mistaken for real ones


def _communes() -> list[str]:
    return [f"{PROVINCE}.c{c:03d}" for c in range(N_COMMUNES)]


def _subtree(commune: str) -> list[str]:
    return [commune] + [f"{commune}.v{v}" for v in range(VILLAGES_PER_COMMUNE)]


def _text(rng: random.Random) -> str:
    topic = rng.choices(_TOPIC_TEXTS, cum_weights=_TOPIC_WEIGHTS)[0]
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    place = f"{rng.choice(PLACES)} {rng.randrange(1, 30)}"
    body = " ".join(rng.choice(FILLER) for _ in range(rng.randrange(10, 40)))
    return f"{topic} — {name}, {place}. {body} năm {rng.randrange(2015, 2027)}"


# --- The scratch module table ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def scratch_model() -> type[models.Model]:
    """A model for the scratch table, in a registry of its own: no migration, no trace in the project's apps."""
    registry = Apps(installed_apps=())

    class BenchItem(models.Model):
        id = models.BigAutoField(primary_key=True)  # the rowid on SQLite, as in every module table
        unit_path = models.CharField(max_length=255)
        status = models.PositiveSmallIntegerField()
        received_at = models.DateTimeField()

        class Meta:
            apps = registry
            app_label = "search_bench"
            db_table = SCRATCH_TABLE
            indexes = [
                models.Index(fields=["unit_path", "status", "received_at"], name="search_bench_worklist"),
                models.Index(fields=["unit_path", "received_at"], name="search_bench_period"),
                models.Index(fields=["received_at"], name="search_bench_received"),
            ]

        def __str__(self) -> str:
            return str(self.pk)

    return BenchItem


def _drop_scratch(out: Callable[[str], None]) -> None:
    model = scratch_model()
    if SCRATCH_TABLE in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.delete_model(model)
    started = time.perf_counter()
    deleted, _ = SearchDocument.objects.filter(kind=SCRATCH_KIND).delete()
    SearchKind.objects.filter(name=SCRATCH_KIND).delete()
    if deleted:
        out(f"  removed {deleted:,} scratch documents in {time.perf_counter() - started:.1f} s")


def _seed(n: int, seed: int, out: Callable[[str], None]) -> dict[str, Any]:
    model = scratch_model()
    with connection.schema_editor() as editor:
        editor.create_model(model)
    rng = random.Random(seed)
    leaves = [path for commune in _communes() for path in _subtree(commune)]
    end = timezone.now().replace(microsecond=0)
    start = end - dt.timedelta(days=3 * 365)
    step = (end - start) / n
    statuses = [1, 2, 3, 3, 4, 4, 4, 5, 6, 7]
    insert = f"INSERT INTO {SCRATCH_TABLE} (id, unit_path, status, received_at) VALUES (%s, %s, %s, %s)"  # noqa: S608
    adapt = db_datetime

    units: list[str] = []
    started = time.perf_counter()
    batch = 10_000
    for first in range(1, n + 1, batch):
        rows = []
        for object_id in range(first, min(first + batch, n + 1)):
            unit = rng.choice(leaves)
            units.append(unit)
            received = start + step * object_id + dt.timedelta(minutes=rng.randrange(-600, 600))
            rows.append((object_id, unit, rng.choice(statuses), adapt(received)))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, rows)
    table_seconds = time.perf_counter() - started
    out(f"  module table: {n:,} rows in {table_seconds:.1f} s")

    started = time.perf_counter()
    done = [0]

    def progress(size: int) -> None:
        before, done[0] = done[0], done[0] + size
        if before * 10 // n != done[0] * 10 // n:
            out(f"  indexed {done[0]:,} / {n:,} ({time.perf_counter() - started:.0f} s)")

    texts = random.Random(seed + 1)
    bulk_index(
        SCRATCH_KIND,
        ((i, units[i - 1], _text(texts)) for i in range(1, n + 1)),
        batch_size=2_000,
        progress=progress,
    )
    index_seconds = time.perf_counter() - started
    out(
        f"  search index: {n:,} documents in {index_seconds:.1f} s ({n / index_seconds:,.0f}/s, text generation included)"
    )

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {SCRATCH_TABLE}")
            cursor.execute("VACUUM ANALYZE search_searchdocument")
        else:
            cursor.execute(f"ANALYZE {SCRATCH_TABLE}")
            cursor.execute("ANALYZE search_searchdocument")
    return {"table_seconds": table_seconds, "index_seconds": index_seconds, "end": end}


def _sizes() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchdocument'), pg_relation_size('search_doc_terms')"
            )
            total, gin = cursor.fetchone()
            return f"search_searchdocument {total / 1e6:,.0f} MB in all, of which the GIN index {gin / 1e6:,.0f} MB"
        try:
            cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%'")
            fts = cursor.fetchone()[0] or 0
            cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_searchdocument%'")
            table = cursor.fetchone()[0] or 0
        except Exception:  # dbstat is a compile-time option of SQLite
            return "sizes unknown (no dbstat)"
        return f"search_searchdocument {table / 1e6:,.0f} MB, FTS5 index {fts / 1e6:,.0f} MB"


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(
    n: int = 1_000_000, *, repeat: int = 3, seed: int = 2026, out: Callable[[str], None] = print
) -> dict:
    """Seed ``n`` documents, run the 50 queries, print the table and p50/p95, clean up. Returns the figures."""
    if n < 1:
        raise ValueError("n must be at least 1")
    model: Any = scratch_model()  # built at run time: its manager is not known to the type checker
    out(f"search benchmark on {connection.vendor}, n = {n:,}")
    _drop_scratch(out)  # what a crashed earlier run may have left
    try:
        seeded = _seed(n, seed, out)
        out(f"  {_sizes()}")
        rng = random.Random(seed + 2)
        communes = _communes()
        quarter = seeded["end"] - dt.timedelta(days=91)
        shapes: list[tuple[str, Callable[[], models.QuerySet]]] = [
            ("text only", lambda: model.objects.all()),
            ("+ status", lambda: model.objects.filter(status=4)),
            ("+ commune", lambda: model.objects.filter(unit_path__in=_subtree(rng.choice(communes)))),
            ("+ commune + status", lambda: model.objects.filter(unit_path__in=_subtree(rng.choice(communes)), status=3)),
            ("+ commune + quarter", lambda: model.objects.filter(
                unit_path__in=_subtree(rng.choice(communes)), received_at__gte=quarter)),
        ]  # fmt: skip

        def page(base: models.QuerySet, query: str) -> list[int]:
            rows = filter_queryset(base.order_by("-received_at"), SCRATCH_KIND, query)
            return list(rows.values_list("id", flat=True)[:PAGE])

        def unsearched(base: models.QuerySet) -> list[int]:
            return list(base.order_by("-received_at").values_list("id", flat=True)[:PAGE])

        def page_and_count(base: models.QuerySet, query: str) -> int:
            rows = filter_queryset(base, SCRATCH_KIND, query)
            total = rows[: COUNT_CAP + 1].count()
            list(rows.order_by("-received_at").values_list("id", flat=True)[:PAGE])
            return total

        def timed(fn, *args) -> float:
            started = time.perf_counter()
            fn(*args)
            return (time.perf_counter() - started) * 1000

        out("  share of documents matching each query:")
        for label, query in QUERIES:
            share = SearchDocument.objects.filter(
                kind=SCRATCH_KIND, object_id__in=matching_ids(SCRATCH_KIND, query)
            )
            out(f"    {label:12} {query!r:24} {share.count() / n:7.2%}  tokens {query_tokens(query)}")

        page_ms: list[float] = []
        count_ms: list[float] = []
        cells: dict[tuple[str, str], list[float]] = {}
        for round_ in range(repeat + 1):
            for shape_label, shape in shapes:
                ms = timed(unsearched, shape())
                if round_:
                    cells.setdefault((shape_label, NO_SEARCH), []).append(ms)
                for label, query in QUERIES:
                    base = shape()
                    ms = timed(page, base, query)
                    ms_count = timed(page_and_count, base, query)
                    if round_ == 0:
                        continue  # warm-up: caches, statistics, plans
                    page_ms.append(ms)
                    count_ms.append(ms_count)
                    cells.setdefault((shape_label, label), []).append(ms)

        out(f"  first page of {PAGE}, median ms by query × filters:")
        out("    " + " " * 13 + "".join(f"{label[:11]:>12}" for label, _ in shapes))
        for label in [NO_SEARCH, *(label for label, _ in QUERIES)]:
            row = "".join(
                f"{statistics.median(cells[(shape_label, label)]):12.1f}" for shape_label, _ in shapes
            )
            out(f"    {label:13}{row}")
        result = {
            "vendor": connection.vendor,
            "n": n,
            "queries": len(QUERIES) * len(shapes),
            "runs": len(page_ms),
            "p50_ms": _percentile(page_ms, 50),
            "p95_ms": _percentile(page_ms, 95),
            "max_ms": max(page_ms),
            "page_and_count_p50_ms": _percentile(count_ms, 50),
            "page_and_count_p95_ms": _percentile(count_ms, 95),
            "index_rows_per_second": n / seeded["index_seconds"],
        }
        out(
            f"  first page:        p50 {result['p50_ms']:.1f} ms   p95 {result['p95_ms']:.1f} ms   "
            f"max {result['max_ms']:.1f} ms   ({result['runs']} runs of {result['queries']} queries)"
        )
        out(
            f"  page + count≤{COUNT_CAP}: p50 {result['page_and_count_p50_ms']:.1f} ms   "
            f"p95 {result['page_and_count_p95_ms']:.1f} ms"
        )
        return result
    finally:
        _drop_scratch(out)

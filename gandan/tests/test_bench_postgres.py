"""`make bench` on PostgreSQL (bench/postgres.py) and the province seed's SQL (bench/province_*.py).

The naming of the run's throwaway databases is checked everywhere; the province seed's statements only on PostgreSQL
(`DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest gandan/tests/test_bench_postgres.py`), at a few rows:
what they write must be what the project's own code would have written (codes, search text, counters)."""

import datetime as dt
import random
import re
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _bench(name: str) -> Any:
    """A module of the harness (bench/ is not a package of the application, nor type-checked with it)."""
    return import_module(f"bench.{name}")


postgres = _bench("postgres")


def test_the_run_database_is_beside_the_one_the_url_names_with_the_same_server_and_options():
    url = "postgres://bench:secret@db.example:5433/gandan?sslmode=require"
    assert postgres.with_database(url, "gandan_bench_42") == (
        "postgres://bench:secret@db.example:5433/gandan_bench_42?sslmode=require"
    )
    assert postgres.bench_name(42) == "gandan_bench_42"
    assert postgres.derived_name("gandan_bench_42", "opinion_base") == "gandan_bench_42_opinion_base"


def test_names_that_are_not_plain_identifiers_and_urls_that_are_not_postgres_are_refused():
    with pytest.raises(postgres.DatabaseError):
        postgres.with_database("postgres://h/db", 'x"; DROP DATABASE prod; --')
    with pytest.raises(postgres.DatabaseError):
        postgres.with_database("sqlite:///var/gandan.sqlite3", "gandan_bench_1")
    assert not postgres.is_postgres("sqlite:///var/gandan.sqlite3")
    assert postgres.is_postgres("postgresql://postgres@127.0.0.1/postgres")


def _on_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the province seed writes PostgreSQL SQL: run with DATABASE_URL=postgres://…")


@pytest.fixture
def province(db):
    _on_postgres()
    from django.utils import timezone

    communes = _bench("province").province_communes()[:3]
    procedures = _bench("scenarios.dossiers")._procedures()
    today = timezone.localdate()
    start = today - dt.timedelta(days=200)
    most = _bench("province_dossiers").max_procedure_days(procedures) + 3
    _bench("province_sql").create_helpers(communes, start, today, most, random.Random(1))
    return communes, procedures, today


def _days(today):
    first = (today - dt.timedelta(days=150)).replace(day=1)
    return _bench("province_sql").working_days(first, (first + dt.timedelta(days=32)).replace(day=1))


def test_province_dossiers_have_codes_appointments_and_search_text_as_the_desk_writes_them(province):
    from gandan.dossiers.models import Dossier, DossierCounter
    from gandan.dossiers.rules import dossier_code
    from gandan.dossiers.search import DOSSIER, dossier_document
    from gandan.search.models import SearchDocument
    from gandan.search.services import index_key

    communes, procedures, today = province
    before = set(Dossier.objects.values_list("pk", flat=True))
    days = _days(today)
    _bench("province_dossiers").insert_dossiers(days, 60, procedures, len(communes), today)
    made = list(Dossier.objects.exclude(pk__in=before).select_related("procedure", "unit"))
    assert len(made) == 60
    assert len({d.code for d in made}) == 60
    for dossier in made:
        local = timezone_day(dossier.submitted_at)
        assert local in days
        seq = int(dossier.code.rsplit("-", 1)[1])
        assert dossier.code == dossier_code(dossier.unit.code, local, seq)
        if dossier.received_at is not None:
            assert dossier.appointment is not None and dossier.appointment >= local
        document = SearchDocument.objects.get(kind=DOSSIER, object_id=dossier.pk)
        assert document.folded == index_key(dossier_document(dossier)[2])
        assert document.unit_path == dossier.unit_path
        assert DossierCounter.objects.get(unit=dossier.unit, day=local).last >= seq


def timezone_day(at):
    from django.utils import timezone

    return timezone.localtime(at).date()


def test_province_petitions_continue_the_counters_and_are_searchable_as_the_desk_writes_them(province):
    from gandan.core import duplicates as dup
    from gandan.petitions.models import DuplicateKey, Petition, PetitionCounter
    from gandan.petitions.search import PETITION, petition_document
    from gandan.search.models import SearchDocument
    from gandan.search.services import index_key

    communes, _procedures, today = province
    seed = _bench("province_petitions")
    seed.prepare_petitions(random.Random(2), 0.0001)
    before = set(Petition.objects.values_list("pk", flat=True))
    seed.insert_petitions(_days(today), 40, len(communes), today)
    seed.insert_petitions(_days(today), 40, len(communes), today)
    made = list(Petition.objects.exclude(pk__in=before).prefetch_related("petitioners"))
    assert len(made) == 80
    assert len({p.code for p in made}) == 80
    for petition in made:
        assert re.fullmatch(rf"DT-{petition.unit.code}-\d\d-\d{{5}}", petition.code)
        last = PetitionCounter.objects.get(unit=petition.unit, year=petition.received_on.year).last
        assert int(petition.code[-5:]) <= last
        assert petition.protected == (petition.kind == "denunciation")
        assert len(petition.petitioners.all()) == (0 if petition.protected else 1)
        document = SearchDocument.objects.get(kind=PETITION, object_id=petition.pk)
        assert document.folded == index_key(petition_document(petition)[2])
        assert DuplicateKey.objects.filter(petition=petition).count() == 4 + dup.BANDS


def test_the_loads_indexes_and_foreign_keys_come_back_as_the_migrations_made_them(db):
    _on_postgres()
    from contextlib import nullcontext

    from django.db import connection

    load = _bench("province_sql")

    def definitions() -> set[tuple[str, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [list(load.LOADED_TABLES)]
            )
            indexes = {(row[0],) for row in cursor.fetchall()}
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'"
                " AND conrelid::regclass::text = ANY(%s)",
                [list(load.LOADED_TABLES)],
            )
            return indexes | {tuple(row) for row in cursor.fetchall()}

    class Bar:
        def update(self, n: float = 1) -> None:
            pass

    before = definitions()
    indexes, keys = load.drop_plain_indexes(), load.drop_foreign_keys()
    assert indexes and keys
    assert len(definitions()) < len(before)
    load.build_indexes(indexes, lambda **_: nullcontext(Bar()))
    load.add_foreign_keys(keys, lambda **_: nullcontext(Bar()))
    assert definitions() == before

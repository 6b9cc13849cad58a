"""Eight desks receiving at the same instant never share a dossier code, on the real database (SQLite file or
PostgreSQL), with one connection per thread as under gunicorn."""

import threading

import pytest
from django.db import connections

from gandan.dossiers.models import Dossier, DossierCounter
from gandan.dossiers.tests.factories import local, make_procedure, submit

PARALLEL = 8
# A day outside the demo data's window (the last 120 days), so its sequence starts at 1.
DAY = local(2025, 1, 6, 9)


@pytest.mark.django_db(transaction=True)
def test_no_duplicate_dossier_code_under_8_parallel_intakes(
    demo_restored_afterwards, home_commune, desk_officer
):
    procedure = make_procedure()
    start = threading.Barrier(PARALLEL)
    codes: list[str] = []
    errors: list[BaseException] = []

    def intake(n: int) -> None:
        try:
            start.wait(timeout=10)
            dossier = submit(procedure, home_commune, by=desk_officer, at=DAY, phone=f"09120000{n:02d}")
            codes.append(dossier.code)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=intake, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(codes) == [f"08848-250106-{seq:04d}" for seq in range(1, PARALLEL + 1)]
    assert Dossier.objects.filter(code__startswith="08848-250106-").count() == PARALLEL
    assert DossierCounter.objects.get(unit=home_commune, day=DAY.date()).last == PARALLEL

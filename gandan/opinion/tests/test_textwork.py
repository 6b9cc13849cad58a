"""A large import reads its texts in worker processes (services/textwork.py): that changes the time it takes and
nothing else. The same file imported with workers and without gives the same issues, titles, topics and alerts; a
text corrected after a worker read it is read again."""

import os

import pytest
from django.test import override_settings

from gandan.opinion.evaluation.run import prepare
from gandan.opinion.models import Alert, EngineState, Issue, Signal, TermStat, TopicDay
from gandan.opinion.services import ingest as ingest_module
from gandan.opinion.services import processing, textwork
from gandan.opinion.services.ingest import ingest_file
from gandan.opinion.services.processing import Runner, process_pending
from gandan.opinion.services.textwork import TextWorkers, text_facts
from gandan.opinion.tests.factories import printed_issues

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _workers_end():
    yield
    textwork.shutdown()


#: The process the tests run in; a worker forked from it has another pid.
_HERE = os.getpid()


def _dies_in_a_worker(item):
    if os.getpid() != _HERE:
        os._exit(1)  # as a worker killed by the kernel for memory would
    return textwork.stored_text(*item)


def _facts_die_in_a_worker(items):
    if os.getpid() != _HERE:
        os._exit(1)
    return textwork.facts_of(items)


def _fact_dies_in_a_worker(item):
    if os.getpid() != _HERE:
        os._exit(1)
    return textwork.fact_of(item)


@pytest.fixture(autouse=True)
def _small_batches(monkeypatch):
    """Batches of 300 lines: the 2,000 signals go in seven, so one is in the workers while the one before is
    saved."""
    monkeypatch.setattr(ingest_module, "BATCH", 300)


def _grouped(path, workers: int) -> list[tuple]:
    """Import `path` into an empty opinion store and process it in windows of 400 signals; the issues as the CLI
    prints them, without their database ids."""
    for model in (Alert, Signal, Issue, TermStat, TopicDay, EngineState):
        model.objects.all().delete()
    with override_settings(GANDAN_TEXT_WORKERS=workers):
        report = ingest_file(path, process=False)
        assert not report.errors and report.imported == 2000
        assert process_pending(window=400) == 2000
    return printed_issues()


def test_worker_processes_group_the_import_exactly_as_one_process_does(tmp_path, monkeypatch):
    if "fork" not in textwork.multiprocessing.get_all_start_methods():
        pytest.skip("processes cannot be forked here")
    monkeypatch.setattr(textwork, "MIN_SIGNALS", 100)
    used: list[bool] = []
    enter = TextWorkers.__enter__

    def entering(self):
        entered = enter(self)
        used.append(entered.active)
        return entered

    monkeypatch.setattr(TextWorkers, "__enter__", entering)
    path, _labels = prepare(tmp_path)

    alone = _grouped(path, 0)
    assert used == [False, False]
    used.clear()
    together = _grouped(path, 2)
    assert used == [True, True]  # the import's texts and the processing's windows were read by workers

    assert len(alone) > 100
    assert together == alone


def test_a_worker_that_dies_costs_time_not_a_signal(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(textwork, "MIN_SIGNALS", 100)
    path, _labels = prepare(tmp_path)
    alone = _grouped(path, 0)

    monkeypatch.setattr(textwork, "_stored", _dies_in_a_worker)
    monkeypatch.setattr(processing, "facts_of", _facts_die_in_a_worker)
    monkeypatch.setattr(processing, "fact_of", _fact_dies_in_a_worker)
    with caplog.at_level("WARNING", logger="gandan.opinion.services.textwork"):
        died = _grouped(path, 2)

    assert died == alone  # every signal imported and grouped as without workers
    assert "text worker process ended" in caplog.text
    assert caplog.text.count("text worker process ended") == 2  # once by the import, once by the processing


def test_work_nobody_collects_is_cancelled_when_the_import_ends(monkeypatch):
    """An import refused half-way leaves a batch in the workers: it is cancelled, not left to delay the next."""
    if "fork" not in textwork.multiprocessing.get_all_start_methods():
        pytest.skip("processes cannot be forked here")
    monkeypatch.setattr(textwork, "MIN_SIGNALS", 1)
    monkeypatch.setattr(textwork, "PIECE", 1)
    with override_settings(GANDAN_TEXT_WORKERS=1):
        with TextWorkers(1) as workers:
            workers.map_later(textwork.fact_of, [(n, "Cống thôn Tam Đa bị sập " * 400) for n in range(200)])
            waiting = set(workers._waiting)
        assert waiting and not workers._waiting
        assert any(future.cancelled() for future in waiting)


def test_a_text_corrected_after_a_worker_read_it_is_read_again():
    runner = Runner(0)
    signal = Signal(pk=10**9, text="Cống thôn Tam Đa bị sập, xe không qua được")
    stale = text_facts("Đèn đường thôn Hoành Sơn hỏng cả tháng")
    counted = runner.count([signal], {signal.pk: ("Đèn đường thôn Hoành Sơn hỏng cả tháng", stale)})
    assert counted[signal.pk].terms == text_facts(signal.text).terms
    assert "cong" in counted[signal.pk].terms and "den" not in counted[signal.pk].terms

    same = runner.count([signal], {signal.pk: (signal.text, stale)})  # the text a worker read, unchanged
    assert same[signal.pk].terms == stale.terms

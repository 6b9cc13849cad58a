"""A large import groups its signals in a process of its own (services/engine_side.py), beside the importer that
writes what it decides: that changes the time it takes and nothing else. The same file processed with the engine in
its own process and in the importer's gives the same issues, titles, topics and alerts; an engine process that dies
loses no signal (the importer groups the rest itself)."""

import os

import pytest
from django.test import override_settings

from gandan.opinion.evaluation.run import prepare
from gandan.opinion.models import Alert, EngineState, Issue, Signal, TermStat, TopicDay
from gandan.opinion.services import engine_side, textwork
from gandan.opinion.services.engine_side import EngineSide, RemoteSide
from gandan.opinion.services.ingest import ingest_file
from gandan.opinion.services.processing import process_pending
from gandan.opinion.tests.factories import printed_issues

pytestmark = pytest.mark.django_db

_HERE = os.getpid()


@pytest.fixture(autouse=True)
def _large(monkeypatch):
    if "fork" not in textwork.multiprocessing.get_all_start_methods():
        pytest.skip("processes cannot be forked here")
    monkeypatch.setattr(textwork, "MIN_SIGNALS", 100)  # the corpus's 2,000 signals count as a large import
    yield
    textwork.shutdown()


@pytest.fixture
def remote_used(monkeypatch) -> list[int]:
    started: list[int] = []
    init = RemoteSide.__init__

    def starting(self, side):
        started.append(os.getpid())
        init(self, side)

    monkeypatch.setattr(RemoteSide, "__init__", starting)
    return started


def _grouped(path, *, engine_process: bool) -> list[tuple]:
    """Import `path` into an empty opinion store and process it in windows of 1,000 signals, chunks of 200 (so a
    chunk is grouped while the one before is written); the issues as the CLI prints them, without their ids."""
    for model in (Alert, Signal, Issue, TermStat, TopicDay, EngineState):
        model.objects.all().delete()
    with override_settings(GANDAN_TEXT_WORKERS=1, GANDAN_ENGINE_PROCESS=engine_process):
        report = ingest_file(path, process=False)
        assert not report.errors and report.imported == 2000
        assert process_pending(window=1000, chunk=200) == 2000
    return printed_issues()


def test_the_engine_in_its_own_process_groups_exactly_as_in_the_importer(tmp_path, remote_used):
    path, _labels = prepare(tmp_path)

    here = _grouped(path, engine_process=False)
    assert remote_used == []
    peaks = len(engine_side.peaks)
    apart = _grouped(path, engine_process=True)
    assert remote_used  # the engine ran in a process of its own
    assert (
        len(engine_side.peaks) > peaks and engine_side.peaks[-1] > 10
    )  # and told its memory as it ended (MB)

    assert len(here) > 100 and sum(1 for issue in here if issue[3]) >= 5  # issues, and alerts among them
    assert apart == here
    assert not Signal.objects.filter(processed=False).exists()
    assert not Signal.objects.filter(issue__isnull=True).exists()


@pytest.mark.parametrize("dies_at", [3, 6])
def test_an_engine_process_that_dies_loses_no_signal(tmp_path, monkeypatch, remote_used, dies_at):
    path, _labels = prepare(tmp_path)
    run = EngineSide.run
    chunks: list[int] = []

    def dying(self, signals, texts):
        chunks.append(1)
        if os.getpid() != _HERE and len(chunks) == dies_at:
            # As a process killed by the kernel for memory would: in a window, or at the first chunk of the
            # second window, handed over (and that window counted) before the first window's last chunk was written.
            os._exit(1)
        return run(self, signals, texts)

    monkeypatch.setattr(EngineSide, "run", dying)

    with override_settings(GANDAN_TEXT_WORKERS=1, GANDAN_ENGINE_PROCESS=True):
        report = ingest_file(path, process=False)
        assert not report.errors
        assert process_pending(window=1000, chunk=200) >= 2000

    assert remote_used == [_HERE]  # one engine process, not started again after it died
    assert not Signal.objects.filter(processed=False).exists()
    assert not Signal.objects.filter(issue__isnull=True).exists()
    assert Issue.objects.count() > 100
    assert engine_side._side is None  # the importer never holds the remote engine's state
    if dies_at == 6:
        # The count stored with the first window's last chunk was the engine's when it grouped that chunk, not
        # one that already held the second window: the importer, counting that window again, ends at the truth.
        assert EngineState.objects.get().signals_seen == 2000

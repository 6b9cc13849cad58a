"""The opinion engine's load figures, each measured in a process of its own (on the database SQLITE_PATH names):

    python -m gandan.opinion.evaluation.load quality WORKDIR
    python -m gandan.opinion.evaluation.load process COUNT WORKDIR          # opinion.process_100k
    python -m gandan.opinion.evaluation.load daily STORED NEW WORKDIR       # opinion.daily_5k, peak_memory_1m, board_1m

Each prints one JSON object as its last line. `process` ingests COUNT synthetic signals (the generator's corpora
laid end to end over the two years before the corpus) in one file and times it. `daily` first stores STORED
signals (ingested in chunks of CHUNK, timed as the set-up), then times NEW signals of one day on top; its peak
resident memory (ru_maxrss, with its text workers') covers both, i.e. while STORED signals are stored and processed.
Then it times the board's pages over what is stored (:func:`pages`).
"""

import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from gandan.opinion.evaluation.corpus import SIZE, START, synthetic

CHUNK = 50_000
DAYS_PER_CORPUS = 14  # each 2,000-signal corpus of the load squeezed into two weeks


def _write(path: Path, records: Any) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _days_for(count: int) -> float:
    return max(DAYS_PER_CORPUS, count / SIZE * DAYS_PER_CORPUS)


def _peak_mb() -> float:
    """Peak resident memory of this process, of the text workers a large import forks and of the largest engine
    process (each read as it ends: see services/engine_side.py). An upper bound: a forked process shares this
    process's pages until it writes them, and they are counted in each."""
    from gandan.opinion.services import engine_side
    from gandan.opinion.services.textwork import shutdown, worker_peaks_mb, workers_wanted

    workers = worker_peaks_mb()
    shutdown()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    if workers is None:  # no /proc: the largest child's peak for each of them
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return own + child * (workers_wanted() + (1 if engine_side.peaks else 0))
    return own + sum(workers) + max(engine_side.peaks, default=0.0)


def process(count: int, workdir: Path) -> dict[str, Any]:
    from gandan.opinion.evaluation.run import ingest

    days = _days_for(count)
    start = START - dt.timedelta(days=days + 1)
    path = workdir / "process.jsonl"
    written = _write(path, synthetic(count, start=start, days=days, prefix="p"))
    seconds = ingest(path)
    return {"signals": written, "seconds": seconds, "peak_mb": _peak_mb()}


def daily(stored: int, new: int, workdir: Path) -> dict[str, Any]:
    from gandan.opinion.evaluation.run import ingest

    day_start = START - dt.timedelta(days=1)  # the stored years end where the day begins
    days = _days_for(stored)
    records = synthetic(stored, start=day_start - dt.timedelta(days=days), days=days, prefix="m")
    setup_started = time.perf_counter()
    done = 0
    while done < stored:
        chunk = workdir / "stored.jsonl"
        n = _write(chunk, (r for _, r in zip(range(min(CHUNK, stored - done)), records, strict=False)))
        if not n:
            break
        ingest(chunk)
        done += n
    setup = time.perf_counter() - setup_started
    path = workdir / "day.jsonl"
    # A day's signals: a corpus of another seed squeezed into 24 hours (mostly daytime, as people write).
    _write(path, synthetic(new, start=day_start, days=1, seed=9000, prefix="d"))
    seconds = ingest(path)
    peak = _peak_mb()
    return {
        "stored": done,
        "new": new,
        "setup_seconds": setup,
        "seconds": seconds,
        "peak_mb": peak,
        "pages": pages(),
    }


#: The board's pages, as a commune's chairman and as the province supervisor (the demo's accounts).
PAGES = ("/staff/opinion/", "/staff/opinion/villages/")
VIEWERS = ("chutich.songlo", "giamsat.phutho")


def pages(repeat: int = 20) -> dict[str, float]:
    """{"viewer page": ms}: the server's time for each board page, one request at a time (a person waiting), the
    95th percentile of `repeat` after one warm-up, rendered in this process (no network, no web server)."""
    from django.conf import settings
    from django.test import Client

    from gandan.accounts.models import User

    host = next(
        (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")), "localhost"
    )
    timings = {}
    for viewer in VIEWERS:
        client = Client(secure=True, headers={"host": host})
        client.force_login(User.objects.get(username=viewer))
        for page in PAGES:
            response = client.get(page)
            if response.status_code != 200:
                raise RuntimeError(f"GET {page} as {viewer} answered {response.status_code}")
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(page)
                times.append(time.perf_counter() - started)
            times.sort()
            timings[f"{viewer} {page}"] = round(times[round(0.95 * (repeat - 1))] * 1000, 1)
    return timings


def quality(workdir: Path) -> dict[str, Any]:
    """The evaluation on an empty opinion store, as its test runs it: the bench's database holds the demo, whose
    eight weeks of opinion tell the same matters (the same generator) later in time, and the corpus's signals
    would join those issues instead of forming their own."""
    from django.db import transaction

    from gandan.opinion.evaluation.run import evaluate
    from gandan.opinion.models import Alert, EngineState, Issue, Signal, TermStat, TopicDay

    with transaction.atomic():
        for model in (Alert, Signal, Issue, TermStat, TopicDay, EngineState):
            model.objects.all().delete()
    return evaluate(workdir)


def main(argv: list[str]) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gandan.settings")
    django.setup()
    command, *rest = argv
    workdir = Path(rest[-1])
    workdir.mkdir(parents=True, exist_ok=True)
    if command == "quality":
        result = quality(workdir)
    elif command == "process":
        result = process(int(rest[0]), workdir)
    elif command == "daily":
        result = daily(int(rest[0]), int(rest[1]), workdir)
    else:
        print(f"unknown measurement {command!r}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A large import's text work in other processes, beside the database work of the importing one.

Reading Vietnamese text is a third of an import's time: each text is normalised, its personal data masked and folded
before it is stored (:func:`stored_text`), then read again for what the engine needs (its terms, signs and folded
words: :func:`text_facts`). Both are pure functions of the text, so a large import hands them to worker processes:
the texts of a batch are prepared by every worker at once while the importer saves the batch before, the facts of
the first window of pending signals are read by every worker at once, and those of the next window by a worker while
the engine groups the current one (the engine itself is one process: it must see the signals in time order).

The workers are forked from the importing process, so they hold the same pipeline tables and give the same terms;
they never touch the database. A handful of signals (the live worker's) is never worth the processes: below
`MIN_SIGNALS` everything stays in the calling process, as it does where `fork` does not exist or with
`GANDAN_TEXT_WORKERS=0`. The results are the same either way (a test compares them).
"""

import atexit
import gc
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple, TypeVar

from django.conf import settings

from gandan.core.duplicates.matter import operated_objects
from gandan.core.vnnlp import cues, terms, well_written
from gandan.core.vnnlp.pipeline import expanded, people_about
from gandan.opinion.services.recording import stored_text

logger = logging.getLogger(__name__)

#: Fewer signals than this are prepared and read in the calling process.
MIN_SIGNALS = 10_000
#: Texts sent to a worker at once (fewer, larger messages; small enough that every worker gets a share).
PIECE = 250

T = TypeVar("T")
R = TypeVar("R")


class TextFacts(NamedTuple):
    """What the engine reads of a signal's text, read once (here or in a worker)."""

    terms: frozenset[str]
    cues: frozenset[str]  # its signs: urgency, anger, repeat, crowd
    words: tuple[str, ...]  # the folded words of its clauses (where village names are looked for)
    about: frozenset[str]  # the folded given names of the people it is about (never shown)
    legible: bool  # written with its diacritics, not shouted (fit to title an issue)
    objects: frozenset[str] = frozenset()  # the folded names of the operated things it names ("nui danh")


def things_named(text: str) -> frozenset[str]:
    """The folded names of the quarries, farms, kilns and companies the text names by a proper name of two words or
    more ("mỏ đá Núi Đanh" → "nui danh"; see `gandan.core.duplicates.matter.operated_objects`)."""
    return frozenset(key.split(":", 1)[1] for key in operated_objects(text))


def text_facts(text: str) -> TextFacts:
    """The :class:`TextFacts` of a signal's text."""
    return TextFacts(
        frozenset(terms(text)),
        cues(text),
        tuple(word for clause in expanded(text) for word in clause),
        people_about(text),
        well_written(text),
        things_named(text),
    )


def fact_of(item: tuple[int, str]) -> tuple[int, str, TextFacts]:
    """(key, text, its facts) of one (key, text)."""
    key, text = item
    return key, text, text_facts(text)


def facts_of(items: Sequence[tuple[int, str]]) -> list[tuple[int, str, TextFacts]]:
    """(key, text, its facts) for each (key, text)."""
    return [fact_of(item) for item in items]


def _each(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`function` of each item (one piece of a :meth:`TextWorkers.map_later`, in a worker)."""
    return [function(item) for item in items]


def _stored(item: tuple[str, tuple[str, ...]]) -> tuple[str, str]:
    return stored_text(*item)


def workers_wanted() -> int:
    """How many worker processes a large import uses: `GANDAN_TEXT_WORKERS`, by default one per processor up to
    two (the engine is one process: more workers would wait for it, each with its own memory); 0 where processes
    cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    wanted = getattr(settings, "GANDAN_TEXT_WORKERS", None)
    if wanted is None:
        wanted = min(2, os.cpu_count() or 1)
    return max(0, int(wanted))


_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def worker_started() -> None:
    """In each new worker: its collector leaves alone what it inherited (a collection walking the inherited objects
    would copy their pages into it), and Ctrl-C is the importer's to handle (it ends the workers)."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _shared_pool(size: int) -> ProcessPoolExecutor:
    """The process's workers, forked at the first large import (while the process is still small: a worker's
    memory is what it inherits) and kept for the next (an import in chunks forks them once)."""
    global _pool, _pool_size
    if _pool is None or _pool_size != size:
        shutdown()
        _pool_size = size
        _pool = ProcessPoolExecutor(
            size, mp_context=multiprocessing.get_context("fork"), initializer=worker_started
        )
        _pool.submit(os.getpid).result()  # forked now, not at the first piece of work
    return _pool


def worker_peaks_mb() -> list[float] | None:
    """The peak resident memory (MB) of each live worker (Linux's VmHWM), or None where it cannot be read."""
    if _pool is None:
        return []
    found = []
    for pid in list(getattr(_pool, "_processes", None) or {}):
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                line = next(line for line in status if line.startswith("VmHWM:"))
        except (OSError, StopIteration):
            return None
        found.append(int(line.split()[1]) / 1024)
    return found


def shutdown() -> None:
    """End the workers (at exit, and after the background worker's large run: they would wait idle otherwise)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


atexit.register(shutdown)


class TextWorkers:
    """The workers for the text work of `count` signals, or none (everything runs here) when `count` is below
    `MIN_SIGNALS` or no worker is wanted. A context manager. A worker that dies (killed, out of memory) costs time,
    never a signal: its work is done here and the import goes on without workers (the next one forks new ones)."""

    def __init__(self, count: int) -> None:
        self.size = workers_wanted() if count >= MIN_SIGNALS else 0
        self._pool: ProcessPoolExecutor | None = None
        self._waiting: set[Future[Any]] = set()  # work started and not collected yet

    def __enter__(self) -> "TextWorkers":
        if self.size:
            self._pool = _shared_pool(self.size)
        return self

    def __exit__(self, *exc: object) -> None:
        # Work nobody will collect (an import refused half-way, a window read ahead that never came) is not left to
        # delay the next import in the shared workers.
        for future in self._waiting:
            future.cancel()
        self._waiting.clear()
        self._pool = None

    @property
    def active(self) -> bool:
        return self._pool is not None

    def _lost(self) -> None:
        if self._pool is not None:  # told once, though several pieces of work in flight find it out
            logger.warning(
                "A text worker process ended during an import; its work is done in the importing process."
            )
            shutdown()
            self._pool = None

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`function` of each item, in order; spread over the workers."""
        return self.map_later(function, items)()

    def map_later(self, function: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """Start `function` of each item in the workers and return at once; calling what is returned waits for the
        results, in order (without workers, the work is done then)."""
        if self._pool is not None:
            try:
                pieces = [
                    self._pool.submit(_each, function, items[start : start + PIECE])
                    for start in range(0, len(items), PIECE)
                ]
            except BrokenProcessPool:
                self._lost()
            else:
                self._waiting.update(pieces)

                def collect() -> list[R]:
                    self._waiting.difference_update(pieces)
                    try:
                        return [result for piece in pieces for result in piece.result()]
                    except BrokenProcessPool:
                        self._lost()
                        return [function(item) for item in items]

                return collect
        return lambda: [function(item) for item in items]

    def submit(self, function: Callable[..., R], *args: Any) -> "Future[R]":
        """`function(*args)` in a worker (here, at once, without workers); its result through :meth:`collect`."""
        if self._pool is not None:
            try:
                started = self._pool.submit(function, *args)
            except BrokenProcessPool:
                self._lost()
            else:
                self._waiting.add(started)
                return started
        future: Future[R] = Future()
        future.set_result(function(*args))
        return future

    def collect(self, future: "Future[R] | None") -> R | None:
        """The result of a :meth:`submit`, or None when there is none or its worker died (the caller does the work
        itself)."""
        if future is None:
            return None
        self._waiting.discard(future)
        try:
            return future.result()
        except BrokenProcessPool:
            self._lost()
            return None

    def stored_texts(
        self, items: Sequence[tuple[str, tuple[str, ...]]]
    ) -> Callable[[], list[tuple[str, str]]]:
        """:func:`stored_text` of each (text, protected names), started (see :meth:`map_later`)."""
        return self.map_later(_stored, items)

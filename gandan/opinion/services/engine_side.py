"""The engine's half of processing: everything the engine decides for a chunk of signals, as plain data for the
importer to write (no database here).

:class:`EngineSide` holds the engine and what only it needs. The importer (:mod:`.processing`) loads what the engine
needs from the database and hands it over, then writes back the :class:`ChunkResult` of each chunk. For a large
import the engine side lives in a process of its own (:class:`RemoteSide`), forked from the importer: the engine
groups the next chunk while the importer writes the one before, on another processor. The engine itself is one
process (it takes the signals in time order), wherever it runs; the results are the same (a test compares them).

New issues get provisional keys (from :data:`PROVISIONAL`, in the order they are made), which the importer maps to
the rows' ids as it writes them: the engine never waits for the database. Provisional keys sort after every stored
issue's id and in the order the issues were made, as the ids the database gives them do, so ties between issues go
the same way whichever keys they hold.
"""

import datetime as dt
import logging
import multiprocessing
import os
import resource
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from gandan.opinion.engine import Engine, IssueState, Params, SignalIn
from gandan.opinion.engine.grouping import TermWeights
from gandan.opinion.engine.state import ThemeState
from gandan.opinion.engine.topics import TopicModel
from gandan.opinion.services.textwork import worker_started
from gandan.opinion.services.titles import title_of

logger = logging.getLogger(__name__)

#: The first provisional key of a new issue (far above any row's id).
PROVISIONAL = 1 << 60


@dataclass
class IssueRow:
    """What the importer writes of an issue the chunk changed (the fields of `Issue` the engine owns)."""

    key: int
    commune: str
    new: bool
    values: dict[str, Any]  # field name → value (topic as its code, merged_into as an engine key)
    title: str | None  # a new title (None: keep the stored one)


@dataclass
class ChunkResult:
    signals: list[tuple[int, int, str | None]] = field(
        default_factory=list
    )  # (signal id, issue key, topic code)
    issues: list[IssueRow] = field(default_factory=list)  # the new ones first, in the order they were made
    # (issue key, topic, commune, level, reasons, at) of each alert raised or raised higher
    raised: list[tuple[int, str | None, str, int, list[dict[str, Any]], dt.datetime]] = field(
        default_factory=list
    )
    themes: list[tuple[str, str, int, list[dict[str, Any]], dt.datetime]] = field(default_factory=list)
    topic_days: Counter[tuple[str, str, dt.date]] = field(default_factory=Counter)
    df: list[tuple[str, int]] = field(default_factory=list)  # term frequencies that changed
    evicted: list[int] = field(default_factory=list)  # keys of the issues the engine let go of
    seen: int = 0  # signals counted into the term frequencies so far


def _iso_days(days: Any) -> dict[str, int]:
    return {day.isoformat(): value for day, value in days.items()}


def issue_values(state: IssueState, params: Params) -> dict[str, Any]:
    """The stored form of an issue's state (see `processing._state_of` for the way back)."""
    return {
        "first_seen": state.first_seen,
        "last_seen": state.last_seen,
        "signal_count": state.n,
        "people_count": state.people,
        "centroid": dict(state.term_counts.most_common(3 * params.centroid_terms)),
        "places": dict(state.places),
        "daily": _iso_days(state.daily),
        "memory": {
            "recent_places": {p: d.isoformat() for p, d in state.recent_places.items()},
            "named": sorted(state.named),
            "about": sorted(state.about),
            "about_n": state.about_n,
            "cues": {c: [d.isoformat() for d in ds] for c, ds in state.cue_days.items()},
            "crowd": _iso_days(state.crowd),
            "topics": dict(state.topics),
            "best": state.best_score,
            "best_legible": state.best_legible,
            "best_open": state.best_open,
            # Not written for an issue stored before things were read, until an official's merge or split
            # recomputes it (services/refresh.py): an empty count would say it never names any.
            **({"things": dict(state.things)} if state.things_known else {}),
        },
        "topic": state.topic,
        "alert_level": state.alert_level,
        "alert_raised_at": state.alert_raised_at,
        "representative": state.representative,
        "status": state.status,
        "merged_into": state.resolved().key if state.merged_into is not None else None,
    }


class EngineSide:
    """The engine, its term frequencies and the frequencies stored, for one `process_pending` run."""

    def __init__(self, seen: int, params: Params, topics: TopicModel) -> None:
        self.params = params
        self.weights = TermWeights({}, seen, common_share=params.common_share, min_df=params.min_df)
        self.engine = Engine(weights=self.weights, topics=topics, params=params)
        self.stored_df: dict[str, int] = {}
        self._provisional = PROVISIONAL

    # --- what the importer hands over ----------------------------------------------------------------------------

    def load(
        self,
        issues: list[tuple[IssueState, int]],
        themes: list[tuple[str, str, ThemeState]],
        places: frozenset[str] | None,
    ) -> None:
        for state, open_level in issues:
            if state.key not in self.engine.issues:
                self.engine.load(state, open_level)
        for topic, commune, theme in themes:
            self.engine.load_theme(topic, commune, theme)
        if places is not None:
            self.engine.places = places

    def count(self, stored: dict[str, int], window: list[frozenset[str]]) -> None:
        """The stored frequencies of terms not seen before, then each signal of a window counted, in order."""
        self.weights.load(stored)
        self.stored_df.update(stored)
        for found in window:
            self.weights.add(set(found))

    # --- one chunk -----------------------------------------------------------------------------------------------

    def run(self, signals: list[SignalIn], texts: dict[int, str]) -> ChunkResult:
        """Group a chunk of signals (in time order; `texts`: their texts, for the titles) and say what to write."""
        result = ChunkResult()
        grouped: list[tuple[int, IssueState, str | None]] = []
        raised = []
        for signal in signals:
            outcome = self.engine.process(signal)
            grouped.append((signal.key, outcome.issue, outcome.topic))
            if outcome.raised is not None:
                raised.append((outcome.issue, outcome.raised, signal.at))
            if outcome.theme_raised is not None and outcome.topic:
                assessment = outcome.theme_raised
                result.themes.append(
                    (outcome.topic, signal.commune, assessment.level, list(assessment.reasons), signal.at)
                )
            if outcome.topic:
                result.topic_days[(outcome.topic, signal.commune, signal.day)] += 1
        dirty = [state for state in self.engine.issues.values() if state.dirty]
        # An issue made in this chunk and merged into another in it never reaches the database.
        new = [state for state in dirty if state.key < 0 and state.status != "merged"]
        old = [state for state in dirty if state.key > 0]
        for state in new:
            self._provisional += 1
            self.engine.rekey(state.key, self._provisional)
        for state in new:
            title = title_of(texts.get(state.representative or 0, ""), self._core(state))
            state.titled = state.representative
            result.issues.append(
                IssueRow(state.key, state.commune, True, issue_values(state, self.params), title)
            )
        for state in old:
            retitled: str | None = None
            if state.representative in texts and state.representative != state.titled:
                # Titled again only when another signal represents it better (a title does not shift with every
                # signal that joins); an official's title is kept by the importer.
                retitled = title_of(texts[state.representative], self._core(state))
                state.titled = state.representative
            result.issues.append(
                IssueRow(state.key, state.commune, False, issue_values(state, self.params), retitled)
            )
        for state in dirty:
            state.dirty = False
        result.signals = [(key, state.resolved().key, topic) for key, state, topic in grouped]
        for state, assessment, at in raised:
            survivor = state.resolved()
            result.raised.append(
                (
                    survivor.key,
                    survivor.topic,
                    survivor.commune,
                    assessment.level,
                    list(assessment.reasons),
                    at,
                )
            )
        df, stored_df = self.weights.df, self.stored_df
        all_terms = set().union(*(signal.terms for signal in signals)) if signals else set()
        result.df = [(t, df[t]) for t in sorted(all_terms) if len(t) <= 80 and stored_df.get(t) != df[t]]
        stored_df.update(result.df)
        if signals:
            gone = self.engine.evict(signals[-1].at - dt.timedelta(days=self.params.active_days))
            result.evicted = [state.key for state in gone]
        result.seen = self.weights.seen
        return result

    def _core(self, state: IssueState) -> dict[str, float]:
        """The issue's strongest terms weighed as the engine weighs them (the frame of letters weighs nothing)."""
        return state.centroid(self.engine.weigh, self.params.centroid_terms)[0]


# --- in a process of its own -----------------------------------------------------------------------------------------

_side: EngineSide | None = None  # the engine side of the process it was forked into
#: The peak resident memory (MB) of each engine process of this process's imports, taken as it ends (the bench's
#: memory row adds it to the importer's).
peaks: list[float] = []


def _call(method: str, *args: Any) -> Any:
    assert _side is not None
    return getattr(_side, method)(*args)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class RemoteSide:
    """An :class:`EngineSide` in a process of its own, forked with it: each call is queued to that process, in
    order, and returns a future (the importer goes on meanwhile). A context manager; the process ends with it."""

    def __init__(self, side: EngineSide) -> None:
        global _side
        _side = side
        try:
            self._pool = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("fork"), initializer=worker_started
            )
            self._pool.submit(os.getpid).result()  # forked now, holding the side
        finally:
            _side = None  # this process never uses it again

    def call(self, method: str, *args: Any) -> "Future[Any]":
        try:
            return self._pool.submit(_call, method, *args)
        except BrokenProcessPool as error:
            # It died: the caller finds out from the result, as for a call in flight.
            future: Future[Any] = Future()
            future.set_exception(error)
            return future

    def close(self) -> None:
        try:
            peaks.append(self._pool.submit(_peak_mb).result(timeout=60))
        except Exception:  # a process that died has no peak to tell
            logger.debug("the engine process's peak memory is unknown", exc_info=True)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "RemoteSide":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalSide:
    """An :class:`EngineSide` in the importing process, behind the same calls (each done at once)."""

    def __init__(self, side: EngineSide) -> None:
        self.side = side

    def call(self, method: str, *args: Any) -> "Future[Any]":
        future: Future[Any] = Future()
        future.set_result(getattr(self.side, method)(*args))
        return future

    def close(self) -> None:
        pass

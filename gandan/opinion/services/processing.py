"""The engine's adapter: load the state it needs, feed it the pending signals in time order, write back what
changed — one chunk of signals per transaction, so the site keeps serving while a large import is processed.

Cost per signal does not grow with what is stored: a chunk loads only the term frequencies of its own terms and the
active issues of its own communes (those seen in the last `Params.active_days`), and the engine finds candidates
through its inverted index.

The engine's own half (grouping, alerts, titles: :mod:`.engine_side`) runs here for the live worker's handful of
signals, and in a process of its own for a large import (`GANDAN_ENGINE_PROCESS`), where it groups the next chunk
while this process writes the one before. This module loads what it needs and writes what it decides.
"""

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from gandan.core.vnnlp import terms
from gandan.core.vntext import fold, tokens
from gandan.opinion.engine import IssueState, Params, SignalIn
from gandan.opinion.engine.grouping import named_places
from gandan.opinion.engine.state import ThemeState
from gandan.opinion.engine.topics import TopicModel
from gandan.opinion.models import (
    Alert,
    AlertStatus,
    EngineState,
    Issue,
    IssueStatus,
    Signal,
    TermStat,
    Topic,
    TopicDay,
    TopicTerm,
)
from gandan.opinion.services.alert_writes import save_alerts, save_theme_alerts, save_topic_days
from gandan.opinion.services.bulk import rows_create, rows_update, rows_upsert
from gandan.opinion.services.engine_side import ChunkResult, EngineSide, LocalSide, RemoteSide
from gandan.opinion.services.textwork import TextFacts, TextWorkers, fact_of, facts_of, text_facts
from gandan.opinion.services.titles import confidential_title, title_of
from gandan.units.models import Unit

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
#: The kind a village's name starts with (folded): "Thôn Hoành Sơn" is named "Hoành Sơn" in a letter.
_VILLAGE_KIND = re.compile(r"^(thon|xom|ban|ap|khu|lang|to dan pho|to)\s+")
#: Signals processed per transaction: on SQLite the site waits for the write lock while a chunk is saved, so a
#: large import must let go of it every second or so (20,000 signals in one transaction locked the site out).
CHUNK = 1000
_IN_BATCH = 2000  # terms per IN (…) query
#: Learned from an official's topic choice: the signal's rarest terms only (common words teach nothing).
LEARNED_TERMS = 10

__all__ = ["process_pending", "processing_request", "title_of"]


def processing_request() -> None:
    """Ask the worker to process pending signals, once the caller's transaction has committed (one waiting task
    is enough: it takes every pending signal)."""
    from django_tasks_db.models import DBTaskResult

    from gandan.opinion.tasks import opinion_process_task

    def enqueue() -> None:
        waiting = DBTaskResult.objects.ready().filter(task_path=opinion_process_task.module_path)
        if not waiting.exists():
            opinion_process_task.enqueue()

    transaction.on_commit(enqueue)


def _village_core(name: str) -> str:
    """A village's folded name without its kind ("Thôn Tam Đa" → "tam da"), as texts are searched for it."""
    return " ".join(tokens(_VILLAGE_KIND.sub("", fold(name))))


#: The kind a commune's name starts with (folded).
_COMMUNE_KIND = re.compile(r"^(xa|phuong|thi tran|dac khu)\s+")


def own_things(names: frozenset[str], places: frozenset[str]) -> frozenset[str]:
    """The things named by their own names, not after a place ("trại gà Thôn Bến Đò": `places` from
    :func:`place_cores`)."""
    return frozenset(n for n in names if _COMMUNE_KIND.sub("", _VILLAGE_KIND.sub("", n)) not in places)


def place_cores(commune: Unit) -> frozenset[str]:
    """The folded names, without their kind, of a commune and of its villages ("song lo", "ben do"): a thing named
    after one of them ("trại gà Gò Gạo") is that village's farm, which its own villagers call "the farm" — a place,
    not the thing's own name."""
    villages = Unit.objects.filter(parent=commune).values_list("name", flat=True)
    names = {_village_core(name) for name in villages}
    names.add(" ".join(tokens(_COMMUNE_KIND.sub("", fold(commune.name)))))
    return frozenset(names)


def _local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _iso_days(days: Mapping[dt.date, int]) -> dict[str, int]:
    return {day.isoformat(): value for day, value in days.items()}


def _days(data: Mapping[str, int] | None) -> Counter[dt.date]:
    return Counter({dt.date.fromisoformat(day): value for day, value in (data or {}).items()})


def _state_of(issue: Issue, topic_codes: dict[int, str]) -> IssueState:
    memory = issue.memory or {}
    state = IssueState(
        key=issue.pk,
        commune=issue.unit_path,
        first_seen=issue.first_seen,
        last_seen=issue.last_seen,
        n=issue.signal_count,
        people=issue.people_count,
        term_counts=Counter(issue.centroid or {}),
        things=Counter(memory.get("things", {})),
        things_known="things" in memory,
        places=Counter(issue.places or {}),
        daily=_days(issue.daily),
        recent_places={p: dt.date.fromisoformat(d) for p, d in memory.get("recent_places", {}).items()},
        named=set(memory.get("named", [])),
        about=set(memory.get("about", [])),
        about_n=memory.get("about_n", 0),
        cue_days={c: [dt.date.fromisoformat(d) for d in ds] for c, ds in memory.get("cues", {}).items()},
        crowd={dt.date.fromisoformat(d): n for d, n in memory.get("crowd", {}).items()},
        topics=Counter(memory.get("topics", {})),
        topic=topic_codes.get(issue.topic_id) if issue.topic_id else None,
        topic_fixed=issue.topic_fixed,
        status=issue.status,
        alert_level=issue.alert_level,
        alert_raised_at=issue.alert_raised_at,
        representative=issue.representative_id,
        titled=issue.representative_id,
        best_score=memory.get("best", -1.0),
        best_legible=memory.get("best_legible", True),
        best_open=memory.get("best_open", True),
        official=issue.title_fixed or issue.topic_fixed or issue.split_from_id is not None,
    )
    state.dirty = False
    return state


class Runner:
    """The importer's half of processing for one `process_pending` call: what the engine needs, loaded from the
    database and handed to the engine side (here, or in a process of its own: `remote`), and what it decides,
    written back (see :mod:`.engine_side`)."""

    def __init__(self, seen: int, *, remote: bool = False) -> None:
        self.params = Params()
        topics = list(Topic.objects.all())
        self.topic_ids = {t.code: t.pk for t in topics}
        self.topic_codes = {t.pk: t.code for t in topics}
        fallback = "other" if "other" in self.topic_ids else None
        learned: dict[str, dict[str, float]] = {}
        for row in TopicTerm.objects.filter(topic__active=True).values("topic_id", "term", "weight"):
            learned.setdefault(self.topic_codes[row["topic_id"]], {})[row["term"]] = row["weight"]
        model = TopicModel(
            {t.code: t.keyword_list() for t in topics if t.active},
            learned,
            terms_of=terms,
            fallback=fallback,
        )
        side = EngineSide(seen, self.params, model)
        self.side: RemoteSide | LocalSide = RemoteSide(side) if remote else LocalSide(side)
        self.seen = seen  # signals counted into the term frequencies
        self.loaded_df: set[str] = set()
        self.loaded_communes: dict[str, dt.datetime] = {}  # commune → the oldest last_seen loaded
        self.loaded_theme_communes: set[str] = set()
        self.loaded_place_communes: set[str] = set()
        self.place_words: frozenset[str] = frozenset()
        self.village_names: dict[str, list[tuple[str, str]]] = {}  # commune → (village's folded name, place)
        self.place_cores: dict[str, frozenset[str]] = {}  # commune → its and its villages' folded names
        self.units: dict[str, Unit] = {}
        self.known: set[int] = set()  # the ids of the issues the engine holds
        self.ids: dict[int, int] = {}  # a new issue's provisional key → its row's id
        self._handed: list[
            Future[Any]
        ] = []  # windows and loads handed to the engine side, not yet known done

    def close(self) -> None:
        self.side.close()

    # --- loading -------------------------------------------------------------------------------------------------

    def _load_df(self, wanted: set[str]) -> dict[str, int]:
        """The stored frequencies of the terms not loaded before."""
        missing = sorted(wanted - self.loaded_df)
        stored: dict[str, int] = {}
        for i in range(0, len(missing), _IN_BATCH):
            part = missing[i : i + _IN_BATCH]
            stored.update(TermStat.objects.filter(term__in=part).values_list("term", "df"))
        self.loaded_df.update(missing)
        return stored

    def _load_issues(self, communes: set[str], since: dt.datetime) -> list[tuple[IssueState, int]]:
        wanted = {c for c in communes if c not in self.loaded_communes or self.loaded_communes[c] > since}
        if not wanted:
            return []
        rows = Issue.objects.filter(unit_path__in=wanted, last_seen__gte=since).exclude(
            status=IssueStatus.MERGED
        )
        open_levels = dict(
            Alert.objects.filter(issue__in=rows)
            .exclude(status=AlertStatus.CLOSED)
            .values_list("issue_id", "level")
        )
        loaded = []
        for issue in rows:
            if issue.pk not in self.known:
                self.known.add(issue.pk)
                loaded.append((_state_of(issue, self.topic_codes), open_levels.get(issue.pk, 0)))
        for commune in wanted:
            self.loaded_communes[commune] = since
        return loaded

    def _load_places(self, communes: set[str]) -> frozenset[str] | None:
        """The words of the names of these communes and their villages (they say where, not what), when new ones
        are known."""
        wanted = communes - self.loaded_place_communes
        if not wanted:
            return None
        words = set(self.place_words)
        units = Unit.objects.filter(path__in=wanted) | Unit.objects.filter(parent__path__in=wanted)
        # (Not added to the pipeline's phrase table: terms() must give the same terms in every process, or the
        # term frequencies stored by one would not match another's.)
        for pk, name, parent in units.values_list("pk", "name", "parent__path"):
            words.update(terms(name))
            if parent in wanted:
                self.village_names.setdefault(parent, []).append((_village_core(name), str(pk)))
        self.place_words = frozenset(words)
        self.loaded_place_communes |= wanted
        return self.place_words

    def _load_themes(self, communes: set[str], since: dt.datetime) -> list[tuple[str, str, ThemeState]]:
        wanted = communes - self.loaded_theme_communes
        if not wanted:
            return []
        first = since.astimezone(_local_tz()).date() - dt.timedelta(days=self.params.window_days + 7)
        themes: dict[tuple[str, str], ThemeState] = {}
        for row in TopicDay.objects.filter(unit_path__in=wanted, day__gte=first).order_by("day"):
            key = (self.topic_codes.get(row.topic_id, ""), row.unit_path)
            theme = themes.setdefault(key, ThemeState(first_day=row.day))
            theme.daily[row.day] += row.count
        open_levels = {
            (self.topic_codes.get(a.topic_id or 0, ""), a.unit_path): a.level
            for a in Alert.objects.filter(issue__isnull=True, unit_path__in=wanted).exclude(
                status=AlertStatus.CLOSED
            )
        }
        for key, theme in themes.items():
            theme.open_level = open_levels.get(key, 0)
        self.loaded_theme_communes |= wanted
        return [(topic, commune, theme) for (topic, commune), theme in themes.items()]

    # --- one chunk -----------------------------------------------------------------------------------------------

    def count(
        self, window: list[Signal], known: Mapping[int, tuple[str, TextFacts]] | None = None
    ) -> dict[int, TextFacts]:
        """The terms of a window of pending signals, counted into the term frequencies before any of them is
        grouped (rarity is judged over the window, not only over the past); returns {signal id: what its text
        gives}. The text is read once: its terms, cues and folded words are taken while the pipeline holds it.
        `known`: {signal id: (text, its facts)} read already by a worker (used while the text is the same)."""
        known = known or {}
        found = {}
        for signal in window:
            ready = known.get(signal.pk)
            found[signal.pk] = (
                ready[1] if ready is not None and ready[0] == signal.text else text_facts(signal.text)
            )
        stored = self._load_df(set().union(*(facts.terms for facts in found.values())) if found else set())
        self._handed.append(self.side.call("count", stored, [facts.terms for facts in found.values()]))
        self.seen += len(found)
        return found

    def start(self, chunk: list[Signal], counted: dict[int, TextFacts]) -> "Future[ChunkResult]":
        """Hand a chunk to the engine side, with what it has not loaded yet; its result comes later (a remote
        engine side groups it while this process writes the chunk before)."""
        tz = _local_tz()
        communes = {s.commune_path for s in chunk}
        since = chunk[0].at - dt.timedelta(days=self.params.active_days)
        issues = self._load_issues(communes, since)
        themes = self._load_themes(communes, since)
        places = self._load_places(communes)
        if issues or themes or places is not None:
            self._handed.append(self.side.call("load", issues, themes, places))
        signals = []
        for signal in chunk:
            facts = counted[signal.pk]
            signals.append(
                SignalIn(
                    key=signal.pk,
                    terms=facts.terms,
                    commune=signal.commune_path,
                    place=str(signal.unit_id),
                    commune_place=str(self._unit(signal.commune_path).pk),
                    at=signal.at,
                    day=signal.at.astimezone(tz).date(),
                    people=signal.people,
                    cues=facts.cues,
                    fixed_topic=(
                        self.topic_codes.get(signal.topic_id)
                        if signal.topic_set_by_id and signal.topic_id
                        else None
                    ),
                    named=self._named(signal, facts.words),
                    about=facts.about,
                    legible=facts.legible,
                    confidential=signal.confidential,
                    objects=self._things(signal, facts.objects),
                )
            )
        # A protected denunciation's words never title an issue: one told only by such letters is titled neutrally.
        texts = {s.pk: confidential_title() if s.confidential else s.text for s in chunk}
        return self.side.call("run", signals, texts)

    def result(self, started: "Future[ChunkResult]") -> ChunkResult:
        """What the engine side decided for a chunk :meth:`start` handed it (raises BrokenProcessPool when its
        process died, before anything is written)."""
        for handed in self._handed:
            handed.result()  # a window or a load the engine side could not take is an error here, not a gap
        self._handed = []
        return started.result()

    def run(self, chunk: list[Signal], counted: dict[int, TextFacts]) -> None:
        """Group a chunk and write what changed."""
        self.write(chunk, self.result(self.start(chunk, counted)))

    def _things(self, signal: Signal, names: frozenset[str]) -> frozenset[str]:
        """The things the signal names by their own proper names (not after a place of its commune)."""
        if not names:
            return names
        places = self.place_cores.get(signal.commune_path)
        if places is None:
            places = self.place_cores[signal.commune_path] = place_cores(self._unit(signal.commune_path))
        return own_things(names, places)

    def _named(self, signal: Signal, words: tuple[str, ...]) -> frozenset[str]:
        """The villages of the signal's commune its text names (`words`: the text's folded words, as `count` took
        them from the pipeline)."""
        villages = self.village_names.get(signal.commune_path)
        if not villages:
            return frozenset()
        return named_places(list(words), villages)

    # --- saving --------------------------------------------------------------------------------------------------

    def _unit(self, path: str) -> Unit:
        if path not in self.units:
            self.units.update({u.path: u for u in Unit.objects.filter(path=path)})
        return self.units[path]

    def _id(self, key: int) -> int:
        """The row id of an engine key (a new issue's provisional key, or a stored issue's id)."""
        return self.ids.get(key, key)

    def _apply(self, issue: Issue, values: dict[str, Any]) -> None:
        for name in (
            "first_seen",
            "last_seen",
            "signal_count",
            "people_count",
            "centroid",
            "places",
            "daily",
        ):
            setattr(issue, name, values[name])
        issue.memory = values["memory"]
        if not issue.topic_fixed:
            issue.topic_id = self.topic_ids.get(values["topic"]) if values["topic"] else None
        issue.alert_level, issue.alert_raised_at = values["alert_level"], values["alert_raised_at"]
        issue.representative_id = values["representative"]

    def write(self, chunk: list[Signal], result: ChunkResult) -> None:
        """Write what the engine decided for a chunk (in the caller's transaction)."""
        fresh = [row for row in result.issues if row.new]
        created = []
        for row in fresh:
            issue = Issue(unit=self._unit(row.commune), unit_path=row.commune, title=row.title or "")
            self._apply(issue, row.values)
            created.append(issue)
        rows_create(Issue, created)
        for row, issue in zip(fresh, created, strict=True):
            self.ids[row.key] = issue.pk
            self.known.add(issue.pk)
        old = {self._id(row.key): row for row in result.issues if not row.new}
        changed = []
        # Only what is read below: the issue's counts, centroid and memory are rewritten from the state, never read.
        loaded = Issue.objects.filter(pk__in=list(old)).only(
            "pk", "unit", "unit_path", "title", "title_fixed", "topic", "topic_fixed", "status", "merged_into"
        )
        for issue in loaded:
            row = old[issue.pk]
            self._apply(issue, row.values)
            if row.values["merged_into"] is not None:
                survivor = self._id(row.values["merged_into"])
                issue.status, issue.merged_into_id = IssueStatus.MERGED, survivor
                Signal.objects.filter(issue_id=issue.pk).update(issue_id=survivor)
                Alert.objects.filter(issue_id=issue.pk).update(issue_id=survivor)
            if row.title is not None and not issue.title_fixed:
                issue.title = row.title
            changed.append(issue)
        fields = [
            "first_seen", "last_seen", "signal_count", "people_count", "centroid", "places", "daily", "memory",
            "topic", "alert_level", "alert_raised_at", "representative", "title", "status", "merged_into",
        ]  # fmt: skip
        rows_update(Issue, fields, changed)
        by_id = {signal.pk: signal for signal in chunk}
        for key, issue_key, topic in result.signals:
            signal = by_id[key]
            signal.issue_id = self._id(issue_key)
            signal.topic_id = self.topic_ids.get(topic) if topic else None
            signal.processed = True
        rows_update(Signal, ["issue", "topic", "processed"], chunk)
        save_alerts(result.raised, ids=self._id, topic_ids=self.topic_ids, unit_of=self._unit)
        rows_upsert(TermStat, ["term"], ["df"], result.df)
        save_topic_days(result.topic_days, self.topic_ids)
        for key in result.evicted:
            self.known.discard(self._id(key))
        save_theme_alerts(result.themes, topic_ids=self.topic_ids, unit_of=self._unit)


#: Pending signals read (and their terms counted) at once; they are then grouped CHUNK by CHUNK.
WINDOW = 5000
#: What the runner reads of a pending signal, and writes back (a deferred field read would cost a query a signal).
PENDING_FIELDS = (
    "id", "text", "unit", "commune_path", "at", "people", "topic", "topic_set_by", "issue", "processed",
    "confidential",
)  # fmt: skip


def _engine_state() -> EngineState:
    state = EngineState.objects.select_for_update().first()
    if state is None:
        EngineState.objects.create()
        state = EngineState.objects.select_for_update().get()
    return state


def process_pending(*, progress: Progress | None = None, chunk: int = CHUNK, window: int = WINDOW) -> int:
    """Process every signal not yet processed, in time order: a window of pending signals is read and its terms
    counted, then grouped a chunk per transaction (the site gets the write lock back between chunks). Another
    worker that processed signals meanwhile is noticed (the stored count moved) and the state reloaded. Returns
    how many were processed."""
    total = Signal.objects.filter(processed=False).count()
    if not total:
        return 0
    runner: Runner | None = None
    saved = -1  # the engine state's count as this process last wrote it
    done = 0
    with TextWorkers(total) as workers:
        # A large import groups in a process of its own beside this one, which writes (see engine_side).
        remote = workers.active and getattr(settings, "GANDAN_ENGINE_PROCESS", True)
        ahead: Future[list[tuple[int, str, TextFacts]]] | None = (
            None  # the next window's facts, read by a worker
        )
        # A window read, counted and its first chunk handed to a remote engine side before the window ahead of it
        # was written: the engine goes on while the last chunk is written (see `_read_ahead`).
        prefetched: tuple[list[Signal], dict[int, TextFacts], Future[ChunkResult]] | None = None
        # Runners given up, ended once out of the transaction (ending one waits for its engine's process).
        retired: list[Runner] = []
        try:
            while True:
                started: Future[ChunkResult] | None = None
                with transaction.atomic():
                    state = _engine_state()
                    if runner is None or state.signals_seen != saved:
                        # First window, or another worker processed signals meanwhile: start from what is stored.
                        if runner is not None:
                            retired.append(runner)
                        runner = Runner(state.signals_seen, remote=remote)
                        prefetched = None
                    if prefetched is not None:
                        pending, counted, started = prefetched
                        prefetched = None
                    else:
                        pending = list(_pending().only(*PENDING_FIELDS)[:window])
                        if not pending:
                            break
                        counted = runner.count(pending, _facts(workers, workers.collect(ahead), pending))
                    saved = state.signals_seen
                _close(retired)
                if workers.active:
                    # The window after this one, as it stands now, read while the engine groups this one (a signal
                    # that arrives meanwhile or a text corrected since is read again when its window comes).
                    following = list(_after(pending[-1]).values_list("pk", "text")[:window])
                    ahead = workers.submit(facts_of, following) if following else None
                parts = [pending[start : start + chunk] for start in range(0, len(pending), chunk)]
                started = started or runner.start(parts[0], counted)
                for i, part in enumerate(parts):
                    after = parts[i + 1] if i + 1 < len(parts) else None
                    # A remote engine side groups the next chunk while this one is written; at the last chunk,
                    # the first of the next window.
                    next_started = None
                    if remote and after:
                        next_started = runner.start(after, counted)
                    elif remote:
                        prefetched = _read_ahead(runner, workers, ahead, pending[-1], window, chunk)
                        ahead = None
                    with transaction.atomic():
                        state = _engine_state()
                        if state.signals_seen != saved:
                            retired.append(runner)
                            runner = None  # someone else moved on: read the window again
                            break
                        try:
                            result = runner.result(started)
                        except BrokenProcessPool:
                            logger.warning(
                                "The engine's process ended during processing; the rest is grouped in this one."
                            )
                            retired.append(runner)
                            runner, remote = None, False
                            break
                        runner.write(part, result)
                        # The count the engine had when it grouped this chunk (a window read ahead is counted
                        # after it, and stored with that window's first chunk).
                        state.signals_seen = saved = result.seen
                        state.save(update_fields=["signals_seen", "updated_at"])
                    done += len(part)
                    if progress:
                        progress(min(done, total), max(total, done))
                    if after:
                        started = next_started or runner.start(after, counted)
                _close(retired)
        finally:
            _close(retired + ([runner] if runner is not None else []))
    return done


def _close(runners: list["Runner"]) -> None:
    while runners:
        runners.pop().close()


def _facts(
    workers: TextWorkers, read: list[tuple[int, str, TextFacts]] | None, pending: list[Signal]
) -> dict[int, tuple[str, TextFacts]] | None:
    """{signal id: (text, facts)} read by a worker for these signals (by every worker at once, now, when nothing
    was read ahead), or None without workers."""
    if read is None and workers.active:
        read = workers.map(fact_of, [(signal.pk, signal.text) for signal in pending])
    return {key: (text, facts) for key, text, facts in read} if read else None


def _after(last: Signal) -> "QuerySet[Signal]":
    """The pending signals after `last` in the order the engine takes them."""
    return _pending().filter(Q(at__gt=last.at) | Q(at=last.at, pk__gt=last.pk))


def _read_ahead(
    runner: "Runner",
    workers: TextWorkers,
    ahead: "Future[list[tuple[int, str, TextFacts]]] | None",
    last: Signal,
    window: int,
    chunk: int,
) -> tuple[list[Signal], dict[int, TextFacts], "Future[ChunkResult]"] | None:
    """The window after the one ending with `last`, counted, and its first chunk handed to the engine side: read
    while the last chunk of that window is written, so the engine does not wait for it. None when nothing follows
    (a signal older than `last` that arrived meanwhile is taken by the next read of what is pending)."""
    pending = list(_after(last).only(*PENDING_FIELDS)[:window])
    if not pending:
        return None
    counted = runner.count(pending, _facts(workers, workers.collect(ahead), pending))
    return pending, counted, runner.start(pending[:chunk], counted)


def _pending() -> "QuerySet[Signal]":
    """The signals not processed yet, in the order the engine takes them."""
    return Signal.objects.filter(processed=False).order_by("at", "pk")

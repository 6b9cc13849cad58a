"""The engine's adapter: load the state it needs, feed it the pending signals in time order, write back what
changed — one chunk of signals per transaction, so the site keeps serving while a large import is processed.

Cost per signal does not grow with what is stored: a chunk loads only the term frequencies of its own terms and the
active issues of its own communes (those seen in the last `Params.active_days`), and the engine finds candidates
through its inverted index.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from gandan.core.vnnlp import terms
from gandan.core.vntext import fold, tokens
from gandan.opinion.engine import Engine, IssueState, Params, SignalIn
from gandan.opinion.engine.bursts import Assessment
from gandan.opinion.engine.grouping import TermWeights, named_places
from gandan.opinion.engine.state import ThemeState
from gandan.opinion.engine.topics import TopicModel
from gandan.opinion.models import (
    Alert,
    AlertEvent,
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
from gandan.opinion.services.bulk import rows_create, rows_update, rows_upsert
from gandan.opinion.services.textwork import TextFacts, TextWorkers, fact_of, facts_of, text_facts
from gandan.opinion.services.titles import title_of
from gandan.units.models import Unit

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
        official=issue.title_fixed or issue.topic_fixed or issue.split_from_id is not None,
    )
    state.dirty = False
    return state


def _write_state(issue: Issue, state: IssueState, topic_ids: dict[str, int], params: Params) -> None:
    issue.first_seen, issue.last_seen = state.first_seen, state.last_seen
    issue.signal_count, issue.people_count = state.n, state.people
    issue.centroid = dict(state.term_counts.most_common(3 * params.centroid_terms))
    issue.places = dict(state.places)
    issue.daily = _iso_days(state.daily)
    issue.memory = {
        "recent_places": {p: d.isoformat() for p, d in state.recent_places.items()},
        "named": sorted(state.named),
        "about": sorted(state.about),
        "about_n": state.about_n,
        "cues": {c: [d.isoformat() for d in ds] for c, ds in state.cue_days.items()},
        "crowd": _iso_days(state.crowd),
        "topics": dict(state.topics),
        "best": state.best_score,
    }
    if not issue.topic_fixed:
        issue.topic_id = topic_ids.get(state.topic) if state.topic else None
    issue.alert_level, issue.alert_raised_at = state.alert_level, state.alert_raised_at
    issue.representative_id = state.representative


class Runner:
    """The engine with what it has loaded so far; lives for one `process_pending` call."""

    def __init__(self, seen: int) -> None:
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
        self.weights = TermWeights({}, seen, common_share=self.params.common_share, min_df=self.params.min_df)
        self.engine = Engine(weights=self.weights, topics=model, params=self.params)
        self.loaded_df: set[str] = set()
        # What TermStat holds, as far as this run knows: a chunk writes only the frequencies that changed (a
        # window's terms are counted before its chunks are grouped, so a term is written once a window, not once a
        # chunk holding it).
        self.stored_df: dict[str, int] = {}
        self.loaded_communes: dict[str, dt.datetime] = {}  # commune → the oldest last_seen loaded
        self.loaded_theme_communes: set[str] = set()
        self.loaded_place_communes: set[str] = set()
        self.village_names: dict[str, list[tuple[str, str]]] = {}  # commune → (village's folded name, place)
        self.units: dict[str, Unit] = {}

    # --- loading -------------------------------------------------------------------------------------------------

    def _load_df(self, wanted: set[str]) -> None:
        missing = sorted(wanted - self.loaded_df)
        for i in range(0, len(missing), _IN_BATCH):
            part = missing[i : i + _IN_BATCH]
            stored = dict(TermStat.objects.filter(term__in=part).values_list("term", "df"))
            self.weights.load(stored)
            self.stored_df.update(stored)
        self.loaded_df.update(missing)

    def _load_issues(self, communes: set[str], since: dt.datetime) -> None:
        wanted = {c for c in communes if c not in self.loaded_communes or self.loaded_communes[c] > since}
        if not wanted:
            return
        rows = Issue.objects.filter(unit_path__in=wanted, last_seen__gte=since).exclude(
            status=IssueStatus.MERGED
        )
        open_levels = dict(
            Alert.objects.filter(issue__in=rows)
            .exclude(status=AlertStatus.CLOSED)
            .values_list("issue_id", "level")
        )
        for issue in rows:
            if issue.pk not in self.engine.issues:
                self.engine.load(_state_of(issue, self.topic_codes), open_levels.get(issue.pk, 0))
        for commune in wanted:
            self.loaded_communes[commune] = since

    def _load_places(self, communes: set[str]) -> None:
        """The words of the names of these communes and their villages (they say where, not what)."""
        wanted = communes - self.loaded_place_communes
        if not wanted:
            return
        words = set(self.engine.places)
        units = Unit.objects.filter(path__in=wanted) | Unit.objects.filter(parent__path__in=wanted)
        # (Not added to the pipeline's phrase table: terms() must give the same terms in every process, or the
        # term frequencies stored by one would not match another's.)
        for pk, name, parent in units.values_list("pk", "name", "parent__path"):
            words.update(terms(name))
            if parent in wanted:
                self.village_names.setdefault(parent, []).append((_village_core(name), str(pk)))
        self.engine.places = frozenset(words)
        self.loaded_place_communes |= wanted

    def _load_themes(self, communes: set[str], since: dt.datetime) -> None:
        wanted = communes - self.loaded_theme_communes
        if not wanted:
            return
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
        for (topic, commune), theme in themes.items():
            theme.open_level = open_levels.get((topic, commune), 0)
            self.engine.load_theme(topic, commune, theme)
        self.loaded_theme_communes |= wanted

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
        self._load_df(set().union(*(facts.terms for facts in found.values())) if found else set())
        for facts in found.values():
            self.weights.add(set(facts.terms))
        return found

    def run(self, chunk: list[Signal], counted: dict[int, TextFacts]) -> None:
        tz = _local_tz()
        prepared = [(signal, counted[signal.pk]) for signal in chunk]
        all_terms: set[str] = set().union(*(facts.terms for _s, facts in prepared)) if prepared else set()
        since = chunk[0].at - dt.timedelta(days=self.params.active_days)
        self._load_issues({s.commune_path for s in chunk}, since)
        self._load_themes({s.commune_path for s in chunk}, since)
        self._load_places({s.commune_path for s in chunk})
        fixed_topics = {
            s.pk: self.topic_codes.get(s.topic_id) for s in chunk if s.topic_set_by_id and s.topic_id
        }
        raised: list[tuple[IssueState, Assessment, dt.datetime]] = []
        themes: list[tuple[str, str, Assessment, dt.datetime]] = []
        topic_days: Counter[tuple[int, str, dt.date]] = Counter()
        for signal, facts in prepared:
            local = signal.at.astimezone(tz)
            outcome = self.engine.process(
                SignalIn(
                    key=signal.pk,
                    terms=facts.terms,
                    commune=signal.commune_path,
                    place=str(signal.unit_id),
                    commune_place=str(self._unit(signal.commune_path).pk),
                    at=signal.at,
                    day=local.date(),
                    people=signal.people,
                    cues=facts.cues,
                    fixed_topic=fixed_topics.get(signal.pk),
                    named=self._named(signal, facts.words),
                    about=facts.about,
                )
            )
            signal._issue_state = outcome.issue  # type: ignore[attr-defined]
            signal.topic_id = self.topic_ids.get(outcome.topic) if outcome.topic else None
            signal.processed = True
            if outcome.raised is not None:
                raised.append((outcome.issue, outcome.raised, signal.at))
            if outcome.theme_raised is not None and outcome.topic:
                themes.append((outcome.topic, signal.commune_path, outcome.theme_raised, signal.at))
            if signal.topic_id:
                topic_days[(signal.topic_id, signal.commune_path, local.date())] += 1
        self._save(chunk, raised, all_terms, topic_days)
        self._save_theme_alerts(themes)

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

    def _save(
        self,
        chunk: list[Signal],
        raised: list[tuple[IssueState, Assessment, dt.datetime]],
        all_terms: set[str],
        topic_days: Counter[tuple[int, str, dt.date]],
    ) -> None:
        texts = {s.pk: s.text for s in chunk}
        dirty = [state for state in self.engine.issues.values() if state.dirty]
        # An issue made in this chunk and merged into another in it never reaches the database.
        new = [state for state in dirty if state.key < 0 and state.status != "merged"]
        old = {state.key: state for state in dirty if state.key > 0}
        created = []
        for state in new:
            issue = Issue(unit=self._unit(state.commune), unit_path=state.commune, title="")
            _write_state(issue, state, self.topic_ids, self.params)
            issue.title = title_of(texts.get(state.representative or 0, ""), self._core(state))
            state.titled = state.representative
            created.append(issue)
        rows_create(Issue, created)
        for state, issue in zip(new, created, strict=True):
            self.engine.rekey(state.key, issue.pk)
        changed = []
        # Only what is read below: the issue's counts, centroid and memory are rewritten from the state, never read.
        loaded = Issue.objects.filter(pk__in=list(old)).only(
            "pk", "unit", "unit_path", "title", "title_fixed", "topic", "topic_fixed", "status", "merged_into"
        )
        for issue in loaded:
            state = old[issue.pk]
            _write_state(issue, state, self.topic_ids, self.params)
            if state.merged_into is not None:
                survivor = state.resolved().key
                issue.status, issue.merged_into_id = IssueStatus.MERGED, survivor
                Signal.objects.filter(issue_id=issue.pk).update(issue_id=survivor)
                Alert.objects.filter(issue_id=issue.pk).update(issue_id=survivor)
            if (
                not issue.title_fixed
                and state.representative in texts
                and state.representative != state.titled
            ):
                # Titled again only when another signal represents it better (a title does not shift with
                # every signal that joins).
                issue.title = title_of(texts[state.representative], self._core(state))
                state.titled = state.representative
            changed.append(issue)
        fields = [
            "first_seen", "last_seen", "signal_count", "people_count", "centroid", "places", "daily", "memory",
            "topic", "alert_level", "alert_raised_at", "representative", "title", "status", "merged_into",
        ]  # fmt: skip
        rows_update(Issue, fields, changed)
        for state in dirty:
            state.dirty = False
        for signal in chunk:
            signal.issue_id = signal._issue_state.resolved().key  # type: ignore[attr-defined]
        rows_update(Signal, ["issue", "topic", "processed"], chunk)
        self._save_alerts(raised)
        df, stored_df = self.weights.df, self.stored_df
        changed_terms = [t for t in sorted(all_terms) if len(t) <= 80 and stored_df.get(t) != df[t]]
        rows_upsert(TermStat, ["term"], ["df"], ((t, df[t]) for t in changed_terms))
        stored_df.update((t, df[t]) for t in changed_terms)
        self._save_topic_days(topic_days)
        self.engine.evict(chunk[-1].at - dt.timedelta(days=self.params.active_days))

    def _core(self, state: IssueState) -> dict[str, float]:
        """The issue's strongest terms weighed as the engine weighs them (the frame of letters weighs nothing)."""
        return state.centroid(self.engine.weigh, self.params.centroid_terms)[0]

    def _save_alerts(self, raised: list[tuple[IssueState, Assessment, dt.datetime]]) -> None:
        if not raised:
            return
        raised = [(state.resolved(), assessment, at) for state, assessment, at in raised]
        open_alerts = {
            a.issue_id: a
            for a in Alert.objects.filter(issue_id__in={s.key for s, _a, _at in raised}).exclude(
                status=AlertStatus.CLOSED
            )
        }
        for state, assessment, at in raised:
            alert = open_alerts.get(state.key)
            reasons = list(assessment.reasons)
            if alert is None:
                alert = Alert.objects.create(
                    issue_id=state.key,
                    topic_id=self.topic_ids.get(state.topic) if state.topic else None,
                    unit=self._unit(state.commune),
                    unit_path=state.commune,
                    level=assessment.level,
                    raised_at=at,
                    reasons=reasons,
                )
                open_alerts[state.key] = alert
                AlertEvent.objects.create(alert=alert, at=at, action="raised", note=str(assessment.level))
            elif assessment.level > alert.level:
                alert.level, alert.reasons = assessment.level, reasons
                alert.notified_at = None
                alert.save(update_fields=["level", "reasons", "notified_at", "updated_at"])
                AlertEvent.objects.create(alert=alert, at=at, action="level", note=str(assessment.level))
        self._digest()

    @staticmethod
    def _digest() -> None:
        from gandan.opinion.services.digest import digest_request

        digest_request()

    def _save_theme_alerts(self, themes: list[tuple[str, str, Assessment, dt.datetime]]) -> None:
        for topic, commune, assessment, at in themes:
            topic_id = self.topic_ids[topic]
            alert = (
                Alert.objects.filter(issue__isnull=True, topic_id=topic_id, unit_path=commune)
                .exclude(status=AlertStatus.CLOSED)
                .first()
            )
            if alert is None:
                alert = Alert.objects.create(
                    topic_id=topic_id,
                    unit=self._unit(commune),
                    unit_path=commune,
                    level=assessment.level,
                    raised_at=at,
                    reasons=list(assessment.reasons),
                )
                AlertEvent.objects.create(alert=alert, at=at, action="raised", note=str(assessment.level))
            elif assessment.level > alert.level:
                alert.level, alert.reasons, alert.notified_at = (
                    assessment.level,
                    list(assessment.reasons),
                    None,
                )
                alert.save(update_fields=["level", "reasons", "notified_at", "updated_at"])
                AlertEvent.objects.create(alert=alert, at=at, action="level", note=str(assessment.level))
        if themes:
            self._digest()

    def _save_topic_days(self, topic_days: Counter[tuple[int, str, dt.date]]) -> None:
        if not topic_days:
            return
        # Added to the stored day (another chunk, or the live worker, may have counted it already).
        day_value = connection.ops.adapt_datefield_value
        rows_upsert(
            TopicDay,
            ["topic", "unit_path", "day"],
            ["count"],
            ((t, u, day_value(d), n) for (t, u, d), n in sorted(topic_days.items())),
            add=True,
        )


#: Pending signals read (and their terms counted) at once; they are then grouped CHUNK by CHUNK.
WINDOW = 5000
#: What the runner reads of a pending signal, and writes back (a deferred field read would cost a query a signal).
PENDING_FIELDS = (
    "id", "text", "unit", "commune_path", "at", "people", "topic", "topic_set_by", "issue", "processed",
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
        ahead: Future[list[tuple[int, str, TextFacts]]] | None = (
            None  # the next window's facts, read by a worker
        )
        while True:
            with transaction.atomic():
                state = _engine_state()
                if runner is None or state.signals_seen != saved:
                    # First window, or another worker processed signals meanwhile: start from what is stored.
                    runner = Runner(state.signals_seen)
                pending = list(_pending().only(*PENDING_FIELDS)[:window])
                if not pending:
                    break
                read = workers.collect(ahead)
                if read is None and workers.active:
                    # Nothing read ahead (the first window, or the first after the state was reloaded): read by
                    # every worker at once.
                    read = workers.map(fact_of, [(signal.pk, signal.text) for signal in pending])
                known = {key: (text, facts) for key, text, facts in read} if read else None
                counted = runner.count(pending, known)
                saved = state.signals_seen
            if workers.active:
                # The window after this one, as it stands now, read while the engine groups this one (a signal
                # that arrives meanwhile or a text corrected since is read again when its window comes).
                following = list(_pending().values_list("pk", "text")[window : 2 * window])
                ahead = workers.submit(facts_of, following) if following else None
            for start in range(0, len(pending), chunk):
                part = pending[start : start + chunk]
                with transaction.atomic():
                    state = _engine_state()
                    if state.signals_seen != saved:
                        runner = None  # someone else moved on: read the window again
                        break
                    runner.run(part, counted)
                    state.signals_seen = saved = runner.weights.seen
                    state.save(update_fields=["signals_seen", "updated_at"])
                done += len(part)
                if progress:
                    progress(min(done, total), max(total, done))
    return done


def _pending() -> "QuerySet[Signal]":
    """The signals not processed yet, in the order the engine takes them."""
    return Signal.objects.filter(processed=False).order_by("at", "pk")

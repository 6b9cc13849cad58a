"""One signal in, its issue, topic and alert decision out (see the package's docstring)."""

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from gandan.opinion.engine.bursts import Assessment, assess, assess_theme, count_between
from gandan.opinion.engine.grouping import IssueIndex, TermWeights, signal_vector, similarity
from gandan.opinion.engine.state import IssueState, Params, ThemeState, term_factor
from gandan.opinion.engine.topics import TopicModel

#: Term factors remembered at most (the vocabulary grows with what is processed).
_FACTORS_KEPT = 200_000
#: Days of daily counts an issue keeps (the burst model looks back at most window + baseline + a few weeks).
DAILY_KEPT = 70


@dataclass(frozen=True)
class SignalIn:
    key: int  # the signal's id
    terms: frozenset[str]
    commune: str
    place: str  # the signal's place (a village, or the commune)
    at: dt.datetime  # aware
    day: dt.date  # the local date of `at`
    people: int = 1
    cues: frozenset[str] = frozenset()
    commune_place: str = ""  # the value `place` has when the signal names no village (only its commune)
    fixed_topic: str | None = None  # an official chose this signal's topic
    named: frozenset[str] = frozenset()  # the places (as `place`) of the villages its text names
    about: frozenset[str] = frozenset()  # the folded given names of the people its text is about
    legible: bool = True  # written with its diacritics, not shouted: its words may title the issue
    confidential: bool = False  # a protected denunciation's: its words never title the issue
    # The things it names by their own proper names, folded ("nui danh").
    objects: frozenset[str] = frozenset()


@dataclass
class Outcome:
    issue: IssueState
    topic: str | None
    created: bool
    score: float
    raised: Assessment | None = None  # the issue's alert rose above its open alert's level
    theme_raised: Assessment | None = None  # the signal's topic rose in its commune (many matters at once)
    absorbed: list[IssueState] = field(default_factory=list)  # issues merged into another by this signal


def _villages(issue: IssueState, commune_place: str) -> set[str]:
    """The villages the issue's signals came from or named."""
    return {place for place in issue.places if place != commune_place} | issue.named


class Engine:
    def __init__(
        self,
        *,
        weights: TermWeights,
        topics: TopicModel,
        params: Params | None = None,
        new_key: Callable[[], int] | None = None,
    ) -> None:
        self.params = params or Params()
        self.weights = weights
        self.topics = topics
        self.issues: dict[int, IssueState] = {}
        self.index = IssueIndex()
        self.themes: dict[tuple[str, str], ThemeState] = {}
        self._next = 0
        self._new_key = new_key
        self._places: frozenset[str] = frozenset()
        self._factors: dict[str, float] = {}
        # weigh(term), remembered while the rarities it was computed from hold (`TermWeights.version`).
        self._weighed: dict[str, float] = {}
        self._weighed_version = -1

    @property
    def places(self) -> frozenset[str]:
        """The words of the place names the engine knows (villages, communes), given by the caller."""
        return self._places

    @places.setter
    def places(self, words: frozenset[str]) -> None:
        self._places = words
        self._factors = {}
        self._weighed = {}

    def factor(self, term: str) -> float:
        """What a term's kind counts for beside its rarity (`term_factor`, remembered per term)."""
        factor = self._factors.get(term)
        if factor is None:
            if len(self._factors) > _FACTORS_KEPT:
                self._factors = {}
            params = self.params
            factor = self._factors[term] = term_factor(
                term, params.pair_weight, self._places, params.place_weight
            )
        return factor

    def _telling(self, term: str) -> bool:
        """The term says what, not only where (it is not a place's name nor a pair holding one)."""
        return self.factor(term) > self.params.place_weight

    def weigh(self, term: str) -> float:
        """What a term weighs: its rarity times its kind's factor."""
        weighed = self._weighed
        if self._weighed_version != self.weights.version:
            weighed = self._weighed = {}
            self._weighed_version = self.weights.version
        value = weighed.get(term)
        if value is None:
            factor = self.factor(term)
            value = weighed[term] = self.weights.idf(term) * factor if factor else 0.0
        return value

    # --- state ---------------------------------------------------------------------------------------------------

    def load(self, issue: IssueState, open_level: int = 0) -> None:
        issue.open_level = open_level
        self.issues[issue.key] = issue
        self.index.add(issue, self._strongest(issue, self.params.index_terms))

    def load_theme(self, topic: str, commune: str, theme: ThemeState) -> None:
        self.themes[(topic, commune)] = theme

    def rekey(self, old: int, new: int) -> None:
        issue = self.issues.pop(old)
        issue.key = new
        self.issues[new] = issue
        self.index.rekey(old, new, issue.commune)

    def evict(self, before: dt.datetime) -> list[IssueState]:
        """Forget the issues quiet since before `before` (saved already); returns them."""
        gone = [issue for issue in self.issues.values() if issue.last_seen < before and not issue.dirty]
        for issue in gone:
            self.index.drop(issue)
            del self.issues[issue.key]
        return gone

    # --- one signal ----------------------------------------------------------------------------------------------

    def process(self, signal: SignalIn) -> Outcome:
        params = self.params
        # Terms in a fixed order wherever order shows (sums of floats, ties of counts): a set's order changes from
        # one process to the next, and the same file must give the same issues every time it is imported.
        vector, norm = signal_vector(sorted(signal.terms), self.weigh)
        probe = sorted(vector, key=lambda term: (-vector[term], term))[: params.probe_terms]
        oldest = signal.at - dt.timedelta(days=params.active_days)
        best: IssueState | None = None
        best_score = 0.0
        things = signal.objects if params.object_bonus else ()
        scored: list[tuple[float, IssueState]] = []
        for key in self.index.candidates(signal.commune, probe, params.max_candidates, params.max_posting):
            issue = self.issues.get(key)
            if issue is None or issue.status == "merged" or issue.last_seen < oldest:
                continue
            if issue.first_seen > signal.at:
                # An issue that began after this signal was written (an older file imported once later signals
                # were processed): the signal is taken as it arrived then, when that issue did not exist.
                continue
            if issue.apart_from(signal.about, params.own_share):
                continue  # another household's own matter, in the same words
            score = similarity(
                vector,
                norm,
                issue,
                self.weigh,
                params.centroid_terms,
                params.join_shared,
                self._telling,
                params.singles_alone,
            )
            if score:
                # The issue is about a thing the signal names (half of its signals name it, or more), and their words
                # are close already: the name decides between candidates and across villages, never alone.
                same_thing = (
                    bool(things)
                    and score >= params.join_threshold
                    and any(2 * issue.things.get(t, 0) >= issue.n for t in things)
                )
                if same_thing:
                    # Both name one quarry, farm or company by its proper name ("mỏ đá Núi Đanh"): whatever else
                    # each letter tells (the trucks, the dust), they are about the same thing, in any village.
                    score += params.object_bonus
                if (
                    signal.place in issue.places
                    or signal.place in issue.named
                    or not signal.named.isdisjoint(issue.places)
                    or same_thing
                ):
                    # From one of the issue's villages, or one its signals name, or naming one of its villages
                    # ("the culvert between Tam Đa and Yên Sơn").
                    score += params.same_place_bonus
                elif signal.place != signal.commune_place:
                    # Another village than any of the issue's: one person's own matter told in the same words
                    # elsewhere is another matter; a matter spreading to the next village needs more to show it:
                    # an issue takes another village only once each of its villages told it several times.
                    score -= params.other_place_penalty
                    villages = told = 0
                    for place, count in issue.places.items():
                        if place != signal.commune_place:
                            villages, told = villages + 1, told + count
                    if told < params.spread_min * max(1, villages):
                        score = 0.0
            if score >= params.join_threshold:
                scored.append((score, issue))
            if score > best_score or (score == best_score and best is not None and key < best.key):
                best, best_score = issue, score
        created = best is None or best_score < params.join_threshold
        if created:
            self._next -= 1
            key = self._new_key() if self._new_key else self._next
            best = IssueState(key=key, commune=signal.commune, first_seen=signal.at, last_seen=signal.at)
            self.issues[key] = best
            best_score = 0.0
        assert best is not None
        topic = self._join(best, signal, best_score)
        outcome = Outcome(issue=best, topic=topic, created=created, score=best_score)
        if not created and params.merge_threshold < 1.0:
            others = [issue for _score, issue in scored if issue is not best]
            best = self._absorb(best, others, outcome, signal.commune_place)
            outcome.issue = best
        if not created and params.fragment_threshold < 1.0:
            best = self._gather(best, signal, outcome)
            outcome.issue = best
        if best.status == "open":
            assessment = assess(best, signal.day, params)
            if assessment.level > best.open_level:
                best.open_level = assessment.level
                if best.alert_raised_at is None:
                    best.alert_raised_at = signal.at
                best.alert_level = max(best.alert_level, assessment.level)
                outcome.raised = assessment
        if topic and topic != self.topics.fallback:
            outcome.theme_raised = self._theme(topic, signal, best)
        return outcome

    def _centroid(self, issue: IssueState) -> tuple[dict[str, float], float]:
        return issue.centroid(self.weigh, self.params.centroid_terms)

    def _strongest(self, issue: IssueState, limit: int) -> list[str]:
        """The issue's strongest terms (its centroid is ordered by weight, and kept until the issue changes)."""
        return list(itertools.islice(self._centroid(issue)[0], limit))

    def _cosine(self, one: IssueState, other: IssueState) -> float:
        """How much two issues' cores agree (the cosine of their centroids); 0 when they share fewer than
        `Params.core_shared` terms that are not place names (two one-off letters sharing "lạc" — "thất lạc",
        "rung lắc" — and their village are not one matter)."""
        mine, norm_mine = self._centroid(one)
        theirs, norm_theirs = self._centroid(other)
        if not norm_mine or not norm_theirs:
            return 0.0
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        dot = 0.0
        shared = 0
        for term, weight in mine.items():
            other_weight = theirs.get(term)
            if other_weight is not None:
                dot += weight * other_weight
                if self._telling(term):
                    shared += 1
        if shared < self.params.core_shared:
            return 0.0
        return dot / (norm_mine * norm_theirs)

    def _households_apart(self, one: IssueState, other: IssueState) -> bool:
        """Both issues are households' own matters, about other people."""
        share = self.params.own_share
        return one.apart_from(other.about, share) and other.apart_from(one.about, share)

    def _things_apart(self, one: IssueState, other: IssueState) -> bool:
        """One issue is about a thing named by its proper name (half of its signals, two or more, name it) and
        the other, a matter of its own (`Params.object_apart` signals or more), never names it: two matters sharing
        common words ("tường", "nứt"), not fragments of one."""
        least = self.params.object_apart
        if not least:
            return False
        for mine, theirs in ((one, other), (other, one)):
            if theirs.n < least or not theirs.things_known:
                continue
            for term, count in mine.things.items():
                if count >= 2 and 2 * count >= mine.n and not theirs.things.get(term):
                    return True
        return False

    def _merge(self, issue: IssueState, other: IssueState, outcome: Outcome) -> IssueState:
        """Merge the younger of two issues into the older; returns the survivor."""
        survivor, gone = (
            (issue, other)
            if (issue.first_seen, issue.key) <= (other.first_seen, other.key)
            else (other, issue)
        )
        survivor.absorb(gone, self.params.centroid_terms)
        gone.status, gone.merged_into = "merged", survivor
        gone.dirty = True
        self.index.drop(gone)
        self.index.add(survivor, self._strongest(survivor, self.params.index_terms))
        outcome.absorbed.append(gone)
        return survivor

    def _gather(self, issue: IssueState, signal: SignalIn, outcome: Outcome) -> IssueState:
        """Fragments of one matter: people tell a matter in several ways, and each way may have opened its own
        issue before the words linking them were seen. Once an issue has a few signals, the issues of its commune
        that share one of its villages (told from or named), or that draw signals at the same time as it (one
        matter breaking out in two villages at once), and whose cores agree with its core are merged into it
        (checked as it grows, not on every signal). An official's, a dismissed or a closed issue is never merged."""
        params = self.params
        n = issue.n
        if (
            n < params.fragment_min
            or (n > 2 * params.fragment_min and n % params.fragment_min)
            or issue.official
        ):
            return issue
        if issue.status != "open":
            return issue
        villages = _villages(issue, signal.commune_place)
        if not villages:
            return issue
        oldest = signal.at - dt.timedelta(days=params.active_days)
        since = signal.day - dt.timedelta(days=params.fragment_days - 1)

        def busy(state: IssueState) -> bool:
            """It drew `fragment_min` signals in the last `fragment_days` days."""
            return (
                bool(params.fragment_days)
                and count_between(state.daily, since, signal.day) >= params.fragment_min
            )

        mine_busy = busy(issue)
        probe = self._strongest(issue, params.probe_terms)
        for key in self.index.candidates(issue.commune, probe, params.max_candidates, params.max_posting):
            other = self.issues.get(key)
            if (
                other is None
                or other is issue
                or other.status != "open"
                or other.official
                or other.last_seen < oldest
                or other.first_seen > signal.at
                or self._households_apart(issue, other)
                or self._things_apart(issue, other)
            ):
                continue
            threshold = params.fragment_threshold
            if other.n < params.fragment_min:
                # A lone signal of the same days, close to a matter breaking out around it (one letter from each
                # of several villages): gathered into it, however its village.
                if not (
                    params.fragment_lone
                    and mine_busy
                    and count_between(issue.daily, since, signal.day) >= params.fragment_lone_min
                    and count_between(other.daily, since, signal.day) >= 1
                ):
                    continue
                if self._cosine(issue, other) >= params.fragment_lone:
                    issue = self._merge(issue, other, outcome)
                    villages = _villages(issue, signal.commune_place)
                continue
            if villages.isdisjoint(_villages(other, signal.commune_place)):
                established = (
                    params.apart_established
                    and min(issue.n, other.n) >= params.apart_established
                    and issue.topic is not None
                    and issue.topic == other.topic
                )
                if not (mine_busy and busy(other)) and not established:
                    continue
                threshold *= params.fragment_apart  # in two villages at once: their cores must agree more
            if self._cosine(issue, other) >= threshold:
                issue = self._merge(issue, other, outcome)
                villages = _villages(issue, signal.commune_place)
        return issue

    def _absorb(
        self, issue: IssueState, others: list[IssueState], outcome: Outcome, commune_place: str
    ) -> IssueState:
        """The signal that joined `issue` was as close to each of `others`: where the two issues' cores agree,
        they are one matter found twice; the younger is merged into the older (an official's issue never is)."""
        for other in others:
            if other.status != "open" or issue.status != "open" or other.official or issue.official:
                continue
            if self._households_apart(issue, other) or self._things_apart(issue, other):
                continue
            if _villages(issue, commune_place).isdisjoint(_villages(other, commune_place)):
                continue  # the same words in two villages: two households' matters until more is known
            if self._cosine(issue, other) >= self.params.merge_threshold:
                issue = self._merge(issue, other, outcome)
        return issue

    def _theme(self, topic: str, signal: SignalIn, issue: IssueState) -> Assessment | None:
        theme = self.themes.get((topic, signal.commune))
        if theme is None:
            theme = self.themes[(topic, signal.commune)] = ThemeState(first_day=signal.day)
        theme.daily[signal.day] += 1
        since = signal.day - dt.timedelta(days=int(self.params.window_days) - 1)
        theme.recent = [(day, i) for day, i in theme.recent if day >= since] + [(signal.day, issue)]
        if len(theme.daily) > DAILY_KEPT:
            cutoff = signal.day - dt.timedelta(days=DAILY_KEPT)
            for day in [d for d in theme.daily if d < cutoff]:
                del theme.daily[day]
        counts: dict[int, int] = {}
        for _day, member in theme.recent:
            counts[id(member)] = counts.get(id(member), 0) + 1
        share = max(counts.values()) / len(theme.recent)
        assessment = assess_theme(theme.daily, signal.day, theme.first_day, share, self.params)
        if assessment.level > theme.open_level:
            theme.open_level = assessment.level
            return assessment
        return None

    def _join(self, issue: IssueState, signal: SignalIn, score: float) -> str | None:
        params = self.params
        issue.n += 1
        issue.people += signal.people
        issue.add_terms(sorted(signal.terms), params.centroid_terms)
        issue.things.update(signal.objects)
        issue.places[signal.place] += 1
        if signal.named:
            issue.named |= signal.named
        if signal.about:
            issue.about |= signal.about
            issue.about_n += 1
        if signal.place != signal.commune_place:
            # Only villages count as "several villages on one matter": a signal placed at the commune names none.
            issue.recent_places[signal.place] = max(
                signal.day, issue.recent_places.get(signal.place, signal.day)
            )
        issue.daily[signal.day] += 1
        if len(issue.daily) > DAILY_KEPT:
            cutoff = signal.day - dt.timedelta(days=DAILY_KEPT)
            for day in [d for d in issue.daily if d < cutoff]:
                del issue.daily[day]
        for cue in sorted(signal.cues):
            issue.cue_days.setdefault(cue, []).append(signal.day)
            issue.cue_days[cue] = issue.cue_days[cue][-20:]
        if signal.people > 1:
            issue.crowd[signal.day] = max(signal.people, issue.crowd.get(signal.day, 0))
        issue.first_seen = min(issue.first_seen, signal.at)
        issue.last_seen = max(issue.last_seen, signal.at)
        # The representative (whose words title the issue) is the signal most like the issue, among those written
        # with their diacritics if any is: a leader reads "Nước máy ở Tân Tiến bị cắt", not "Nuoc may o Tan Tien";
        # and never a protected denunciation's while another signal can (its words may tell who wrote it).
        if issue.representative is None or (not signal.confidential, signal.legible, score) > (
            issue.best_open,
            issue.best_legible,
            issue.best_score,
        ):
            issue.representative, issue.best_score = signal.key, score
            issue.best_legible, issue.best_open = signal.legible, not signal.confidential
        topic: str | None
        if signal.fixed_topic:
            topic = signal.fixed_topic
        elif issue.topic_fixed and issue.topic:
            topic = issue.topic
        else:
            topic = self.topics.classify(set(signal.terms))
        if topic:
            issue.topics[topic] += 1
            if not issue.topic_fixed:
                issue.topic = max(sorted(issue.topics), key=lambda code: issue.topics[code])
        if issue.n <= 4 or issue.n % 8 == 0:
            self.index.add(issue, self._strongest(issue, params.index_terms))
        issue.dirty = True
        return topic

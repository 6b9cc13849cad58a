"""What the engine remembers of an issue between signals, and the parameters it runs with."""

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


def term_factor(term: str, pair_weight: float, places: frozenset[str], place_weight: float) -> float:
    """How much a term counts beside its rarity: a pair of syllables `pair_weight`, a word of a place name, or a
    pair holding one, `place_weight` (a village's name says where, not what: two matters of one village share
    it)."""
    if "_" not in term:
        return place_weight if term in places else 1.0
    if term in places:
        return pair_weight * place_weight
    # A pair half of which is a place's name ("định kỳ Khê Lâu" → "ky_khe") tells where, not what.
    first, _sep, second = term.partition("_")
    return pair_weight * place_weight if first in places or second in places else pair_weight


@dataclass(frozen=True)
class Params:
    #: An issue quiet for longer than this takes no new signal (a later mention is a new issue).
    active_days: int = 35
    #: The least similarity for a signal to join an issue.
    join_threshold: float = 0.22
    #: The weight of a pair of adjacent syllables against a single one (pairs say "how", words say "what": people
    #: tell one matter in different phrases, so pairs weigh little in the similarity).
    pair_weight: float = 0.6
    #: The weight of a word of a village's name (they say where, not what).
    place_weight: float = 0.25
    #: Terms in more than this share of all signals weigh nothing (the frame of letters and calls).
    common_share: float = 0.05
    #: Terms held by fewer signals than this weigh nothing (they can match no other signal).
    min_df: int = 2
    #: The least terms, other than place names, a signal must share with an issue's core to join it (one shared
    #: word is a coincidence; a village's name says where, not what).
    join_shared: int = 2
    #: ... and, when none of those is a pair of syllables (a phrase), at least this many single words (0: no such
    #: rule): "tường" of a cracked wall and of a wall built on a lane, "bay" of dust flying and "bày" of "trình
    #: bày" once folded, are two words in common and no matter. On the corpus's three seeds F1 0.736/0.715/0.747
    #: → 0.747/0.714/0.745 (on the first, precision 0.84 → 0.85 and recall 0.65 → 0.66).
    singles_alone: int = 3
    #: The least terms, other than place names, two issues' cores must share to be found to agree.
    core_shared: int = 3
    #: Added to the similarity when the signal comes from a village the issue already has.
    same_place_bonus: float = 0.06
    #: Taken from it when the signal comes from a village the issue has not had.
    other_place_penalty: float = 0.05
    #: An issue takes a signal from another village only when it holds this many signals per village it has (a
    #: household's matter told in the same words in two villages is two matters; a matter that spreads has shown
    #: itself where it started first). Signals from the commune as a whole count for no village.
    spread_min: int = 3
    #: Added to the similarity when the signal names a quarry, farm, kiln or company by its own proper name ("mỏ đá
    #: Núi Đanh"; not after a village: "trại gà Gò Gạo"), the issue is about it (half of its signals name it) and
    #: their words are close enough to join already (the name decides between candidates, never alone);
    #: such an issue takes the signal from any village (one thing is one matter wherever its neighbours live: the
    #: village rule above does not hold it back). 0: neither. Neutral on the corpus (which names few such things);
    #: it keeps a named quarry's letters from three villages together where they scattered into the villages'
    #: issues about trucks and dust.
    object_bonus: float = 0.2
    #: An issue about such a thing (at least two signals, and half of its signals, name it) is never merged with an
    #: issue of this many signals or more that never names it. 0: never kept apart so.
    object_apart: int = 2
    #: An issue is a household's own when at least this share of its signals name the people they are about ("nhà
    #: Lê Văn Quý", "cụ Lan"): it takes no signal, and no issue, about other named people, however alike their words
    #: (two households' broken poles are two matters). 0: never.
    own_share: float = 0.5
    #: Two issues a signal joins equally well are merged when they share a village and their cores agree this much
    #: (1: never).
    merge_threshold: float = 0.25
    #: Two issues of `fragment_min` signals or more that share a village are merged when their cores agree this
    #: much (1: never): one matter told in several ways opens several issues before the words linking them appear.
    fragment_threshold: float = 0.1
    fragment_min: int = 2
    #: A lone signal's issue (of any village) drawn in the last `fragment_days` days is gathered into an issue that
    #: drew `fragment_lone_min` signals in those days when their cores agree this much (0: never).
    fragment_lone: float = 0.3
    fragment_lone_min: int = 3
    #: ... or, sharing no village, when both drew `fragment_min` signals in the last this many days (0: never).
    fragment_days: int = 4
    #: ... and then their cores must agree this many times more.
    fragment_apart: float = 2.0
    #: ... or, sharing no village and not drawing signals in the same days, when both hold at least this many
    #: signals and have the same topic (0: never): one matter told steadily in two villages, found as two issues
    #: because another village joins an issue only once it is established (`spread_min`). On the corpus's three seeds
    #: F1 0.755/0.728/0.753 → 0.762/0.735/0.755 (2 and 3 merged the committed seed's look-alikes).
    apart_established: int = 5
    #: The strongest terms an issue keeps (its centroid) and those it is indexed by.
    centroid_terms: int = 80
    index_terms: int = 30
    #: The terms candidate issues are found by — a signal's rarest, or, gathering fragments, an issue's strongest (10
    #: groups the corpus's three seeds as well as 14 or 30, mean F1 0.733 against 0.729, and counts a third fewer
    #: postings) — and how many candidates are scored at most (12 groups as well as 30 on the corpus's three seeds,
    #: and scores 40 % fewer).
    probe_terms: int = 10
    max_candidates: int = 12
    #: A term held by the cores of more than this many active issues of a commune says nothing of the matter and
    #: finds no candidate (counting them was a tenth of the engine's time at 100,000 signals; 200 and 100 group the
    #: corpus's three seeds alike).
    max_posting: int = 100
    #: The burst model: recent window, the baseline's span, and the prior of a new issue's daily rate.
    window_days: float = 3.0
    baseline_days: float = 28.0
    prior_signals: float = 0.5
    prior_days: float = 5.0
    #: Poisson tail probabilities for the levels (watch, warning, urgent), and the least recent count.
    level_p: tuple[float, float, float] = (1e-3, 1e-5, 1e-7)
    min_recent: int = 4
    #: A topic rising in a commune (many matters at once): stricter, and only when no one issue holds this share.
    theme_level_p: tuple[float, float, float] = (1e-4, 1e-6, 1e-8)
    theme_min_recent: int = 8
    theme_dominance: float = 0.6
    #: A slow rise: weekly counts rising over this many weeks, the last at least `rise_min`, and the last two
    #: weeks this improbable at the rate of the weeks before (taken as at least `rise_floor` a week).
    rise_weeks: int = 3
    rise_min: int = 4
    rise_p: float = 0.01
    rise_floor: float = 1.0
    #: Signs of a hotspot (DOMAIN.md design implication 26).
    crowd_people: int = 5
    villages_min: int = 3


@dataclass
class ThemeState:
    """A topic in a commune: its daily signals and which issues the recent ones went to."""

    first_day: dt.date
    daily: Counter = field(default_factory=Counter)
    recent: list = field(default_factory=list)  # (date, IssueState) of the last signals
    open_level: int = 0


@dataclass
class IssueState:
    key: int  # the issue's id, or a negative number for an issue created in this run (not saved yet)
    commune: str
    first_seen: dt.datetime
    last_seen: dt.datetime
    n: int = 0
    people: int = 0
    term_counts: Counter = field(default_factory=Counter)
    things: Counter = field(default_factory=Counter)  # a named thing ("nui danh") -> its signals naming it
    # Its things were counted from all its signals (an issue stored before things were read was not: it is never
    # taken for one that does not name them).
    things_known: bool = True
    places: Counter = field(default_factory=Counter)
    daily: Counter = field(default_factory=Counter)  # date -> signals
    recent_places: dict = field(default_factory=dict)  # place -> last date seen
    named: set = field(default_factory=set)  # the villages its signals' texts name
    about: set = field(default_factory=set)  # the folded given names of the people its signals are about
    about_n: int = 0  # its signals that name someone they are about
    cue_days: dict = field(default_factory=dict)  # cue -> dates of the signals holding it (urgency, repeat)
    crowd: dict = field(default_factory=dict)  # date -> the most people one signal of that day spoke for
    topics: Counter = field(default_factory=Counter)
    topic: str | None = None
    topic_fixed: bool = False
    status: str = "open"
    alert_level: int = 0
    alert_raised_at: dt.datetime | None = None
    official: bool = False  # an official renamed, re-topicked or split it: never merged automatically
    merged_into: "IssueState | None" = None
    open_level: int = 0  # the level of the issue's open alert (0: none): a rise above it raises the alert
    representative: int | None = None  # the signal that best represents the issue
    titled: int | None = None  # the signal the stored title was taken from
    best_score: float = -1.0
    best_legible: bool = True  # the representative is written with its diacritics, not shouted
    best_open: bool = True  # the representative is not a protected denunciation's
    dirty: bool = True
    _centroid: tuple[dict[str, float], float] | None = None
    _centroid_n: int = 0  # the signals the kept centroid was computed from

    def centroid(self, weigh, limit: int) -> tuple[dict[str, float], float]:
        """{term: weight} over the issue's strongest terms (strongest first), and its length; `weigh(term)`: what a
        term weighs (its rarity and kind). A large issue's core moves slowly: it is recomputed once its signals have
        grown by an eighth since (one signal more moves a small one)."""
        stale = self._centroid is None or self.n - self._centroid_n >= max(1, self._centroid_n // 8)
        if stale:
            weights = {t: w for t, w in self.weights(weigh, limit) if w > 0}
            self._centroid = (weights, math.sqrt(sum(w * w for w in weights.values())))
            self._centroid_n = self.n
        assert self._centroid is not None
        return self._centroid

    def absorb(self, other: "IssueState", limit: int) -> None:
        """Take in everything `other` holds (it is merged into this issue)."""
        self.n += other.n
        self.people += other.people
        self.term_counts.update(other.term_counts)
        if len(self.term_counts) > 6 * limit:
            self.term_counts = Counter(dict(self.term_counts.most_common(3 * limit)))
        self.things.update(other.things)
        self.things_known = self.things_known and other.things_known
        self._centroid = None
        self.places.update(other.places)
        self.named |= other.named
        self.about |= other.about
        self.about_n += other.about_n
        self.daily.update(other.daily)
        for place, day in other.recent_places.items():
            self.recent_places[place] = max(day, self.recent_places.get(place, day))
        for cue, days in other.cue_days.items():
            self.cue_days[cue] = sorted(self.cue_days.get(cue, []) + days)[-20:]
        for day, people in other.crowd.items():
            self.crowd[day] = max(people, self.crowd.get(day, 0))
        self.topics.update(other.topics)
        self.first_seen = min(self.first_seen, other.first_seen)
        self.last_seen = max(self.last_seen, other.last_seen)
        self.alert_level = max(self.alert_level, other.alert_level)
        if other.alert_raised_at and (
            self.alert_raised_at is None or other.alert_raised_at < self.alert_raised_at
        ):
            self.alert_raised_at = other.alert_raised_at
        self.open_level = max(self.open_level, other.open_level)
        self.dirty = True

    def apart_from(self, about: "set[str] | frozenset[str]", share: float) -> bool:
        """This issue is a household's own (`Params.own_share`) and `about` names only other people."""
        return bool(
            share and about and self.about and self.about_n >= share * self.n and self.about.isdisjoint(about)
        )

    def resolved(self) -> "IssueState":
        """The issue this one was merged into (followed to the end), or itself."""
        issue = self
        while issue.merged_into is not None:
            issue = issue.merged_into
        return issue

    def add_terms(self, terms: Iterable[str], limit: int) -> None:
        """Count a signal's (distinct) terms, in the order given (it decides ties among equal counts)."""
        self.term_counts.update(terms)
        if len(self.term_counts) > 6 * limit:
            # A long-lived issue would keep every word ever written about it: keep the common ones.
            self.term_counts = Counter(dict(self.term_counts.most_common(3 * limit)))

    def weights(self, weigh, limit: int) -> list[tuple[str, float]]:
        """The issue's terms by weight: the share of its signals holding the term times what it weighs."""
        n = max(1, self.n)
        scored = [(term, count / n * weigh(term)) for term, count in self.term_counts.items()]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]

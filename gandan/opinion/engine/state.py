"""What the engine remembers of an issue between signals, and the parameters it runs with."""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Params:
    #: An issue quiet for longer than this takes no new signal (a later mention is a new issue).
    active_days: int = 35
    #: The least similarity for a signal to join an issue.
    join_threshold: float = 0.2
    #: The weight of a pair of adjacent syllables against a single one (pairs say "how", words say "what": people
    #: tell one matter in different phrases, so pairs weigh little in the similarity).
    pair_weight: float = 0.3
    #: Added to the similarity when the signal comes from a village the issue already has.
    same_place_bonus: float = 0.06
    #: The strongest terms an issue keeps (its centroid) and those it is indexed by.
    centroid_terms: int = 80
    index_terms: int = 30
    #: The signal's rarest terms used to find candidate issues, and how many candidates are scored at most.
    probe_terms: int = 14
    max_candidates: int = 30
    #: The burst model: recent window, the baseline's span, and the prior of a new issue's daily rate.
    window_days: float = 3.0
    baseline_days: float = 28.0
    prior_signals: float = 0.5
    prior_days: float = 5.0
    #: Poisson tail probabilities for the levels (watch, warning, urgent), and the least recent count.
    level_p: tuple[float, float, float] = (1e-3, 1e-5, 1e-7)
    min_recent: int = 5
    #: A topic rising in a commune (many matters at once): stricter, and only when no one issue holds this share.
    theme_level_p: tuple[float, float, float] = (1e-4, 1e-6, 1e-8)
    theme_min_recent: int = 8
    theme_dominance: float = 0.6
    #: A slow rise: weekly counts rising over this many weeks, the last at least `rise_min` and `rise_factor`
    #: times the weeks before.
    rise_weeks: int = 3
    rise_min: int = 4
    rise_factor: float = 2.0
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
    places: Counter = field(default_factory=Counter)
    daily: Counter = field(default_factory=Counter)  # date -> signals
    recent_places: dict = field(default_factory=dict)  # place -> last date seen
    cue_days: dict = field(default_factory=dict)  # cue -> dates of the signals holding it (urgency, repeat)
    crowd: dict = field(default_factory=dict)  # date -> the most people one signal of that day spoke for
    topics: Counter = field(default_factory=Counter)
    topic: str | None = None
    topic_fixed: bool = False
    status: str = "open"
    alert_level: int = 0
    alert_raised_at: dt.datetime | None = None
    open_level: int = 0  # the level of the issue's open alert (0: none): a rise above it raises the alert
    representative: int | None = None  # the signal that best represents the issue
    best_score: float = -1.0
    dirty: bool = True
    _centroid: tuple[dict[str, float], float] | None = None

    def centroid(self, idf, limit: int, pair_weight: float = 1.0) -> tuple[dict[str, float], float]:
        """{term: weight} over the issue's strongest terms, and its length; kept until the issue changes."""
        if self._centroid is None:
            weights = {t: w for t, w in self.weights(idf, limit, pair_weight) if w > 0}
            self._centroid = (weights, math.sqrt(sum(w * w for w in weights.values())))
        return self._centroid

    def add_terms(self, terms: set[str], limit: int) -> None:
        self.term_counts.update(terms)
        self._centroid = None
        if len(self.term_counts) > 6 * limit:
            # A long-lived issue would keep every word ever written about it: keep the common ones.
            self.term_counts = Counter(dict(self.term_counts.most_common(3 * limit)))

    def top_terms(self, idf, limit: int) -> list[str]:
        return [t for t, _w in self.weights(idf, limit)]

    def weights(self, idf, limit: int, pair_weight: float = 1.0) -> list[tuple[str, float]]:
        """The issue's terms by weight: the share of its signals holding the term times the term's rarity."""
        n = max(1, self.n)
        scored = (
            (term, (count / n) * idf(term) * (pair_weight if "_" in term else 1.0))
            for term, count in self.term_counts.items()
        )
        return sorted(scored, key=lambda item: (-item[1], item[0]))[:limit]

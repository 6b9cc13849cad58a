"""Which active issue a signal belongs to: term weights, the inverted index, the similarity.

A term weighs by its rarity (inverse document frequency over every signal processed: "đường" is everywhere, "trạm
bơm" and "Hoành Sơn" are not). A signal is compared with an issue by the cosine of their weighted terms, the issue's
terms weighed by the share of its signals that hold them (the core of a matter, not one writer's detail), plus a
small bonus when the signal comes from (or names) a village the issue already has.

A term held by fewer than `Params.min_df` signals weighs nothing (a typo or one writer's name can match nothing
and would only lengthen the vector); a village's name, and a pair of syllables holding one, weigh little. Another
village joins an issue only once each of the issue's villages has told it a few times (`Params.spread_min`): the
same words from two villages are first two households' matters. The engine gathers fragments of one matter (issues
of a shared village whose cores agree) as they grow.

Only issues of the same commune, active in the last `Params.active_days`, that share one of the signal's rarest
terms are scored (the inverted index), so a signal costs the same with ten thousand or a million signals stored.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from operator import itemgetter

from gandan.opinion.engine.state import IssueState

_COUNT = itemgetter(1)


class TermWeights:
    """Document frequencies (how many signals held each term) and the rarity weight they give."""

    def __init__(self, df: dict[str, int], seen: int, *, common_share: float = 0.0, min_df: int = 1) -> None:
        self.df = df
        # A term held by fewer signals than this (a typo, one writer's name) can join nothing: it weighs nothing,
        # or it would only lengthen the vector and lower every similarity of the signal holding it.
        self.min_df = min_df
        self.seen = seen
        self._idf: dict[str, float] = {}
        #: Moves on whenever a rarity may change (a signal counted, stored frequencies loaded): what was computed
        #: from the rarities before is stale then.
        self.version = 0
        # A term in more than this share of all signals is the frame of a letter or a call ("kính gửi", "cuộc gọi
        # đến", "đề nghị xã xem xét"), not its matter: its weight falls to nothing (0: plain inverse frequency).
        self._common = math.log(1.0 / common_share) if common_share else 0.0
        self._share = common_share

    def add(self, terms: set[str]) -> None:
        self.seen += 1
        self.version += 1
        df = self.df
        for term in terms:
            df[term] = df.get(term, 0) + 1
        if self._idf:
            self._idf = {}

    def load(self, stored: dict[str, int]) -> None:
        """Take in frequencies stored earlier (for terms not counted here yet)."""
        self.df.update(stored)
        self._idf = {}
        self.version += 1

    def idf(self, term: str) -> float:
        """log(1 + N / (df + 1)); remembered until the next signal is counted."""
        value = self._idf.get(term)
        if value is None:
            df = self.df.get(term, 0)
            if df < self.min_df:
                self._idf[term] = 0.0
                return 0.0
            value = math.log(1.0 + self.seen / (df + 1.0))
            # Only once enough signals are known for a share to mean something (≥ 10 signals at the share).
            if self._common and self.seen * self._share >= 10:
                value = max(0.0, value - self._common)
            self._idf[term] = value
        return value


class IssueIndex:
    """(commune, term) → issues, for the issues' strongest terms. Stale entries are harmless (a candidate is
    scored, not trusted), so terms are added as an issue's centroid shifts and never removed."""

    def __init__(self) -> None:
        self._index: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._indexed: dict[int, set[str]] = defaultdict(set)

    def add(self, issue: IssueState, terms: list[str]) -> None:
        have = self._indexed[issue.key]
        for term in terms:
            if term not in have:
                have.add(term)
                self._index[(issue.commune, term)].add(issue.key)

    def rekey(self, old: int, new: int, commune: str) -> None:
        terms = self._indexed.pop(old, set())
        for term in terms:
            keys = self._index.get((commune, term))
            if keys is not None:
                keys.discard(old)
                keys.add(new)
        self._indexed[new] |= terms

    def drop(self, issue: IssueState) -> None:
        for term in self._indexed.pop(issue.key, set()):
            keys = self._index.get((issue.commune, term))
            if keys is not None:
                keys.discard(issue.key)
                if not keys:
                    del self._index[(issue.commune, term)]

    def candidates(self, commune: str, probe: list[str], limit: int, max_posting: int = 100) -> list[int]:
        """The issues of `commune` indexed by the most of the `probe` terms (the signal's rarest first). A term
        that indexes more than `max_posting` issues says nothing of the matter and is passed over."""
        hits: Counter[int] = Counter()
        index = self._index
        for term in probe:
            keys = index.get((commune, term))
            if keys and len(keys) <= max_posting:
                hits.update(keys)
        # Ties go to the older issue (the smaller key), not to the order a set happens to hold the keys in: that
        # order follows the ids' values, so the same signals would be grouped otherwise in another database.
        # (Sorted by key, then by count, most first: the second sort is stable, so equal counts keep the keys'
        # order.)
        items = hits.items()
        if len(hits) > limit:
            # Only the issues holding at least as many of the terms as the `limit`-th one can be among the first.
            floor = sorted(hits.values(), reverse=True)[limit - 1]
            if floor > 1:
                items = [(key, count) for key, count in items if count >= floor]  # type: ignore[assignment]
        ranked = sorted(items)
        ranked.sort(key=_COUNT, reverse=True)
        return [key for key, _count in ranked[:limit]]


def signal_vector(terms: Iterable[str], weigh) -> tuple[dict[str, float], float]:
    """The signal's (distinct) terms, in the order given, weighed by `weigh(term)` (rarity and `term_factor`), and
    the vector's length."""
    vector = {}
    for term in terms:
        value = weigh(term)
        if value > 0:
            vector[term] = value
    return vector, math.sqrt(sum(v * v for v in vector.values()))


def similarity(
    vector: dict[str, float],
    norm_signal: float,
    issue: IssueState,
    weigh,
    limit: int,
    min_shared: int = 1,
    telling: Callable[[str], bool] | None = None,
    singles_alone: int = 0,
) -> float:
    """Cosine of the signal's weighted terms and the issue's (each term: the share of the issue's signals holding
    it, times what it weighs), over the issue's `limit` strongest terms; 0 when they share fewer than `min_shared`
    terms that are `telling` (one word in common — "lạc" of "thất lạc" and of "rung lắc" once folded — is a
    coincidence, not a matter; nor is a village's name: "Khe Lau mất sóng" and "Khe Lau mất điện" share "mất"
    only); 0 too when none of those is a pair of syllables and they are fewer than `singles_alone` (two single
    words and no phrase in common: "tường" and, folded, "bay"/"bày")."""
    centroid, norm_issue = issue.centroid(weigh, limit)
    if not norm_issue or not norm_signal:
        return 0.0
    dot = 0.0
    shared = pairs = 0
    for term, value in vector.items():
        weight = centroid.get(term)
        if weight is not None:
            dot += weight * value
            if telling is None or telling(term):
                shared += 1
                if "_" in term:
                    pairs += 1
    if shared < min_shared or (singles_alone and not pairs and shared < singles_alone):
        return 0.0
    return dot / (norm_signal * norm_issue)


def named_places(tokens: list[str], villages: list[tuple[str, str]]) -> frozenset[str]:
    """The places of the villages a text names: `tokens` the text's folded syllables, `villages` each village's
    folded name without its kind ("tam da" for "Thôn Tam Đa") and its place. A name of one syllable ("Thôn 5")
    would match anything and is never looked for."""
    text = f" {' '.join(tokens)} "
    return frozenset(place for name, place in villages if " " in name and f" {name} " in text)

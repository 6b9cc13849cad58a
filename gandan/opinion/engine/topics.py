"""The topic of a signal: the province's keywords (phrases, matched on the terms of the text pipeline, so with or
without diacritics) and the terms officials' corrections taught.

A keyword phrase matches when every term it yields is among the signal's terms (a two-syllable phrase yields its
pair term, so its syllables must be adjacent). It scores its length in syllables: "đường dây điện" (utilities)
beats "đường" (roads). Learned terms add their weight, scaled so that a few corrections tip a close call but
never drown the keywords. No match: the fallback topic ("other").
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

#: How much one learned occurrence counts against one keyword syllable, and the most learned terms may add.
LEARNED_SCALE = 0.25
LEARNED_CAP = 3.0


class TopicModel:
    def __init__(
        self,
        keywords: Mapping[str, Iterable[str]],
        learned: dict[str, dict[str, float]],
        *,
        terms_of: Callable[[str], list[str]],
        fallback: str | None,
    ) -> None:
        # Each phrase, as the set of its terms, indexed by its last term (the rarest guess: a pair if it has one).
        self._phrases: dict[str, list[tuple[str, frozenset[str], int]]] = defaultdict(list)
        for code, phrases in keywords.items():
            for phrase in phrases:
                found = terms_of(phrase)
                if not found:
                    continue
                syllables = sum(1 for t in found if "_" not in t)
                self._phrases[found[-1]].append((code, frozenset(found), max(1, syllables)))
        self._learned: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for code, weights in learned.items():
            for term, weight in weights.items():
                self._learned[term].append((code, weight))
        self.fallback = fallback

    def learn(self, code: str, terms: Iterable[str], weight: float = 1.0) -> None:
        for term in set(terms):
            entries = self._learned[term]
            for i, (have, w) in enumerate(entries):
                if have == code:
                    entries[i] = (code, w + weight)
                    break
            else:
                entries.append((code, weight))

    def scores(self, terms: set[str]) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        ordered = sorted(terms)  # sums of floats in one order in every process (a set's order is not)
        for term in ordered:
            for code, needed, weight in self._phrases.get(term, ()):
                if needed <= terms:
                    scores[code] += weight
        learned: dict[str, float] = defaultdict(float)
        for term in ordered:
            for code, taught in self._learned.get(term, ()):
                learned[code] += taught * LEARNED_SCALE
        for code, value in learned.items():
            scores[code] += min(LEARNED_CAP, value)
        return scores

    def classify(self, terms: set[str]) -> str | None:
        scores = self.scores(terms)
        if not scores:
            return self.fallback
        return max(sorted(scores), key=lambda code: scores[code])

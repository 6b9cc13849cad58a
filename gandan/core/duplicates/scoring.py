"""Duplicate detection: comparing two fingerprints (identity evidence, content and vocabulary similarity,
reasons for the intake officer), the :func:`is_duplicate` decision and the ranking of :func:`find_duplicates`
(step 3 of the check).  The rules and thresholds are described in the docstring of the package,
:mod:`gandan.core.duplicates`, which is what "the module docstring" means in the docstrings below.
"""

from collections.abc import Hashable, Iterable
from typing import TypeVar

from gandan.core.duplicates.model import (
    ANYONE_THRESHOLD,
    CONTAINMENT_WEIGHT,
    MIN_CONTAINMENT_SHINGLES,
    SAME_PERSON_THRESHOLD,
    WEAK_PERSON_THRESHOLD,
    Fingerprint,
    Match,
)

Id = TypeVar("Id", bound=Hashable)


# --------------------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------------------


def _names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """True for the same person's name, False for different names, None when either is unknown.

    Same surname and given name, and the middle names either equal or one missing or abbreviated
    ("Nguyễn Thị Lan", "Nguyễn T Lan", "Nguyễn Lan").
    """
    if len(a) < 2 or len(b) < 2:
        return None
    if a == b:
        return True
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a or not middle_b:
        return True
    if len(middle_a) != len(middle_b):
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(middle_a, middle_b, strict=True))


def _address_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """ "same" when the most specific places agree, "partial" when one's is among the other's, else ""."""
    if not a or not b:
        return ""
    if a[0] == b[0]:
        return "same"
    if a[0] in b or b[0] in a:
        return "partial"
    return ""


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _content_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """max(Jaccard, weighted containment) of two shingle sets; see the module docstring."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    jaccard = common / (len(a) + len(b) - common)
    smaller = min(len(a), len(b))
    containment = common / smaller if smaller >= MIN_CONTAINMENT_SHINGLES else 0.0
    return max(jaccard, containment * CONTAINMENT_WEIGHT)


def _person_evidence(a: Fingerprint, b: Fingerprint) -> tuple[float, list[str]]:
    """(1.0 same person / 0.5 likely / 0.0, reasons) from the identity fields of two petitions.

    Different citizen IDs rule out the same person whatever else matches (two people of a household share a
    phone; namesakes live in one village).  A shared phone counts only when the names do not contradict it.
    """
    reasons: list[str] = []
    evidence = 0.0
    ids_conflict = bool(a.citizen_id and b.citizen_id and a.citizen_id != b.citizen_id)
    names = _names_compatible(a.name, b.name)
    if a.citizen_id and a.citizen_id == b.citizen_id:
        reasons.append("Cùng số căn cước")
        evidence = 1.0
    if a.phone and a.phone == b.phone and not a.organisation and not b.organisation:
        reasons.append("Cùng số điện thoại")
        if names is not False and not ids_conflict:
            evidence = 1.0
    if names:
        relation = _address_relation(a.places, b.places)
        if relation == "same":
            reasons.append("Cùng họ tên và địa chỉ")
            if not ids_conflict:
                evidence = 1.0
        elif relation == "partial":
            reasons.append("Cùng họ tên, địa chỉ gần trùng")
            if not ids_conflict:
                evidence = max(evidence, 0.5)
    if ids_conflict:
        reasons.append("Khác số căn cước")
    return evidence, reasons


def score(a: Fingerprint, b: Fingerprint) -> Match:
    """Compare two petitions: identity evidence, content and vocabulary similarity, reasons in Vietnamese.

    Symmetric: ``score(a, b) == score(b, a)``.
    """
    evidence, reasons = _person_evidence(a, b)
    content = _content_similarity(a.shingles, b.shingles)
    vocabulary = _jaccard(a.words, b.words)
    if content >= ANYONE_THRESHOLD:
        reasons.append(f"Nội dung gần trùng ({content:.0%})")
    elif vocabulary >= SAME_PERSON_THRESHOLD:
        reasons.append(f"Nội dung liên quan ({vocabulary:.0%} từ ngữ chung)")
    else:
        reasons.append(f"Nội dung khác nhau ({vocabulary:.0%} từ ngữ chung)")
    # Identity evidence lifts the score in proportion to how related the vocabularies are, so that the same
    # person's other matter stays low and a re-worded letter of the same person ranks with the copies.
    related = min(1.0, vocabulary / SAME_PERSON_THRESHOLD)
    result = content + (1.0 - content) * 0.6 * evidence * related
    return Match(
        score=round(min(1.0, max(0.0, result)), 4),
        same_person=evidence >= 1.0,
        content_similarity=round(content, 4),
        reasons=tuple(reasons),
        vocabulary_similarity=round(vocabulary, 4),
        person_evidence=evidence,
    )


def is_duplicate(m: Match) -> bool:
    """Tell whether a match is the same matter raised again (rules and thresholds in the module docstring)."""
    if m.content_similarity >= ANYONE_THRESHOLD:
        return True
    if m.same_person:
        return m.vocabulary_similarity >= SAME_PERSON_THRESHOLD
    return m.person_evidence > 0 and m.vocabulary_similarity >= WEAK_PERSON_THRESHOLD


def find_duplicates(
    new: Fingerprint,
    candidates: Iterable[tuple[Id, Fingerprint]],
    limit: int = 10,
    *,
    include_weak: bool = False,
) -> list[tuple[Id, Match]]:
    """Score ``candidates`` against ``new`` and return the duplicates, best first, at most ``limit``.

    With ``include_weak`` the list also holds related petitions that are not duplicates (the same person on
    another matter; a related vocabulary from someone else, e.g. a neighbour about the same pig farm), after
    the duplicates, for the officer to judge.
    """
    found: list[tuple[bool, Id, Match]] = []
    for key, candidate in candidates:
        match = score(new, candidate)
        duplicate = is_duplicate(match)
        if duplicate or (
            include_weak
            and (match.person_evidence > 0 or match.vocabulary_similarity >= SAME_PERSON_THRESHOLD)
        ):
            found.append((duplicate, key, match))
    found.sort(key=lambda item: (not item[0], -item[2].score))
    return [(key, match) for _, key, match in found[:limit]]

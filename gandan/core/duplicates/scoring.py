"""Duplicate detection: comparing two fingerprints (identity evidence, content and vocabulary similarity,
reasons for the intake officer), the :func:`is_duplicate` decision and the ranking of :func:`find_duplicates`
(step 3 of the check).  The rules and thresholds are described in the docstring of the package,
:mod:`gandan.core.duplicates`, which is what "the module docstring" means in the docstrings below.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from gandan.core.duplicates.comparison import compare_matter
from gandan.core.duplicates.model import (
    ANYONE_THRESHOLD,
    CONTAINMENT_WEIGHT,
    MIN_CONTAINMENT_SHINGLES,
    SAME_MATTER,
    SAME_PERSON_THRESHOLD,
    SAME_PETITION,
    Fingerprint,
    Match,
)
from gandan.core.duplicates.reasons import Reason
from gandan.core.duplicates.relation import (
    cited_evidence,
    dated_evidence,
    household_evidence,
    mention_evidence,
    relation,
    trouble_evidence,
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
        reasons.append(Reason("Cùng số căn cước", "Same citizen ID number"))
        evidence = 1.0
    if a.phone and a.phone == b.phone and not a.organisation and not b.organisation:
        reasons.append(Reason("Cùng số điện thoại", "Same phone number"))
        if names is not False and not ids_conflict:
            evidence = 1.0
    if names:
        relation = _address_relation(a.places, b.places)
        if relation == "same":
            reasons.append(Reason("Cùng họ tên và địa chỉ", "Same full name and address"))
            if not ids_conflict:
                evidence = 1.0
        elif relation == "partial":
            reasons.append(
                Reason("Cùng họ tên, địa chỉ gần trùng", "Same full name, nearly the same address")
            )
            if not ids_conflict:
                evidence = max(evidence, 0.5)
    if ids_conflict:
        reasons.append(Reason("Khác số căn cước", "Different citizen ID numbers"))
    return evidence, reasons


def content_only(fp: Fingerprint) -> Fingerprint:
    """The fingerprint without anything that identifies the sender: a protected denunciation is stored and compared
    in this form, so that no answer and no reason can say who denounced (names of relatives go too)."""
    return Fingerprint(
        shingles=fp.shingles,
        words=fp.words,
        signature=fp.signature,
        protected=fp.protected,
        reminder=fp.reminder,
        kin_sent=fp.kin_sent,
        cover=fp.cover,
        settled_again=fp.settled_again,
        closed_on=fp.closed_on,
        received=fp.received,
        letter_dates=fp.letter_dates,
        items=fp.items,
        other_matter=fp.other_matter,
        # People named in the content may be the sender's own: their names go, the villages stay.
        matter=replace(
            fp.matter, people=(), labels=tuple(kl for kl in fp.matter.labels if kl[0] in fp.matter.villages)
        ),
    )


def _letter_reasons(a: Fingerprint, b: Fingerprint) -> list[str]:
    reasons: list[str] = []
    if a.reminder or b.reminder:
        reasons.append(Reason("Thư nhắc lại đơn đã gửi", "A reminder of a petition already sent"))
    if a.cover or b.cover or a.organisation or b.organisation:
        reasons.append(
            Reason(
                "Có văn bản chuyển đơn hoặc tổng hợp ý kiến của cơ quan, tổ chức",
                "A body's forwarding letter or summary of people's opinions",
            )
        )
    if a.settled_again or b.settled_again:
        reasons.append(
            Reason(
                "Đơn nêu việc cũ đã giải quyết nay tái diễn",
                "The letter says a matter settled before is happening again",
            )
        )
    return reasons


def score(a: Fingerprint, b: Fingerprint) -> Match:
    """Compare two petitions: identity and household evidence, what they are about, content and vocabulary
    similarity; the answer (:attr:`Match.relation`) and its reasons in Vietnamese.

    A protected denunciation on either side makes both compared on their content only (:func:`content_only`):
    no identity evidence, and no reason that mentions a phone, a name or a household.
    Symmetric: ``score(a, b) == score(b, a)``.
    """
    protected = a.protected or b.protected
    if protected:
        a, b = content_only(a), content_only(b)
    evidence, reasons = _person_evidence(a, b)
    names = _names_compatible(a.name, b.name)
    ids_conflict = bool(a.citizen_id and b.citizen_id and a.citizen_id != b.citizen_id)
    household_reasons = household_evidence(a, b, names_differ=names is False or ids_conflict)
    cited = cited_evidence(a, b)
    if cited and not ids_conflict:
        evidence = 1.0
    household = bool(household_reasons) or evidence >= 1.0
    content = _content_similarity(a.shingles, b.shingles)
    # A summary of several matters is as related as its most related item.
    item = max(
        (_jaccard(part, other.words) for fp, other in ((a, b), (b, a)) for part in fp.items), default=0.0
    )
    vocabulary = max(_jaccard(a.words, b.words), item)
    matter = compare_matter(a.matter, b.matter, several_matters=bool(a.items or b.items))
    mentioned = [] if evidence >= 1.0 or household_reasons else mention_evidence(a, b)
    dated = dated_evidence(a, b)
    trouble = trouble_evidence(a, b)
    found = relation(
        a,
        b,
        person=evidence,
        household=bool(household_reasons),
        content=content,
        vocabulary=vocabulary,
        matter=matter,
        mentioned=bool(mentioned),
        dated=bool(dated),
        item=item,
        same_trouble=bool(trouble),
        cited=bool(cited),
    )
    reasons += household_reasons + cited + mentioned + dated + _letter_reasons(a, b)
    reasons += list(matter.strong) + list(matter.against)
    if found == SAME_MATTER and not matter.strong:
        # The trouble's reason names its village ("… ở thôn Hải Tiến"): "Cùng nêu thôn Hải Tiến" would say it twice.
        named = {f"Cùng nêu {reason.rsplit(' ở ', 1)[1]}" for reason in trouble}
        reasons += trouble + [weak for weak in matter.weak if weak not in named]
    if protected:
        reasons.append(
            Reason(
                "So sánh theo nội dung (đơn tố cáo giữ bí mật người tố cáo)",
                "Compared on the content only (a denunciation whose denunciator is kept secret)",
            )
        )
    if content >= ANYONE_THRESHOLD:
        reasons.append(Reason(f"Nội dung gần trùng ({content:.0%})", f"Nearly the same text ({content:.0%})"))
    elif vocabulary >= SAME_PERSON_THRESHOLD:
        reasons.append(
            Reason(
                f"Nội dung liên quan ({vocabulary:.0%} từ ngữ chung)",
                f"Related content ({vocabulary:.0%} of the words in common)",
            )
        )
    elif found:
        # An answer given on other evidence (a date, a plot, a household): the words say little, not "different".
        reasons.append(
            Reason(f"Ít từ ngữ chung ({vocabulary:.0%})", f"Few words in common ({vocabulary:.0%})")
        )
    else:
        reasons.append(
            Reason(
                f"Nội dung khác nhau ({vocabulary:.0%} từ ngữ chung)",
                f"Different content ({vocabulary:.0%} of the words in common)",
            )
        )
    # Identity evidence lifts the score in proportion to how related the matters are, so that the same person's
    # other matter stays low and a re-worded letter of the same person ranks with the copies.
    # A letter dating the other ranks with the copies too, however few words they share.
    related = 1.0 if matter.strong or dated else min(1.0, vocabulary / SAME_PERSON_THRESHOLD)
    lift = max(evidence, 1.0 if household_reasons else 0.0) * (0.0 if matter.against else related)
    result = content + (1.0 - content) * 0.6 * lift
    return Match(
        score=round(min(1.0, max(0.0, result)), 4),
        same_person=evidence >= 1.0,
        content_similarity=round(content, 4),
        reasons=tuple(reasons),
        vocabulary_similarity=round(vocabulary, 4),
        person_evidence=evidence,
        relation=found,
        household=household,
    )


def is_duplicate(m: Match) -> bool:
    """Tell whether a match is the same petition again (:data:`SAME_PETITION`): the clerk merges it."""
    return m.relation == SAME_PETITION


def is_related(m: Match) -> bool:
    """Tell whether a match is the same petition again or the same matter from other people (a link)."""
    return m.relation in (SAME_PETITION, SAME_MATTER)


def find_duplicates(
    new: Fingerprint,
    candidates: Iterable[tuple[Id, Fingerprint]],
    limit: int = 10,
    *,
    include_weak: bool = False,
) -> list[tuple[Id, Match]]:
    """Score ``candidates`` against ``new`` and return the same petitions again, best first, at most ``limit``.

    With ``include_weak`` the list also holds, after them, the related petitions that are not duplicates: the same
    matter from other people, the same person on another matter, a related vocabulary from someone else.
    """
    found: list[tuple[int, Id, Match]] = []
    for key, match in score_candidates(new, candidates):
        if is_duplicate(match):
            found.append((0, key, match))
        elif include_weak and (
            is_related(match)
            or match.person_evidence > 0
            or match.vocabulary_similarity >= SAME_PERSON_THRESHOLD
        ):
            found.append((1 if is_related(match) else 2, key, match))
    found.sort(key=lambda item: (item[0], -item[2].score))
    return [(key, match) for _, key, match in found[:limit]]


def find_related(
    new: Fingerprint, candidates: Iterable[tuple[Id, Fingerprint]], limit: int = 10
) -> list[tuple[Id, Match]]:
    """Score ``candidates`` against ``new`` and return both answers: the same petitions again first, then the same
    matter from other people; each best first, at most ``limit`` in all."""
    found = [(key, match) for key, match in score_candidates(new, candidates) if is_related(match)]
    found.sort(key=lambda item: (item[1].relation != SAME_PETITION, -item[1].score))
    return found[:limit]


def score_candidates(
    new: Fingerprint, candidates: Iterable[tuple[Id, Fingerprint]]
) -> list[tuple[Id, Match]]:
    """Score each candidate against ``new``, then read the answers together (:func:`part_occurrences`)."""
    return part_occurrences([(key, fp, score(new, fp)) for key, fp in candidates])


def part_occurrences(found: Sequence[tuple[Id, Fingerprint, Match]]) -> list[tuple[Id, Match]]:
    """The answers for one new letter, knowing each other: when one of the sender's stored letters says the matter
    was closed and is happening again, the sender's letters from before it are the closed occurrence. A reminder
    of the new occurrence is not merged with them, though each alone would look like the same petition (the same
    person, the same street lights). ``found``: (id, stored fingerprint, its match with the new letter)."""
    reopened = max(
        (
            fp.received
            for _key, fp, m in found
            # The sender's own letter (not a body's copy, nor a protected letter, which names no one).
            if m.relation == SAME_PETITION
            and m.household
            and not fp.protected
            and fp.settled_again
            and fp.received
        ),
        default="",
    )
    parted: list[tuple[Id, Match]] = []
    for key, fp, match in found:
        if (
            reopened
            and match.relation == SAME_PETITION
            and match.household
            and not fp.settled_again
            and fp.received
            and fp.received < reopened
        ):
            day = "/".join(reversed(reopened.split("-")))
            reason = Reason(
                f"Đơn sau (ngày {day}) của người gửi nêu việc này đã giải quyết nay tái diễn: đây là lần trước",
                f"The sender's later letter (of {day}) says this matter was settled and is happening again: this"
                " is the earlier occurrence",
            )
            match = replace(match, relation="", reasons=(*match.reasons, reason))
        parted.append((key, match))
    return parted

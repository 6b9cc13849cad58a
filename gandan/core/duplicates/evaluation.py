"""Duplicate detection measured on a labelled set of petitions (issue #13), the way intake checks them.

A set is a list of petitions (dicts, the format of ``gandan/petitions/evaluation/heldout.json``): ``stored`` ones, as
in the system, and ``new`` ones arriving at intake, each new one labelled with the stored ids that are the same
petition again (``same_petition``: the clerk merges) and those on the same concrete matter from other people
(``same_matter``: the clerk links them).

:func:`evaluate` fingerprints the stored petitions and indexes them under their blocking keys, as intake stores
them (a protected denunciation in its content-only form); each new petition's keys find the candidates, the
:data:`MAX_CANDIDATES` sharing most keys (then the latest) are scored and read together (:func:`score_candidates`), as
``gandan.petitions.dupcheck.find`` does, and the answers are compared with the labels:

* ``same_petition_recall``: share of the labelled merge pairs answered "same petition";
* ``same_petition_precision``: share of the "same petition" answers that are labelled merge pairs. A "same petition"
  answer on a pair labelled only ``same_matter`` is a false merge and counts against it;
* ``same_matter_found``: share of the labelled link pairs answered "same matter" *or* "same petition": either way
  the two are in front of the handler together (a merge answer there still counts as a false merge above);
* ``related_precision``: share of all answers, of either kind, that are labelled pairs of either kind.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gandan.core.duplicates.blocking import blocking_keys, fingerprint
from gandan.core.duplicates.model import MAX_CANDIDATES, SAME_MATTER, SAME_PETITION, Fingerprint, PetitionText
from gandan.core.duplicates.scoring import content_only, score_candidates

Pair = tuple[str, str]


def petition_text(p: Mapping[str, Any]) -> PetitionText:
    """A petition of a set as intake records it: the citizen when one is named, else the forwarding body; the
    subject and the content as one text (what ``dupcheck.text_of`` makes of a petition)."""
    return PetitionText(
        citizen_id=p.get("citizen_id", "") or "",
        phone=p.get("phone", "") or "",
        name=p.get("name") or p.get("sender_body", "") or "",
        address=p.get("address", "") or "",
        content=f"{p.get('subject', '')}\n{p.get('content', '')}",
        protected=bool(p.get("protected")),
        received=p.get("received", "") or "",
    )


@dataclass
class Result:
    """The figures of the module docstring, the counts behind them and the pairs (new id, stored id) that differ."""

    same_petition_recall: float
    same_petition_precision: float
    same_matter_found: float
    related_precision: float
    counts: dict[str, int] = field(default_factory=dict)
    missed_merges: list[Pair] = field(default_factory=list)
    false_merges: list[Pair] = field(default_factory=list)
    missed_links: list[Pair] = field(default_factory=list)
    false_links: list[Pair] = field(default_factory=list)

    def summary(self) -> str:
        c = self.counts
        return (
            f"same petition: recall {self.same_petition_recall:.3f} precision {self.same_petition_precision:.3f} "
            f"({c['merge_answers']} merge answers, {c['merge_pairs']} labelled); same matter found "
            f"{self.same_matter_found:.3f} ({c['link_pairs']} labelled); related precision "
            f"{self.related_precision:.3f} ({c['merge_answers'] + c['link_answers']} answers)"
        )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _candidates(
    keys: Iterable[str], index: Mapping[str, list[str]], order: Mapping[str, tuple[str, str]], limit: int
) -> list[str]:
    shared: dict[str, int] = defaultdict(int)
    for key in keys:
        for sid in index.get(key, ()):
            shared[sid] += 1
    # The adapter's order: most shared keys first, then the latest received.
    latest_first = sorted(shared, key=order.__getitem__, reverse=True)
    return sorted(latest_first, key=lambda sid: -shared[sid])[:limit]


def evaluate(
    petitions: Iterable[Mapping[str, Any]],
    *,
    max_candidates: int = MAX_CANDIDATES,
) -> Result:
    """Check every new petition against the stored ones; the figures of the module docstring."""
    petitions = list(petitions)
    stored = [p for p in petitions if p["role"] == "stored"]
    new = [p for p in petitions if p["role"] == "new"]
    order = {p["id"]: (p.get("received", ""), p["id"]) for p in stored}
    index: dict[str, list[str]] = defaultdict(list)
    fingerprints: dict[str, Fingerprint] = {}
    for p in stored:
        fp = fingerprint(petition_text(p))
        fingerprints[p["id"]] = content_only(fp) if p.get("protected") else fp
        for key in blocking_keys(fp, stored=True):
            index[key].append(p["id"])

    answers: dict[Pair, str] = {}
    merge_labels: set[Pair] = set()
    link_labels: set[Pair] = set()
    for p in new:
        merge_labels |= {(p["id"], sid) for sid in p.get(SAME_PETITION, ())}
        link_labels |= {(p["id"], sid) for sid in p.get(SAME_MATTER, ())}
        fp = fingerprint(petition_text(p))
        candidates = _candidates(blocking_keys(fp), index, order, max_candidates)
        for sid, match in score_candidates(fp, [(sid, fingerprints[sid]) for sid in candidates]):
            if match.relation:
                answers[(p["id"], sid)] = match.relation

    merges = {pair for pair, answer in answers.items() if answer == SAME_PETITION}
    related = set(answers)
    labelled = merge_labels | link_labels
    return Result(
        same_petition_recall=_ratio(len(merges & merge_labels), len(merge_labels)),
        same_petition_precision=_ratio(len(merges & merge_labels), len(merges)),
        same_matter_found=_ratio(len(related & link_labels), len(link_labels)),
        related_precision=_ratio(len(related & labelled), len(related)),
        counts={
            "stored": len(stored),
            "new": len(new),
            "merge_pairs": len(merge_labels),
            "link_pairs": len(link_labels),
            "merge_answers": len(merges),
            "link_answers": len(related - merges),
        },
        missed_merges=sorted(merge_labels - merges),
        false_merges=sorted(merges - merge_labels),
        missed_links=sorted(link_labels - related),
        false_links=sorted((related - merges) - labelled),
    )

"""The intake duplicate check measured on the held-out set of issue #13 (README.md beside this file).

Pure except for reading the JSON: every stored petition is fingerprinted and indexed under its blocking keys, as
intake stores it; each new petition is checked against the stored ones the way `gandan.petitions.dupcheck.find`
does it (its keys find the candidates, the candidates sharing most keys are scored and classified), and its answers
are compared with the clerk's labels.

Figures:

* ``same_petition_recall``: share of the labelled merge pairs (``same_petition``) answered "same petition";
* ``same_petition_precision``: share of the "same petition" answers that are labelled merge pairs. A "same petition"
  answer on a pair labelled only ``same_matter`` is a false merge and counts against it;
* ``same_matter_found``: share of the labelled link pairs (``same_matter``) answered either "same matter" or "same
  petition" (the case is in front of the handler either way; a merge answer there is still counted as a false merge
  above);
* ``related_precision``: share of all answers (either kind) that are labelled pairs of either kind.

Never tune on this set (README.md, rule 1): run it to report a figure, not to choose one.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gandan.core import duplicates as dup

HELDOUT = Path(__file__).with_name("heldout.json")
SAME_PETITION = "same_petition"
SAME_MATTER = "same_matter"

#: (new fingerprint, stored fingerprint) -> "same_petition", "same_matter" or "".
Classifier = Callable[[dup.Fingerprint, dup.Fingerprint], str]


def petition_text(p: dict[str, Any]) -> dup.PetitionText:
    """A petition of the set as intake records it: the citizen when one is named, else the forwarding body; the
    subject and the content as one text (what `dupcheck.text_of` makes of a petition)."""
    return dup.PetitionText(
        citizen_id=p.get("citizen_id", ""),
        phone=p.get("phone", ""),
        name=p.get("name") or p.get("sender_body", ""),
        address=p.get("address", ""),
        content=f"{p.get('subject', '')}\n{p.get('content', '')}",
    )


def _legacy(new: dup.Fingerprint, stored: dup.Fingerprint) -> str:
    """The check before issue #13: a duplicate is a merge; there was no "same matter" answer."""
    identified = bool(stored.name or stored.citizen_id or stored.phone)
    match = dup.score(new if identified else dup.Fingerprint(shingles=new.shingles, words=new.words), stored)
    return SAME_PETITION if dup.is_duplicate(match) else ""


@dataclass
class Result:
    same_petition_recall: float
    same_petition_precision: float
    same_matter_found: float
    related_precision: float
    counts: dict[str, int] = field(default_factory=dict)
    missed_merges: list[tuple[str, str]] = field(default_factory=list)
    false_merges: list[tuple[str, str]] = field(default_factory=list)
    missed_links: list[tuple[str, str]] = field(default_factory=list)
    false_links: list[tuple[str, str]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "duplicates_recall": self.same_petition_recall,
            "duplicates_precision": self.same_petition_precision,
            "same_matter_found": self.same_matter_found,
            "related_precision": self.related_precision,
        }


def _stored_form(p: dict[str, Any], fp: dup.Fingerprint) -> dup.Fingerprint:
    """What the adapter stores: a protected denunciation without its identity."""
    return dup.Fingerprint(shingles=fp.shingles, words=fp.words) if p.get("protected") else fp


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate(path: Path = HELDOUT, classify: Classifier = _legacy, max_candidates: int = 30) -> Result:
    """Check every new petition of the set at `path` against its stored ones; the figures of the module docstring."""
    data = json.loads(path.read_text(encoding="utf-8"))
    petitions = data["petitions"] if isinstance(data, dict) else data
    stored = [p for p in petitions if p["role"] == "stored"]
    new = [p for p in petitions if p["role"] == "new"]
    order = {p["id"]: (p["received"], p["id"]) for p in stored}
    index: dict[str, list[str]] = defaultdict(list)
    fingerprints: dict[str, dup.Fingerprint] = {}
    for p in stored:
        fp = dup.fingerprint(petition_text(p))
        fingerprints[p["id"]] = _stored_form(p, fp)
        for key in dup.blocking_keys(fp):
            index[key].append(p["id"])

    answers: dict[tuple[str, str], str] = {}
    merge_labels: set[tuple[str, str]] = set()
    link_labels: set[tuple[str, str]] = set()
    for p in new:
        merge_labels |= {(p["id"], s) for s in p.get(SAME_PETITION, [])}
        link_labels |= {(p["id"], s) for s in p.get(SAME_MATTER, [])}
        fp = dup.fingerprint(petition_text(p))
        shared: dict[str, int] = defaultdict(int)
        for key in dup.blocking_keys(fp):
            for sid in index.get(key, ()):
                shared[sid] += 1
        # The adapter's order: most shared keys first, then the latest received.
        ranked = sorted(sorted(shared, key=order.__getitem__, reverse=True), key=lambda sid: -shared[sid])
        for sid in ranked[:max_candidates]:
            answer = classify(fp, fingerprints[sid])
            if answer:
                answers[(p["id"], sid)] = answer

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


def summary(result: Result) -> str:
    c = result.counts
    return (
        f"same petition: recall {result.same_petition_recall:.3f} precision {result.same_petition_precision:.3f} "
        f"({c['merge_answers']} merge answers, {c['merge_pairs']} labelled); same matter found "
        f"{result.same_matter_found:.3f} ({c['link_pairs']} labelled); related precision "
        f"{result.related_precision:.3f}"
    )

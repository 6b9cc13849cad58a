"""The intake duplicate check measured on the held-out set of issue #13 (README.md beside this file).

Pure except for reading the JSON: the set goes through :func:`gandan.core.duplicates.evaluation.evaluate`, which
fingerprints the stored petitions and indexes them under their blocking keys as intake stores them, then checks each
new petition the way `gandan.petitions.dupcheck.find` does (its keys find the candidates, the candidates sharing most
keys are scored and classified by `gandan.core.duplicates.score`) and compares the answers with the clerk's labels.

Figures (:meth:`figures`, the bench rows `petitions.duplicates_recall`, `petitions.duplicates_precision` and
`petitions.same_matter_found`):

* recall and precision of "same petition" (merge). A "same petition" answer on a pair labelled only `same_matter` is
  a false merge: it counts against the precision;
* the share of the labelled `same_matter` pairs found: a pair counts as found when it is answered "same matter" **or**
  "same petition" (either way the two are in front of the handler together; the merge answer still counts as a false
  merge above).

Never tune on this set (README.md, rule 1): run it to report a figure, not to choose one. Measured once before the
scoring of #13 changed (the check then knew only "duplicate", counted as "same petition"): recall 0.208, precision
0.455 (5 of 11 merge answers right, 24 labelled pairs), same matter found 0.000 of 31.

Every later measurement is logged in README.md beside this file.

Run: `python -m gandan.petitions.evaluation.heldout_eval`.
"""

import json
from pathlib import Path

from gandan.core.duplicates.evaluation import Result, evaluate

HELDOUT = Path(__file__).with_name("heldout.json")


def evaluate_file(path: Path = HELDOUT) -> Result:
    """The figures of the set at ``path`` (the held-out set by default)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return evaluate(data["petitions"] if isinstance(data, dict) else data)


def figures(path: Path = HELDOUT) -> dict[str, float | int | str]:
    """The bench's figures and the counts behind them."""
    result = evaluate_file(path)
    return {
        "duplicates_recall": result.same_petition_recall,
        "duplicates_precision": result.same_petition_precision,
        "same_matter_found": result.same_matter_found,
        "related_precision": result.related_precision,
        **result.counts,
        "summary": result.summary(),
    }


if __name__ == "__main__":
    print(evaluate_file().summary())

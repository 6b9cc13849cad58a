"""The duplicate check on its tuning sets: the written set (one group per matter raised again) and the hand-written
cases of issue #13 (the same petition again from a family member, a reminder, a forwarding body; the same matter from
other villagers; their look-alikes) and the second tuning set, written apart in the held-out set's format. The
held-out set is measured in gandan/petitions/tests/test_heldout_eval.py."""

import importlib.util
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from gandan.core.duplicates import PetitionText, blocking_keys, find_related, fingerprint
from gandan.core.duplicates.evaluation import evaluate

DATA = Path(__file__).resolve().parent / "data"
PETITIONS = DATA / "petitions_dupes.json"
MORE = DATA / "petitions_dupes_more.json"
TUNING2 = DATA / "petitions_dupes_tuning2.json"
TUNING3 = DATA / "petitions_dupes_tuning3.json"
TUNING4 = DATA / "petitions_dupes_tuning4.json"
TUNING5 = DATA / "petitions_dupes_tuning5.json"
TUNING6 = DATA / "petitions_dupes_tuning6.json"


# --------------------------------------------------------------------------------------------------------------
# The written petition set
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written_set() -> list[dict]:
    return json.loads(PETITIONS.read_text(encoding="utf-8"))


def test_the_written_set_is_large_and_labelled(written_set):
    groups = defaultdict(list)
    for petition in written_set:
        groups[petition["group"]].append(petition["id"])
    matters = len(groups[None]) + len(groups) - 1
    true_pairs = sum(len(members) * (len(members) - 1) // 2 for group, members in groups.items() if group)
    assert len(written_set) >= 220
    assert matters >= 80
    assert true_pairs >= 60
    assert [p["id"] for p in written_set] == list(range(1, len(written_set) + 1))
    assert {p["channel"] for p in written_set} >= {
        "desk",
        "post",
        "portal",
        "forwarded_mttq",
        "forwarded_press",
    }


def test_the_written_set_is_what_its_generator_produces(written_set):
    spec = importlib.util.spec_from_file_location("make_petitions_dupes", DATA / "make_petitions_dupes.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator  # dataclasses look the module up while the file executes
    try:
        spec.loader.exec_module(generator)
        assert generator.generate() == written_set
    finally:
        del sys.modules[spec.name]


def test_precision_recall_on_the_written_set(written_set, record_property, capsys):
    """Run intake as the application will: keys of earlier petitions in an index, candidates by key only.

    A group of this set is one matter raised again, by its sender or by someone else (a neighbour, a body): since
    issue #13 each such pair is either "the same petition again" or "the same matter"; pairs of different groups
    must be neither. "Same petition" answers must fall inside the groups too."""
    fingerprints = {
        p["id"]: fingerprint(PetitionText(p["citizen_id"], p["phone"], p["name"], p["address"], p["content"]))
        for p in written_set
    }
    group = {p["id"]: p["group"] for p in written_set}
    true_pairs = {(a, b) for a, b in combinations(sorted(group), 2) if group[a] and group[a] == group[b]}

    index: dict[str, list[int]] = defaultdict(list)
    related: set[tuple[int, int]] = set()
    merged: set[tuple[int, int]] = set()
    candidates_seen = 0
    for petition_id in sorted(fingerprints):
        keys = blocking_keys(fingerprints[petition_id], secret=b"test pepper")
        stored = blocking_keys(fingerprints[petition_id], secret=b"test pepper", stored=True)
        candidates = sorted({earlier for key in keys for earlier in index[key]})
        candidates_seen += len(candidates)
        found = find_related(fingerprints[petition_id], ((c, fingerprints[c]) for c in candidates), limit=50)
        related |= {(earlier, petition_id) for earlier, _ in found}
        merged |= {(earlier, petition_id) for earlier, m in found if m.relation == "same_petition"}
        for key in stored:  # as intake stores them (a summary looks up keys no letter is stored under)
            index[key].append(petition_id)

    correct = len(related & true_pairs)
    precision = correct / len(related) if related else 0.0
    recall = correct / len(true_pairs)
    merge_precision = len(merged & true_pairs) / len(merged) if merged else 0.0
    per_petition = candidates_seen / len(fingerprints)
    line = (
        f"duplicates: precision {precision:.3f} recall {recall:.3f} (pairs: true {len(true_pairs)}, "
        f"answered {len(related)}, correct {correct}; of them same petition {len(merged)}, "
        f"{merge_precision:.3f} inside a group; candidates/petition {per_petition:.2f})"
    )
    with capsys.disabled():  # shown in every run's output, not only with -s
        print("\n" + line)
    record_property("duplicates", line)
    record_property("precision", round(precision, 4))
    record_property("recall", round(recall, 4))
    record_property("candidates_per_petition", round(per_petition, 2))
    assert precision >= 0.95, line
    assert recall >= 0.95, line
    assert merge_precision >= 0.95, line
    assert len(merged) >= 0.85 * len(true_pairs), line  # most pairs are the same sender again


def test_the_cases_of_issue_13_in_the_tuning_set(capsys):
    """Hand-written tuning cases (petitions_dupes_more.json): a wife, a son or a father writing for the household, a
    two-line reminder, a protected denunciation re-sent, bodies forwarding a letter or summarising voters, other
    villagers on the same road, farm, quarry or school; and the look-alikes: the adjacent plot, the next decision of
    a printed letter, the same problem in another village, the same person's other matter, a kiln closed in 2024
    that is burning again."""
    result = evaluate(json.loads(MORE.read_text(encoding="utf-8"))["petitions"])
    with capsys.disabled():
        print("\ntuning cases: " + result.summary())
    assert result.same_petition_recall == 1.0, result.missed_merges
    assert result.same_petition_precision == 1.0, result.false_merges
    assert result.same_matter_found >= 0.9, result.missed_links
    assert result.related_precision >= 0.9, result.false_links


# --------------------------------------------------------------------------------------------------------------
# The later tuning sets (petitions_dupes_tuning2.json, …3.json, …4.json: hard negatives first)
# --------------------------------------------------------------------------------------------------------------

CASES = {
    "resend_shortened", "reminder_angrier", "reminder_brief", "family_member", "protected_resend", "forwarded_front",
    "forwarded_deputies", "forwarded_press", "other_people_same_matter", "neg_same_person_other_matter",
    "neg_neighbour_similar_claim", "neg_same_problem_other_village", "neg_settled_other_year", "neg_common_name",
    "neg_template_other_household", "unrelated",
}  # fmt: skip


@pytest.fixture(scope="module", params=["tuning2", "tuning3", "tuning4", "tuning5", "tuning6"])
def tuning(request) -> tuple[str, list[dict]]:
    path = {
        "tuning2": TUNING2,
        "tuning3": TUNING3,
        "tuning4": TUNING4,
        "tuning5": TUNING5,
        "tuning6": TUNING6,
    }[request.param]
    data = json.loads(path.read_text(encoding="utf-8"))
    return request.param, data["petitions"] if isinstance(data, dict) else data


def test_the_later_tuning_sets_have_the_held_out_set_s_shape(tuning):
    _name, petitions = tuning
    stored = {p["id"]: p for p in petitions if p["role"] == "stored"}
    new = [p for p in petitions if p["role"] == "new"]
    assert len(stored) >= 70 and len(new) >= 55
    assert len(stored) + len(new) == len(petitions) == len({p["id"] for p in petitions})
    assert {p["case"] for p in new} == CASES
    unlabelled = [p for p in new if not p["same_petition"] and not p["same_matter"]]
    # The fourth is mostly look-alikes: many of them are linked to other people's letters on their own matter.
    assert len(unlabelled) >= (0.35 if _name == "tuning4" else 0.4) * len(new)
    assert sum(bool(p["not_same"]) for p in new) >= 0.3 * len(new)
    for p in petitions:
        assert p["channel"] in {"desk", "post", "portal", "forwarded", "reception"}, p["id"]
        assert p["kind"] in {"complaint", "denunciation", "petition", "reflection"}, p["id"]
        assert (p["channel"] == "forwarded") == bool(p["sender_body"]), p["id"]
        assert not p["protected"] or p["kind"] == "denunciation", p["id"]
        citizen_id = p["citizen_id"]
        assert not citizen_id or (len(citizen_id) == 12 and citizen_id[:3] in ("025", "026")), p["id"]
        month = p["received"][:7]
        assert "2024-01" <= month <= "2026-10" if p["role"] == "stored" else month == "2026-11", p["id"]
    for p in new:
        merge, link, unlike = set(p["same_petition"]), set(p["same_matter"]), set(p["not_same"])
        assert merge | link | unlike <= stored.keys(), p["id"]
        assert not merge & link and not (merge | link) & unlike, p["id"]
        assert all(stored[sid]["received"] < p["received"] for sid in merge | link), p["id"]


#: Where the check stands on each (06/12/2026), a little below: (recall, precision, same matter, related precision).
#: Before the second round the second set gave 0.667, 1.000, 0.167, 0.900, the third 0.833, 0.870, 0.320, 0.737 and
#: the fourth (hard negatives: the same person's other matters, namesakes, neighbours) 0.909, 0.526, 0.533, 0.759.
#: The rounds were fitted to these sets and never to the held-out set (gandan/petitions/evaluation/README.md). The
#: third round (a matter closed and back read among the sender's letters, voters named as examples) took the fourth's
#: precision from 0.815 to 1.000. The fifth, written blind during that round, gave 0.793, 0.958, 0.395, 0.909 when it
#: was first run; the sixth, written blind after it in the held-out set's exact mix of cases, 0.926, 0.962, 0.677,
#: 0.920 (then 1.000, 1.000, 0.677, 0.941 after three rules it showed).
GUARDS = {
    "tuning2": (0.95, 0.95, 0.95, 0.95),
    "tuning3": (0.95, 0.95, 0.85, 0.95),
    "tuning4": (0.95, 0.95, 0.8, 0.88),
    "tuning5": (0.95, 0.95, 0.65, 0.85),
    "tuning6": (0.95, 0.95, 0.65, 0.9),
}


def test_precision_recall_on_the_later_tuning_sets(tuning, capsys):
    name, petitions = tuning
    result = evaluate(petitions)
    with capsys.disabled():
        print(f"\n{name}: " + result.summary())
    recall, precision, same_matter, related = GUARDS[name]
    assert result.same_petition_recall >= recall, result.missed_merges
    assert result.same_petition_precision >= precision, result.false_merges
    assert result.same_matter_found >= same_matter, result.missed_links
    assert result.related_precision >= related, result.false_links

"""The held-out set of issue #13 keeps its shape and its rules: a broken or hollowed-out file must fail here before
anyone measures the duplicate check against it (gandan/petitions/evaluation/README.md)."""

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "evaluation" / "heldout.json"

FIELDS = [
    "id",
    "role",
    "received",
    "channel",
    "kind",
    "protected",
    "sender_body",
    "name",
    "citizen_id",
    "phone",
    "address",
    "subject",
    "content",
]
LABELS = ["same_petition", "same_matter", "case", "not_same", "note"]
CHANNELS = {"desk", "post", "portal", "forwarded", "reception"}
KINDS = {"complaint", "denunciation", "petition", "reflection"}

# case tag -> the fewest new petitions that must test it
SAME_PERSON_AGAIN = {"resend_shortened": 3, "reminder_angrier": 3, "reminder_brief": 3}
MERGES = SAME_PERSON_AGAIN | {"family_member": 3, "protected_resend": 3}
FORWARDED = {"forwarded_front": 2, "forwarded_deputies": 2, "forwarded_press": 2}
LINKS = {"other_people_same_matter": 3}
HARD_NEGATIVES = {
    "neg_same_person_other_matter": 3,
    "neg_neighbour_similar_claim": 3,
    "neg_same_problem_other_village": 3,
    "neg_settled_other_year": 2,
    "neg_common_name": 2,
    "neg_template_other_household": 2,
}
CASES = MERGES | FORWARDED | LINKS | HARD_NEGATIVES | {"unrelated": 20}

# the four communes and the units they were formed from, without diacritics (DEMO-AREA.md)
COMMUNES = [
    "yen lang", "tam son", "song lo", "hai luu", "lang cong", "quang yen", "dong que", "tan lap", "tu yen",
    "dong thinh", "duc bac", "yen thach", "nhan dao", "don nhan", "phuong khoan",
]  # fmt: skip


@cache
def _petitions() -> tuple[dict, ...]:
    return tuple(json.loads(HELDOUT.read_text(encoding="utf-8"))["petitions"])


def _stored() -> dict[str, dict]:
    return {p["id"]: p for p in _petitions() if p["role"] == "stored"}


def _new() -> list[dict]:
    return [p for p in _petitions() if p["role"] == "new"]


def _of_case(case: str) -> list[dict]:
    return [p for p in _new() if p["case"] == case]


def _fold(text: str) -> str:
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _village(address: str) -> str:
    first = _fold(address.split(",")[0]).strip()
    return re.sub(r"^(thon|xom|to dan pho)\s+", "", first)


def test_ids_are_unique_and_say_the_role():
    ids = [p["id"] for p in _petitions()]
    assert len(ids) == len(set(ids))
    for p in _petitions():
        assert re.fullmatch(r"[SN]\d{3}", p["id"]), p["id"]
        assert p["role"] == {"S": "stored", "N": "new"}[p["id"][0]], p["id"]


def test_there_are_at_least_90_stored_and_65_new_petitions():
    assert len(_stored()) >= 90
    assert len(_new()) >= 65


def test_at_least_40_percent_of_new_petitions_have_no_related_stored_one():
    alone = [p for p in _new() if not p["same_petition"] and not p["same_matter"]]
    assert len(alone) >= 0.4 * len(_new())


def test_every_petition_has_the_fields_and_only_new_ones_carry_labels():
    for p in _petitions():
        expected = FIELDS + LABELS if p["role"] == "new" else FIELDS
        assert list(p) == expected, p["id"]


def test_field_values_are_of_the_agreed_forms():
    for p in _petitions():
        assert p["channel"] in CHANNELS, p["id"]
        assert p["kind"] in KINDS, p["id"]
        assert p["protected"] is False or p["kind"] == "denunciation", p["id"]
        assert re.fullmatch(r"(\d{12})?", p["citizen_id"]), p["id"]
        assert re.fullmatch(r"(0\d{9,10})?", p["phone"]), p["id"]
        # a body's cover letter arrives as forwarded, and only a body forwards
        assert bool(p["sender_body"]) == (p["channel"] == "forwarded"), p["id"]
        assert p["subject"].strip() and p["content"].strip(), p["id"]
        assert any(commune in _fold(p["address"]) for commune in COMMUNES), p["id"]
    contents = [p["content"] for p in _petitions()]
    assert len(contents) == len(set(contents))


def test_stored_petitions_span_three_years_and_new_ones_arrive_in_november_2026():
    stored_dates = [date.fromisoformat(p["received"]) for p in _stored().values()]
    assert {d.year for d in stored_dates} == {2024, 2025, 2026}
    assert max(stored_dates) < date(2026, 11, 1)
    for p in _new():
        assert date(2026, 11, 1) <= date.fromisoformat(p["received"]) <= date(2026, 11, 30), p["id"]


def test_every_label_names_a_stored_petition_and_labels_do_not_overlap():
    stored = _stored()
    for p in _new():
        same, matter, decoys = p["same_petition"], p["same_matter"], p["not_same"]
        for ids in (same, matter, decoys):
            assert len(ids) == len(set(ids)), p["id"]
            assert all(i in stored for i in ids), p["id"]
        assert not set(same) & set(matter), p["id"]
        assert not set(decoys) & (set(same) | set(matter)), p["id"]


def test_labelled_stored_petitions_arrived_before_the_new_one():
    stored = _stored()
    for p in _new():
        for i in p["same_petition"] + p["same_matter"] + p["not_same"]:
            assert stored[i]["received"] < p["received"], (p["id"], i)


def test_every_case_is_tested_several_times():
    counts = Counter(p["case"] for p in _new())
    assert set(counts) == set(CASES)
    for case, least in CASES.items():
        assert counts[case] >= least, case
    assert sum(counts[c] for c in SAME_PERSON_AGAIN) >= 9
    assert sum(counts[c] for c in FORWARDED) >= 6


@pytest.mark.parametrize("case", sorted(MERGES))
def test_a_merge_case_names_the_petition_it_repeats(case):
    for p in _of_case(case):
        assert p["same_petition"], p["id"]


@pytest.mark.parametrize("case", sorted(FORWARDED))
def test_a_forwarded_case_comes_from_a_body_and_is_labelled(case):
    for p in _of_case(case):
        assert p["channel"] == "forwarded" and p["sender_body"], p["id"]
        assert p["same_petition"] or p["same_matter"], p["id"]


def test_other_people_on_the_same_matter_are_linked_not_merged():
    stored = _stored()
    for p in _of_case("other_people_same_matter"):
        assert not p["same_petition"] and p["same_matter"], p["id"]
        assert all(stored[i]["name"] != p["name"] for i in p["same_matter"]), p["id"]


@pytest.mark.parametrize("case", sorted(HARD_NEGATIVES))
def test_a_hard_negative_merges_nothing_and_names_its_look_alikes(case):
    for p in _of_case(case):
        assert not p["same_petition"] and p["not_same"], p["id"]


def test_unrelated_petitions_have_no_label_at_all():
    for p in _of_case("unrelated"):
        assert not (p["same_petition"] or p["same_matter"] or p["not_same"]), p["id"]


def test_a_family_member_writes_under_another_name_from_the_same_household():
    stored = _stored()
    for p in _of_case("family_member"):
        for i in p["same_petition"]:
            s = stored[i]
            assert p["name"] != s["name"], p["id"]
            assert p["citizen_id"] != s["citizen_id"] or not p["citizen_id"], p["id"]
            same_phone = bool(p["phone"]) and p["phone"] == s["phone"]
            assert same_phone or _village(p["address"]) == _village(s["address"]), p["id"]


def test_a_protected_resend_repeats_a_protected_denunciation():
    stored = _stored()
    for p in _of_case("protected_resend"):
        assert p["protected"] and p["kind"] == "denunciation", p["id"]
        assert all(stored[i]["protected"] for i in p["same_petition"]), p["id"]


def test_the_same_person_on_another_matter_shares_an_id_or_a_phone():
    stored = _stored()
    for p in _of_case("neg_same_person_other_matter"):
        others = [stored[i] for i in p["not_same"]]
        same_id = any(p["citizen_id"] and p["citizen_id"] == s["citizen_id"] for s in others)
        assert same_id or any(p["phone"] == s["phone"] for s in others), p["id"]


def test_a_namesake_shares_the_name_but_not_the_identity():
    stored = _stored()
    for p in _of_case("neg_common_name"):
        namesakes = [stored[i] for i in p["not_same"] if stored[i]["name"] == p["name"]]
        assert namesakes, p["id"]
        for s in namesakes:
            assert s["citizen_id"] != p["citizen_id"] and s["phone"] != p["phone"], p["id"]


def test_a_neighbours_claim_comes_from_the_same_village():
    stored = _stored()
    for p in _of_case("neg_neighbour_similar_claim"):
        assert any(_village(stored[i]["address"]) == _village(p["address"]) for i in p["not_same"]), p["id"]


def test_the_same_problem_elsewhere_comes_from_another_village():
    stored = _stored()
    for p in _of_case("neg_same_problem_other_village"):
        assert any(_village(stored[i]["address"]) != _village(p["address"]) for i in p["not_same"]), p["id"]


def test_a_settled_matter_of_another_year_is_older_than_this_year():
    stored = _stored()
    for p in _of_case("neg_settled_other_year"):
        assert any(stored[i]["received"][:4] < p["received"][:4] for i in p["not_same"]), p["id"]


def test_a_template_letter_repeats_most_lines_of_another_households_letter():
    stored = _stored()
    for p in _of_case("neg_template_other_household"):
        lines = [line for line in p["content"].split("\n") if line.strip()]
        shares = [sum(line in stored[i]["content"].split("\n") for line in lines) for i in p["not_same"]]
        shared = max(shares) / len(lines)
        assert shared >= 0.6, p["id"]
        assert all(stored[i]["citizen_id"] != p["citizen_id"] for i in p["not_same"]), p["id"]

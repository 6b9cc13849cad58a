"""The evaluation corpus is what it claims to be: deterministic, large, weeks long, over every demo commune, in the
language citizens write, with its personal data to mask, and labelled so that bursts can be told from steady themes."""

import datetime as dt
import json
import re
from collections import Counter, defaultdict

import pytest

from gandan.opinion.evaluation import corpus
from gandan.opinion.evaluation.phrases import fold
from gandan.opinion.evaluation.run import DATA_DIR


@pytest.fixture(scope="module")
def generated():
    return corpus.generate()


@pytest.fixture(scope="module")
def signals(generated):
    return generated[0]


@pytest.fixture(scope="module")
def labels(generated):
    return generated[1]


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another(generated):
    assert corpus.generate() == generated
    assert corpus.generate(seed=7)[0] != generated[0]


def test_the_committed_copy_is_the_generators_output(signals, labels):
    committed = [
        json.loads(line) for line in (DATA_DIR / "signals.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    again = "the generator changed: python -m gandan.opinion.evaluation.corpus gandan/opinion/evaluation/data"
    assert committed == signals, again
    assert json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8")) == labels, again
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert size < 1_500_000


def test_at_least_1500_signals_over_several_weeks_in_time_order(signals):
    assert len(signals) >= 1500
    assert len({s["id"] for s in signals}) == len(signals)
    times = [dt.datetime.fromisoformat(s["at"]) for s in signals]
    assert times == sorted(times)
    assert all(t.utcoffset() == dt.timedelta(hours=7) for t in times)
    assert (max(times) - min(times)).days >= 49


def test_every_demo_commune_and_most_villages_are_heard(signals):
    communes = Counter()
    villages = set()
    for s in signals:
        place = fold(s["place"]).lower()
        for code, (name, names) in corpus.COMMUNES.items():
            if place == code or fold(name).lower() in place:
                communes[code] += 1
                villages |= {v for v in names if f"thon {fold(v).lower()}," in place}
    assert set(communes) == set(corpus.COMMUNES) and min(communes.values()) >= 300
    assert len(villages) >= 28  # of 31
    assert sum(1 for s in signals if s["place"] in corpus.COMMUNES) > 20  # some places are a commune's code


def test_written_as_citizens_write(signals):
    texts = [s["text"] for s in signals]
    without = sum(1 for t in texts if fold(t) == t)
    assert 0.15 <= without / len(texts) <= 0.4
    words = Counter(w for t in texts for w in re.findall(r"[\w]+", t.lower()))
    for abbreviation in ("ko", "k", "dc", "đc", "ubnd", "mttq", "hđnd", "ng", "nc", "sổ", "vs", "hok"):
        assert words[abbreviation] >= 3, abbreviation
    shouted = [t for t in texts if any(p.isupper() and len(p) > 15 for p in re.split(r"(?<=[.!?])\s+", t))]
    assert len(shouted) >= 20  # angry capitals
    assert (
        sum(1 for t in texts if t.startswith(("Kính gửi", "Kinh gui", "ĐƠN KIẾN NGHỊ", "DON KIEN NGHI")))
        >= 100
    )
    assert sum(1 for t in texts if len(t) < 60) >= 150 and sum(1 for t in texts if len(t) > 400) >= 50
    assert {s["source"] for s in signals} == set(corpus.SOURCES)


def test_personal_data_to_mask_is_present(signals):
    texts = " ".join(s["text"] for s in signals)
    assert len(re.findall(r"\b0\d{3}[ .]?\d{3}[ .]?\d{3}\b|\+84 \d{9}", texts)) >= 100
    assert len(re.findall(r"\b0\d{11}\b", texts)) >= 30  # 12-digit citizen ids
    assert len(re.findall(r"\b13\d{7}\b", texts)) >= 5  # 9-digit old ids
    assert len(re.findall(r"[\w.]+@[\w.]+", texts)) >= 20


def test_labels_cover_every_signal_and_every_profile(signals, labels):
    assert set(labels["signals"]) == {s["id"] for s in signals}
    profiles = Counter(g["profile"] for g in labels["groups"].values())
    assert profiles["burst"] >= 12 and profiles["slow_rise"] >= 6 and profiles["steady"] >= 8
    assert profiles["one_off"] >= 500
    assert sum(n for p, n in profiles.items() if p != "one_off") >= 40  # concrete matters planted
    for group in labels["groups"].values():
        assert group["should_alert"] == (group["profile"] in ("burst", "slow_rise"))
        assert (group["onset"] is not None) == group["should_alert"]
    assert sum(1 for s in signals if s.get("people", 1) >= 5) >= 10


def test_bursts_rise_at_their_onset_and_steady_themes_do_not(signals, labels):
    at = {s["id"]: dt.datetime.fromisoformat(s["at"]) for s in signals}
    members = defaultdict(list)
    for sid, group in labels["signals"].items():
        members[group].append(at[sid])
    for name, group in labels["groups"].items():
        times = sorted(members[name])
        if group["profile"] == "burst":
            onset = dt.datetime.fromisoformat(group["onset"])
            assert onset in times
            assert sum(1 for t in times if dt.timedelta(0) <= t - onset <= dt.timedelta(days=3)) >= 6, name
            assert sum(1 for t in times if t < onset - dt.timedelta(days=2)) <= 2, name
        if group["profile"] == "steady":
            weeks = Counter((t - corpus.START).days // 7 for t in times)
            assert len(weeks) == 8 and max(weeks.values()) <= 6, name


def test_different_matters_share_a_commune_and_a_topic(labels):
    planted = [g for g in labels["groups"].values() if g["profile"] != "one_off"]
    shared = Counter((g["commune"], g["topic"]) for g in planted)
    assert sum(1 for n in shared.values() if n >= 2) >= 5
    across = Counter(g["topic"] for g in planted)
    assert across["land"] >= 3 and across["environment"] >= 5


def test_the_load_generator_lays_corpora_end_to_end():
    start = corpus.START - dt.timedelta(days=100)
    records = list(corpus.synthetic(5000, start=start, days=30, prefix="z"))
    assert len(records) == 5000 and len({r["id"] for r in records}) == 5000
    times = [dt.datetime.fromisoformat(r["at"]) for r in records]
    assert times == sorted(times) and start <= times[0] and times[-1] <= start + dt.timedelta(days=30)

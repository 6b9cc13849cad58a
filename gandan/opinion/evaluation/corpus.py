"""The labelled evaluation corpus of the opinion engine: deterministic (seeded), written as citizens write.

    python -m gandan.opinion.evaluation.corpus OUT_DIR [--seed N] [--size N]

writes OUT_DIR/signals.jsonl (one signal a line: id, text, place, at, source, and people when a crowd signs) and
OUT_DIR/labels.json (each signal's group; each group's profile, onset and whether it should alert).

Eight weeks from 1/9/2026 over the four demo communes: the planted matters of `matters.py` (bursts, slow rises,
steady themes) among the one-off background of `noise.py`. A burst's onset is the time of the first signal of its
rise; a slow rise's onset is the first signal of the first week above its starting level. Bursts and slow rises
should alert; steady themes and one-offs should not. Pure Python: no Django.
"""

import argparse
import datetime as dt
import json
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gandan.opinion.evaluation import noise
from gandan.opinion.evaluation.matters import MATTERS, Matter
from gandan.opinion.evaluation.phrases import SOURCES, dress, expand, fold, person, wrap
from gandan.units.demo_area import NEW_COMMUNES

TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no summer time
START = dt.datetime(2026, 9, 1, 0, 0, tzinfo=TZ)
DAYS = 56
SEED = 2026
SIZE = 2000
PROVINCE = "tỉnh Phú Thọ"

# commune code -> (name as written, "xã Yên Lãng"; village names without "Thôn")
COMMUNES: dict[str, tuple[str, list[str]]] = {
    c["code"]: ("xã " + c["name"].split(" ", 1)[1], [v.split(" ", 1)[1] for v in c["villages"]])
    for c in NEW_COMMUNES
}
WHEN = ["hôm qua", "sáng nay", "tối qua", "mấy hôm nay", "từ hôm kia", "đêm qua", "chiều nay", "tuần này"]
OFFICIAL_SOURCES = {"hotline", "reception", "team_note", "field_report"}
STYLE_WEIGHTS: dict[str, dict[str, int]] = {
    "petition": {"clean": 12, "folded": 3, "angry": 2, "dialect": 2, "half": 1},
    "official": {"clean": 16, "half": 2, "folded": 2},
    "citizen": {"clean": 3, "folded": 3, "half": 2, "sms": 3, "angry": 2, "dialect": 1, "teen": 2},
}
SOURCE_WEIGHTS: dict[str, dict[str, int]] = {
    "burst": {"petition": 2, "hotline": 3, "comment": 4, "reception": 1, "team_note": 2, "field_report": 1},
    "slow_rise": {
        "petition": 2,
        "hotline": 1,
        "comment": 3,
        "reception": 2,
        "team_note": 2,
        "field_report": 1,
    },
    "steady": {"petition": 1, "hotline": 1, "comment": 4, "reception": 2, "team_note": 1, "rating": 1},
    "sporadic": {"petition": 2, "hotline": 1, "comment": 2, "reception": 2, "team_note": 1},
    "complaint": {
        "petition": 3,
        "hotline": 2,
        "comment": 3,
        "reception": 3,
        "team_note": 1,
        "field_report": 1,
    },
}
FILLERS = [
    "Đề nghị xã xem xét.",
    "Mong các cấp quan tâm giải quyết.",
    "Bà con rất bức xúc.",
    "Việc này kéo dài lâu rồi mà chưa được giải quyết dứt điểm.",
    "Gia đình tôi đã nhiều lần báo thôn nhưng chưa thấy chuyển biến.",
    "Xin cảm ơn.",
]

# What a long letter tells around its matter: its history, what was tried, what the writer fears.
STORY = [
    "Sự việc đã diễn ra từ nhiều tháng nay, gia đình tôi đã nhiều lần báo với trưởng thôn và cán bộ xã nhưng đến nay vẫn chưa được giải quyết dứt điểm.",
    "Trong buổi họp thôn gần đây bà con đã nêu ý kiến, cán bộ có ghi chép và hứa sẽ báo cáo lên trên nhưng chưa thấy phản hồi.",
    "Chúng tôi là những người dân sống lâu năm ở đây, luôn chấp hành chủ trương, chính sách của Đảng và pháp luật của Nhà nước.",
    "Nếu để kéo dài, tôi e rằng sẽ ảnh hưởng đến sức khỏe, đời sống và sản xuất của nhiều hộ gia đình, nhất là người già và trẻ nhỏ.",
    "Kèm theo đơn này là một số hình ảnh do bà con chụp lại để các cơ quan chức năng tiện kiểm tra, đối chiếu.",
    "Tôi đã gọi vào số điện thoại của thôn nhiều lần nhưng không ai nghe máy, lên xã thì được hẹn lần sau.",
    "Bà con mong muốn được gặp trực tiếp lãnh đạo xã để trình bày cụ thể và cùng tìm cách giải quyết hợp tình hợp lý.",
]


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _style(rng: random.Random, source: str) -> str:
    if source == "petition":
        return _pick(rng, STYLE_WEIGHTS["petition"])
    return _pick(rng, STYLE_WEIGHTS["official" if source in OFFICIAL_SOURCES else "citizen"])


def _place(rng: random.Random, commune: str, village: str | None, source: str) -> str:
    """The place as an importer would give it: names from the smallest unit up, or the commune's code."""
    name = COMMUNES[commune][0]
    r = rng.random()
    if village is None or (source in ("hotline", "comment", "rating") and r < 0.25):
        return commune if rng.random() < 0.3 else (fold(name) if rng.random() < 0.3 else name)
    full = f"Thôn {village}, {name}"
    r = rng.random()
    if r < 0.6:
        return full
    if r < 0.75:
        return fold(full)
    if r < 0.85:
        return f"{full}, {PROVINCE}"
    if r < 0.93:
        return fold(full).lower()
    return f"thôn {village}, {name}"


def _hour(rng: random.Random, source: str) -> float:
    if source in ("petition", "reception", "field_report", "rating"):
        return rng.uniform(7.5, 16.5)
    return rng.uniform(6, 22.5)


def _at_day(rng: random.Random, day: float, source: str, *, keep_time: bool = False) -> dt.datetime:
    """A moment on day `day` (from START); a burst's moments keep their time, others get a plausible hour."""
    if keep_time:
        moment = START + dt.timedelta(days=day)
        if moment.hour < 6:  # nobody writes at 3 a.m.: the message goes out in the morning
            moment += dt.timedelta(hours=6 - moment.hour)
        return moment
    return START + dt.timedelta(days=math.floor(day), hours=_hour(rng, source))


def _text(
    rng: random.Random,
    templates: tuple[str, ...],
    source: str,
    place: tuple[str, str | None, list[str]],
    at: dt.datetime,
    people: int,
) -> str:
    """One writer's message about a matter: a template or two, the door's wrapping, the writer's typing."""
    commune, village, others = place
    cname = COMMUNES[commune][0]
    slots = {
        "v": rng.choice(["thôn ", "thôn ", "", "xóm "]) + village if village else cname,
        "v2": "thôn " + rng.choice(others) if others else cname,
        "c": cname,
        "d": rng.choice(WHEN),
        "p": person(rng),
        "n": str(rng.randrange(2, 12)),
    }
    first = rng.choice(templates)
    body = expand(first, rng, slots)
    if source in ("petition", "reception") and len(templates) > 1 and rng.random() < 0.45:
        second = rng.choice([t for t in templates if t != first])
        body += " " + expand(second, rng, slots)
    if source in ("petition", "reception") and rng.random() < 0.4:
        body += " " + " ".join(rng.sample(STORY, rng.randint(1, 3)))
    if source not in ("rating", "comment") and rng.random() < 0.3:
        body += " " + rng.choice(FILLERS)
    if source == "comment" and rng.random() < 0.2 and "," in body:
        body = body.split(",")[0]  # an SMS-like line
    ctx = {"commune": cname, "village": "thôn " + village if village else cname, "date": f"{at:%d/%m/%Y}"}
    if people > 1:
        ctx["people"] = str(people)
    text = wrap(source, body, rng, ctx)
    return dress(text, rng, _style(rng, source))


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.signals: list[dict[str, Any]] = []
        self.groups: dict[str, dict[str, Any]] = {}
        self.group_of: list[str] = []

    def add(
        self,
        group: str,
        templates: tuple[str, ...],
        commune: str,
        village: str | None,
        others: list[str],
        at: dt.datetime,
        source: str,
        people: int = 1,
    ) -> None:
        rng = self.rng
        record: dict[str, Any] = {
            "text": _text(rng, templates, source, (commune, village, others), at, people),
            "place": _place(rng, commune, village, source),
            "at": at,
            "source": source,
        }
        if people > 1:
            record["people"] = people
        self.signals.append(record)
        self.group_of.append(group)

    # --- the planted matters ---

    def matter(self, m: Matter) -> None:
        rng = self.rng
        weights = SOURCE_WEIGHTS[m.profile]
        if m.topic != "administrative":
            weights = {k: w for k, w in weights.items() if k != "rating"}
        onset: dt.datetime | None = None
        moments: list[tuple[float, bool, bool]] = []  # (day, keep the exact time, a crowd petition)
        rise_start = m.onset
        if m.profile == "burst":
            moments += [
                (rng.uniform(max(0.0, m.onset - 24), m.onset - 4), False, False) for _ in range(m.pre)
            ]
            crowd = set(rng.sample(range(1, m.size), 3)) if m.crowd else set()
            offsets = [0.0] + sorted(rng.betavariate(1.2, 2.2) * m.days for _ in range(m.size - 1))
            moments += [(m.onset + o, True, i in crowd) for i, o in enumerate(offsets)]
            moments += [
                (min(DAYS - 0.1, m.onset + m.days + rng.uniform(0, 14)), False, False) for _ in range(m.tail)
            ]
        elif m.profile == "slow_rise":
            first_rise = next(i for i, c in enumerate(m.weekly) if c > m.weekly[0])
            for i, count in enumerate(m.weekly):
                week = (m.start + i) * 7
                days = sorted(week + rng.uniform(0, 7) for _ in range(count))
                if i == first_rise:
                    moments.append((days[0], True, False))
                    rise_start = days[0]
                    days = days[1:]
                moments += [(d, False, False) for d in days]
        elif m.profile == "sporadic":
            gap = (DAYS - 2) / m.size
            moments += [(1 + i * gap + rng.uniform(0, gap * 0.7), False, False) for i in range(m.size)]
        else:  # steady: evenly through every week, never two weeks alike
            for week in range(DAYS // 7):
                count = rng.randint(*m.rate)
                moments += [(week * 7 + (k + rng.random()) * 7 / count, False, False) for k in range(count)]
        for day, exact, crowd_petition in moments:
            source = "petition" if crowd_petition else _pick(rng, weights)
            if source == "field_report" and day < (m.onset if m.profile == "burst" else 0):
                source = "hotline"  # nobody inspects before anyone has complained
            village: str | None = rng.choice(m.villages) if rng.random() < 0.85 else m.villages[0]
            others = [v for v in m.villages if v != village] or [rng.choice(COMMUNES[m.commune][1])]
            if m.profile == "steady" and rng.random() < 0.1:
                village = None  # written from the commune as a whole
            at = _at_day(rng, day, source, keep_time=exact)
            if crowd_petition and at.hour >= 17:  # handed in the next morning
                at = (at + dt.timedelta(days=1)).replace(hour=rng.randrange(8, 11))
            if exact and day >= rise_start and m.profile in ("burst", "slow_rise"):
                onset = at if onset is None else min(onset, at)
            people = rng.randrange(5, 80) if crowd_petition else 1
            self.add(m.key, m.templates, m.commune, village, others, at, source, people)
        self.groups[m.key] = {
            "profile": m.profile,
            "topic": m.topic,
            "commune": m.commune,
            "villages": list(m.villages),
            "onset": onset.isoformat(timespec="seconds") if onset else None,
            "should_alert": m.profile in ("burst", "slow_rise"),
        }

    # --- the background ---

    def background(self, count: int) -> None:
        rng = self.rng
        n = 0
        while n < count:
            kind = _pick(rng, {"complaint": 70, "question": 12, "rating": 12, "thanks": 6})
            pool = {
                "complaint": noise.COMPLAINTS,
                "question": noise.QUESTIONS,
                "rating": noise.RATINGS,
                "thanks": noise.THANKS,
            }[kind]
            template = (rng.choice(pool),)
            commune = rng.choice(list(COMMUNES))
            village = rng.choice(COMMUNES[commune][1])
            group = f"one-{len(self.groups) + 1:04d}"
            mentions = 2 if kind == "complaint" and rng.random() < 0.15 else 1
            day = rng.uniform(0, DAYS - 1)
            for k in range(mentions):
                if kind == "complaint":
                    source = _pick(rng, SOURCE_WEIGHTS["complaint"])
                elif kind == "rating":
                    source = "rating"
                else:
                    source = rng.choice(
                        ["comment", "hotline"] if kind == "question" else ["comment", "team_note"]
                    )
                at = _at_day(rng, min(DAYS - 0.5, day + k * rng.uniform(1, 10)), source)
                self.add(group, template, commune, village, [], at, source)
            self.groups[group] = {
                "profile": "one_off",
                "topic": kind,
                "commune": commune,
                "villages": [village],
                "onset": None,
                "should_alert": False,
            }
            n += mentions

    def finish(self, seed: int, id_prefix: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        order = sorted(range(len(self.signals)), key=lambda i: (self.signals[i]["at"], i))
        signals, group_of = [], {}
        for rank, i in enumerate(order, start=1):
            record = dict(self.signals[i])
            sid = f"{id_prefix}{rank:05d}"
            record = {"id": sid, **record, "at": record["at"].isoformat(timespec="seconds")}
            signals.append(record)
            group_of[sid] = self.group_of[i]
        for spec in self.groups.values():
            spec["size"] = 0
        for name in group_of.values():
            self.groups[name]["size"] += 1
        labels = {
            "corpus": {
                "seed": seed,
                "start": START.isoformat(),
                "days": DAYS,
                "signals": len(signals),
                "groups": len(self.groups),
            },
            "signals": group_of,
            "groups": self.groups,
        }
        return signals, labels


def generate(
    seed: int = SEED, size: int = SIZE, id_prefix: str = "s"
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The corpus (signals in time order) and its labels. The same seed gives the same corpus."""
    builder = _Builder(seed)
    for m in MATTERS:
        builder.matter(m)
    builder.background(max(0, size - len(builder.signals)))
    return builder.finish(seed, id_prefix)


def synthetic(
    count: int, *, start: dt.datetime, days: float, seed: int = SEED, prefix: str = "x"
) -> Iterator[dict]:
    """`count` signals in time order from `start` over `days` days, for load: corpora of other seeds laid end to end
    (each squeezed into its share of the period), ids `{prefix}{n}`. Texts of a few seeds are reused (generating a
    million texts would cost more than what is measured)."""
    pool = [generate(seed + k, id_prefix="t")[0] for k in range(min(4, max(1, count // SIZE)))]
    per_epoch = len(pool[0])
    epochs = max(1, math.ceil(count / per_epoch))
    span = dt.timedelta(days=days) / epochs
    n = 0
    for epoch in range(epochs):
        corpus = pool[epoch % len(pool)]
        base = start + span * epoch
        squeeze = span / dt.timedelta(days=DAYS)
        for record in corpus:
            if n >= count:
                return
            offset = dt.datetime.fromisoformat(record["at"]) - START
            out = dict(record, id=f"{prefix}{n}", at=(base + offset * squeeze).isoformat(timespec="seconds"))
            n += 1
            yield out


def write(out_dir: Path, signals: list[dict[str, Any]], labels: dict[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "signals.jsonl").open("w", encoding="utf-8") as fh:
        for record in signals:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out_dir / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def stats(signals: list[dict[str, Any]], labels: dict[str, Any]) -> dict[str, Any]:
    """What the corpus holds, for the report and the tests."""
    groups = labels["groups"]
    by_profile: dict[str, int] = {}
    for g in groups.values():
        by_profile[g["profile"]] = by_profile.get(g["profile"], 0) + 1
    folded = sum(1 for s in signals if fold(s["text"]) == s["text"])
    sources: dict[str, int] = {}
    for s in signals:
        sources[s["source"]] = sources.get(s["source"], 0) + 1
    times = [dt.datetime.fromisoformat(s["at"]) for s in signals]
    return {
        "signals": len(signals),
        "groups": len(groups),
        "groups_by_profile": by_profile,
        "signals_in_planted": sum(1 for g in labels["signals"].values() if groups[g]["profile"] != "one_off"),
        "share_without_diacritics": round(folded / max(1, len(signals)), 3),
        "sources": sources,
        "weeks": round((max(times) - min(times)).days / 7, 1) if times else 0,
        "crowd_signals": sum(1 for s in signals if s.get("people", 1) >= 5),
        "mean_chars": round(sum(len(s["text"]) for s in signals) / max(1, len(signals))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gandan.opinion.evaluation.corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--size", type=int, default=SIZE)
    args = parser.parse_args(argv)
    signals, labels = generate(args.seed, args.size)
    write(args.out_dir, signals, labels)
    print(json.dumps(stats(signals, labels), ensure_ascii=False, indent=1))
    return 0


assert set(SOURCES) >= {s for w in SOURCE_WEIGHTS.values() for s in w}

if __name__ == "__main__":
    sys.exit(main())

"""Petitions (gandan.petitions) at a province's scale: a million petitions over the four demo communes.

The seed spreads `FULL_PETITIONS` (× BENCH_SCALE) over the last 36 months with `seed_petitions`; a recent sample
gets real duplicate keys (fingerprints of its text), the bulk synthetic keys of the same number and shape (see
gandan/petitions/seeding.py). Both latency scenarios are a person's wait: one connection per server worker.

The quality rows of the duplicate check (`petitions.duplicates_recall`, `petitions.duplicates_precision`,
`petitions.same_matter_found`) need no server and no seed: they run the pure check on the held-out set of issue #13
(gandan/petitions/evaluation/heldout.json) through `gandan.petitions.evaluation.heldout_eval`, whatever the scale."""

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlencode

from bench.framework import (
    PAGE_CONNECTIONS,
    Context,
    Measurement,
    Progress,
    Scenario,
    ScenarioError,
    Target,
    demo_communes,
    latency,
    ms_at_most,
    scaled,
    session_headers,
)
from bench.loadgen import LoadSpec

FULL_PETITIONS = 1_000_000
FULL_REAL_KEYS = 20_000
MONTHS = 36
OFFICER = "motcua.songlo"
SEED = 2027
SEARCH_PATH = "/api/v1/petitions/"
CHECK_PATH = "/api/v1/petitions/duplicate-check"
# What officers type: folded, partial, one to three words; common and rare.
QUERIES = [
    "dat dai",
    "trai lon",
    "thu tien",
    "den chieu sang",
    "cat song lo",
    "o nhiem",
    "boi thuong",
    "duong lien thon",
    "nuoc sach",
    "xuong moc",
    "thu hoi dat dong thinh",
    "tranh chap",
    "rac thai kenh",
    "truong thon",
    "giay chung nhan",
    "cao phong",
    "sut lun",
    "tieng on",
]
CHECK_BODIES = 300

_seeded: set[str] = set()


def _seed(scale: float, progress: Progress) -> None:
    from django.db import connection
    from django.utils import timezone

    from gandan.petitions.seeding import seed_petitions

    database = str(connection.settings_dict["NAME"])
    if database in _seeded:
        return
    _seeded.add(database)
    units = demo_communes()
    today = timezone.localdate()
    total = scaled(FULL_PETITIONS, scale)
    real = min(total, scaled(FULL_REAL_KEYS, scale))
    with progress(total=total, desc="Petitions", unit="row") as bar:
        if total > real:
            seed_petitions(
                count=total - real,
                units=units,
                start=today - dt.timedelta(days=30 * MONTHS),
                end=today,
                seed=SEED,
                real_keys=False,
                progress=bar.update,
            )
        seed_petitions(
            count=real,
            units=units,
            start=today - dt.timedelta(days=90),
            end=today,
            seed=SEED + 1,
            real_keys=True,
            progress=bar.update,
        )


def _count() -> int:
    from gandan.petitions.models import Petition

    return Petition.objects.count()


def _search(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD

    paths = [f"{SEARCH_PATH}?{urlencode({'q': q})}" for q in QUERIES]
    spec = replace(
        LoadSpec.get(*paths, headers=session_headers(ctx.login(OFFICER, DEMO_PASSWORD))),
        connections=PAGE_CONNECTIONS,
    )
    return latency(ctx, spec, percentile=50, label="petitions.search", size=_count(), size_unit="petitions")


def _check_bodies() -> list[bytes]:
    """New petitions as the desk types them: half re-send an earlier one (other words around the same text),
    half are new matters."""
    from gandan.petitions.models import Petition

    rng = random.Random(SEED)
    recent = list(
        Petition.objects.filter(protected=False)
        .order_by("-id")
        .values_list("subject", "content", "petitioner_display")[:2000]
    )
    if not recent:
        raise ScenarioError("no petition was seeded")
    bodies = []
    for n in range(CHECK_BODIES):
        subject, content, name = rng.choice(recent)
        if n % 2:
            content = "Kính gửi UBND xã. " + content + " Xin trân trọng cảm ơn."
        else:
            content = (
                content.replace("Đề nghị", "Kính đề nghị") + f" Sự việc kéo dài đã {rng.randint(2, 9)} tháng."
            )
            name = f"Người dân {rng.randint(1, 10**6)}"
        bodies.append(
            json.dumps(
                {
                    "kind": "reflection",
                    "subject": subject,
                    "content": content,
                    "persons": [{"name": name, "address": "Thôn Đồng Thịnh"}],
                }
            ).encode()
        )
    return bodies


def _duplicate_check(ctx: Context) -> Measurement:
    from gandan.demo import DEMO_PASSWORD

    headers = [
        ("Content-Type", "application/json"),
        *session_headers(ctx.login(OFFICER, DEMO_PASSWORD), csrf=True),
    ]
    spec = replace(
        LoadSpec.post(CHECK_PATH, bodies=_check_bodies(), headers=headers), connections=PAGE_CONNECTIONS
    )
    return latency(
        ctx, spec, percentile=95, label="petitions.duplicate_check", size=_count(), size_unit="petitions"
    )


_quality_figures: dict[str, float | int | str] = {}


def _quality(key: str) -> Callable[[Context], Measurement]:
    def measure(ctx: Context) -> Measurement:
        from gandan.petitions.evaluation.heldout_eval import figures

        if not _quality_figures:
            _quality_figures.update(figures())
            print(f"    held-out set: {_quality_figures['summary']}", flush=True)
        return Measurement(
            float(_quality_figures[key]), "share", int(_quality_figures["new"]), "new petitions"
        )

    return measure


def _share_at_least(value: float) -> Target:
    return Target("value", ">=", value, "share")


SCENARIOS = [
    Scenario(
        name="petitions.search",
        description="GET /api/v1/petitions?q=…: diacritic-insensitive search of a commune's petitions (p50)",
        measure=_search,
        target=ms_at_most(30),
        seed=_seed,
    ),
    Scenario(
        name="petitions.duplicate_check",
        description="POST /api/v1/petitions/duplicate-check: the duplicate check at intake (p95)",
        measure=_duplicate_check,
        target=ms_at_most(50),
        seed=_seed,
    ),
    Scenario(
        name="petitions.duplicates_recall",
        description='share of the held-out set\'s merge pairs answered "same petition" (issue #13)',
        measure=_quality("duplicates_recall"),
        target=_share_at_least(0.9),
    ),
    Scenario(
        name="petitions.duplicates_precision",
        description='share of "same petition" answers on the held-out set that are merge pairs',
        measure=_quality("duplicates_precision"),
        target=_share_at_least(0.95),
    ),
    Scenario(
        name="petitions.same_matter_found",
        description="share of the held-out set's same-matter pairs answered either way (link or merge)",
        measure=_quality("same_matter_found"),
        target=_share_at_least(0.8),
    ),
]

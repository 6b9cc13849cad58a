"""Public disclosures (gandan.democracy) at a scale no commune reaches: 100,000 disclosures of xã Sông Lô, their
decisions spread over ten years (some eight hundred on the boards today, the rest ended, withdrawn or replaced),
written in bulk as the services leave them (gandan.democracy.seeding_disclosures.seed_many_disclosures).

The measure is a citizen's wait for the public list of the commune's disclosures (no login): its first page, its
second page and one item, each with the count of what is posted. One connection per server worker (a person's wait),
p95, as the other page scenarios. The query reads the partial index `dem_disclosure_showing` (unit_path, end, start)
of the disclosures not withdrawn: only those whose end is today or later (or none: permanent) are read."""

from dataclasses import replace

from bench.framework import (
    PAGE_CONNECTIONS,
    Context,
    Measurement,
    Progress,
    Scenario,
    ScenarioError,
    latency,
    ms_at_most,
    scaled,
)
from bench.loadgen import LoadSpec

FULL_DISCLOSURES = 100_000
COMMUNE = "08848"  # xã Sông Lô
CHAIRMAN = "chutich.songlo"
LIST_PATH = f"/cong-khai/xa/{COMMUNE}/"

_seeded: set[str] = set()


def _seed(scale: float, progress: Progress) -> None:
    from django.db import connection
    from django.utils import timezone

    from gandan.accounts.models import User
    from gandan.democracy.seeding_disclosures import seed_many_disclosures
    from gandan.units.models import Unit

    database = str(connection.settings_dict["NAME"])
    if database in _seeded:
        return
    _seeded.add(database)
    commune = Unit.objects.get(code=COMMUNE, valid_to__isnull=True)
    total = scaled(FULL_DISCLOSURES, scale)
    with progress(total=total, desc="Disclosures", unit="row") as bar:
        seed_many_disclosures(
            commune=commune,
            count=total,
            today=timezone.localdate(),
            by=User.objects.get(username=CHAIRMAN),
            progress=bar.update,
        )


def _public_list(ctx: Context) -> Measurement:
    from django.utils import timezone

    from gandan.democracy.models import Disclosure
    from gandan.democracy.selectors.disclosures import showing_q

    stored = Disclosure.objects.filter(unit__code=COMMUNE).count()
    showing = Disclosure.objects.filter(showing_q(timezone.localdate()), unit__code=COMMUNE).count()
    print(f"    {stored:,} disclosures of the commune, {showing:,} on the boards today", flush=True)
    paths = [LIST_PATH, f"{LIST_PATH}?page=2", f"{LIST_PATH}?item=2"]
    status, _headers, body = ctx.fetch(LIST_PATH)
    if status != 200 or b'href="/cong-khai/' not in body:
        raise ScenarioError(f"GET {LIST_PATH} answered {status} without the commune's disclosures")
    spec = replace(LoadSpec.get(*paths), connections=PAGE_CONNECTIONS)
    return latency(
        ctx, spec, percentile=95, label="democracy.public_disclosures", size=stored, size_unit="disclosures"
    )


SCENARIOS = [
    Scenario(
        name="democracy.public_disclosures",
        description=f"GET {LIST_PATH}: a commune's public list of what is posted today, 100,000 stored (p95)",
        measure=_public_list,
        target=ms_at_most(100),
        seed=_seed,
    )
]

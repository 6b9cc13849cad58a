"""Counting a household vote (gandan.democracy, issue #15): a village of 5,000 households whose ballots are stored
(an online vote on another matter, 4,600 households having voted), tallied against every household registered in
the village — the read `vote_count` freezes (`gandan.democracy.selectors.votes.live_tally`: the register's count,
the ballots counted by choice, then the pure threshold of Art. 21).

The size is a very large village's real one and is not scaled by BENCH_SCALE. The measure runs in the harness
process on the benchmark database (one connection, as a worker would), 60 tallies after 5 warm-up ones; the value
is the p95 in milliseconds."""

import statistics
import time

from bench.framework import Context, Measurement, Progress, Scenario, ScenarioError, ms_at_most

HOUSEHOLDS = 5_000
VOTED = 4_600
OPTED_IN = 3_000
VILLAGE = "Thôn Bench Biểu Quyết"
COMMUNE = "08848"  # xã Sông Lô
OFFICER = "danvan.songlo"
RUNS, WARMUP = 60, 5


def _vote():
    from gandan.democracy.models import Vote

    return Vote.objects.filter(village__name=VILLAGE, form="online").select_related("village").first()


def _seed(_scale: float, progress: Progress) -> None:
    import datetime as dt

    from django.utils import timezone

    from gandan.accounts.models import User
    from gandan.democracy.models import Ballot, Household
    from gandan.democracy.services.votes import vote_create
    from gandan.units.models import Unit, UnitKind
    from gandan.units.services import unit_create

    if _vote() is not None:
        return
    commune = Unit.objects.get(code=COMMUNE, valid_to__isnull=True)
    village = unit_create(kind=UnitKind.VILLAGE, name=VILLAGE, parent=commune, audit=False)
    today = timezone.localdate()
    with progress(total=HOUSEHOLDS + VOTED, desc="Households and ballots", unit="row") as bar:
        households = Household.objects.bulk_create(
            (
                Household(
                    village=village,
                    unit_path=village.path,
                    commune_path=commune.path,
                    code=str(n),
                    representative=f"Nguyễn Văn Hộ {n}",
                    name_key=f"nguyen van ho {n}",
                    online_optin=n <= OPTED_IN,
                    optin_on=today - dt.timedelta(days=30) if n <= OPTED_IN else None,
                )
                for n in range(1, HOUSEHOLDS + 1)
            ),
            batch_size=1000,
        )
        bar.update(HOUSEHOLDS)
        now = timezone.now()
        vote = vote_create(
            village=village,
            matter=6,
            form="online",
            title="Chọn phương án tu sửa nhà văn hóa thôn",
            question="Tu sửa mái và sân nhà văn hóa thôn bằng quỹ cộng đồng.",
            notice_on=today - dt.timedelta(days=5),
            opens_at=now - dt.timedelta(days=2),
            closes_at=now + dt.timedelta(days=5),
            counting_board="Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường",
            by=User.objects.get(username=OFFICER),
        )
        vote.status = vote.Status.OPEN
        vote.save(update_fields=["status"])
        choices = ("yes", "yes", "yes", "no", "blank")
        Ballot.objects.bulk_create(
            (
                Ballot(
                    vote=vote, household=h, choice=choices[i % len(choices)], channel=Ballot.Channel.ONLINE
                )
                for i, h in enumerate(households[:VOTED])
            ),
            batch_size=1000,
        )
        bar.update(VOTED)


def _tally(ctx: Context) -> Measurement:
    from gandan.democracy.selectors.votes import live_tally

    vote = _vote()
    if vote is None:
        raise ScenarioError("the benchmark vote was not seeded")
    result = live_tally(vote)
    if result is None or (result.households, result.present) != (HOUSEHOLDS, VOTED):
        raise ScenarioError(
            f"the tally counted {result}, not {HOUSEHOLDS:,} households and {VOTED:,} ballots"
        )
    seconds: list[float] = []
    for run in range(WARMUP + RUNS):
        started = time.perf_counter()
        live_tally(vote)
        if run >= WARMUP:
            seconds.append(time.perf_counter() - started)
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    print(
        f"    {result.households:,} households, {result.present:,} ballots: {result.yes:,} agree, needed "
        f"{result.needed:,}, passed {result.passed}; median {statistics.median(ms):.1f} ms",
        flush=True,
    )
    from django.db import connections

    connections.close_all()
    return Measurement(p95, "ms", HOUSEHOLDS, "households")


SCENARIOS = [
    Scenario(
        name="democracy.tally",
        description="a village vote of 5,000 households with its ballots stored, tallied against all households (p95)",
        measure=_tally,
        target=ms_at_most(50),
        seed=_seed,
    )
]

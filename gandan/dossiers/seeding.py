"""Plausible dossiers in bulk, for the benchmarks (a million).

This bypasses the services on purpose: it writes history that "already happened", with consistent fields (codes,
appointments on the real calendar, statuses, timestamps) in batches. Never used for real work. The demo tells its
year through the services instead (`demo_story.py`): slower per dossier, but every trace a real year leaves.
"""

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from gandan.core.sample_names import sample_name
from gandan.core.workdays import add_working_days, effective_receipt_day
from gandan.dossiers.models import (
    Channel,
    Dossier,
    DossierCounter,
    Procedure,
    Status,
    Step,
    SubmittedComponent,
    TimeUnit,
)
from gandan.dossiers.rules import dossier_code
from gandan.dossiers.search import DOSSIER, dossier_document
from gandan.search.services import bulk_index
from gandan.workcalendar.selectors import receipt_cutoff, work_calendar

# (share, final status); the rest of the story (late or not) is drawn per dossier.
OUTCOMES = [
    (0.62, Status.RETURNED),
    (0.08, Status.PROCESSED),
    (0.12, Status.IN_PROGRESS),
    (0.05, Status.SUPPLEMENT),
    (0.05, Status.NEW),
    (0.03, Status.REFUSED),
    (0.03, Status.ACCEPTED),
    (0.02, Status.WITHDRAWN),
]
LATE_SHARE = 0.08
STALE_SHARE = 0.02
OPEN_RECENT = {Status.NEW, Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT, Status.PROCESSED}
FINISH_STEPS = {
    Status.PROCESSED: ("complete", Status.IN_PROGRESS, Status.PROCESSED),
    Status.RETURNED: ("complete", Status.IN_PROGRESS, Status.PROCESSED),
    Status.WITHDRAWN: ("withdraw", Status.IN_PROGRESS, Status.WITHDRAWN),
    Status.REFUSED: ("refuse", Status.NEW, Status.REFUSED),
}


def _pick_status(rng: random.Random) -> Status:
    x, acc = rng.random(), 0.0
    for share, status in OUTCOMES:
        acc += share
        if x < acc:
            return status
    return Status.RETURNED


def _appointment(procedure: Procedure, received: dt.datetime, calendar, cutoff) -> dt.date:
    start = effective_receipt_day(received, calendar=calendar, cutoff=cutoff)
    if procedure.time_unit == TimeUnit.SAME_DAY:
        return start
    days = (
        procedure.time_value
        if procedure.time_unit != TimeUnit.WORKING_HOURS
        else -(-procedure.time_value // 8)
    )
    return add_working_days(start, days, calendar=calendar)


def seed_dossiers(
    *,
    count: int,
    units: list,
    procedures: list[Procedure],
    start: dt.date,
    end: dt.date,
    seed: int = 2026,
    with_steps: bool = True,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
    handlers: dict | None = None,
) -> int:
    """Create `count` dossiers received between `start` and `end` (local dates) at `units`. `handlers` maps a
    unit id to the officer who holds that unit's dossiers in progress."""
    handlers = handlers or {}
    rng = random.Random(seed)
    calendar, cutoff = work_calendar(), receipt_cutoff()
    tz = timezone.get_current_timezone()
    now = timezone.now()
    span = max((end - start).days, 1)
    sequences: dict[tuple[int, dt.date], int] = defaultdict(int)
    for counter in DossierCounter.objects.filter(unit__in=units, day__gte=start, day__lte=end):
        sequences[(counter.unit_id, counter.day)] = counter.last
    created = 0
    while created < count:
        size = min(batch, count - created)
        rows: list[Dossier] = []
        stories: list[tuple[Status, dt.datetime, dt.datetime | None]] = []
        for _ in range(size):
            unit = units[rng.randrange(len(units))]
            procedure = procedures[rng.randrange(len(procedures))]
            day = start + dt.timedelta(days=rng.randrange(span + 1))
            status = _pick_status(rng)
            # A desk that keeps up: what arrived more than three weeks ago is finished, but for a rare stale case.
            if status in OPEN_RECENT and (end - day).days > 21 and rng.random() > STALE_SHARE:
                status = Status.RETURNED
            submitted = dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)), tzinfo=tz)
            if submitted > now:
                submitted = now - dt.timedelta(minutes=rng.randrange(1, 600))
                day = timezone.localtime(submitted).date()
            sequences[(unit.id, day)] += 1
            name = sample_name(rng)
            phone = f"09{rng.randrange(10**8):08d}"
            dossier = Dossier(
                code=dossier_code(unit.code, day, sequences[(unit.id, day)]),
                procedure=procedure,
                unit=unit,
                unit_path=unit.path,
                channel=Channel.ONLINE if rng.random() < 0.3 else Channel.IN_PERSON,
                status=status,
                applicant_name=name,
                applicant_phone=phone,
                phone_last4=phone[-4:],
                applicant_address=f"{unit.name}",
                submitted_at=submitted,
                fee=procedure.fee,
            )
            finished = None
            if status not in (Status.NEW,):
                received = submitted + dt.timedelta(minutes=rng.randrange(0, 90))
                if status == Status.REFUSED:
                    finished = received
                else:
                    dossier.received_at = received
                    appointment = _appointment(procedure, timezone.localtime(received), calendar, cutoff)
                    dossier.appointment = dossier.current_appointment = appointment
                    dossier.stat_due_at = dt.datetime.combine(appointment, dt.time(23, 59, 59), tzinfo=tz)
                    late = rng.random() < LATE_SHARE
                    if status in (Status.PROCESSED, Status.RETURNED, Status.WITHDRAWN):
                        done_day = (
                            add_working_days(appointment, rng.randrange(1, 4), calendar=calendar)
                            if late
                            else (appointment - dt.timedelta(days=rng.randrange(0, 2)))
                        )
                        done_day = max(done_day, timezone.localtime(received).date())
                        finished = min(
                            dt.datetime.combine(done_day, dt.time(14, rng.randrange(60)), tzinfo=tz), now
                        )
                        if late and status != Status.WITHDRAWN:
                            dossier.current_appointment = done_day
                        if status == Status.RETURNED:
                            dossier.returned_at = finished + dt.timedelta(hours=rng.randrange(1, 48))
                            dossier.returned_at = min(dossier.returned_at, now)
                    elif status == Status.SUPPLEMENT:
                        dossier.supplement_count = 1
                        dossier.paused_since = received + dt.timedelta(days=1)
                dossier.finished_at = finished
                if status not in (Status.REFUSED, Status.ACCEPTED):
                    dossier.handler = handlers.get(unit.id)
            rows.append(dossier)
            stories.append((status, submitted, finished))
        with transaction.atomic():
            Dossier.objects.bulk_create(rows, batch_size=1000)
            if with_steps:
                steps = []
                for dossier, (status, submitted, finished) in zip(rows, stories, strict=True):
                    steps.append(
                        Step(
                            dossier=dossier,
                            at=submitted,
                            actor_name="Dữ liệu mẫu",
                            action="submit",
                            to_status=Status.NEW,
                        )
                    )
                    if dossier.received_at:
                        steps.append(
                            Step(
                                dossier=dossier,
                                at=dossier.received_at,
                                actor_name="Dữ liệu mẫu",
                                action="accept",
                                from_status=Status.NEW,
                                to_status=Status.ACCEPTED,
                                form="01",
                            )
                        )
                    if finished:
                        action, before, after = FINISH_STEPS[status]
                        steps.append(
                            Step(
                                dossier=dossier,
                                at=finished,
                                actor_name="Dữ liệu mẫu",
                                action=action,
                                from_status=before,
                                to_status=after,
                            )
                        )
                    if dossier.returned_at:
                        steps.append(
                            Step(
                                dossier=dossier,
                                at=dossier.returned_at,
                                actor_name="Dữ liệu mẫu",
                                action="return_result",
                                from_status=Status.PROCESSED,
                                to_status=Status.RETURNED,
                            )
                        )
                Step.objects.bulk_create(steps, batch_size=2000)
                papers = {p.id: list(p.components.all()) for p in procedures}
                SubmittedComponent.objects.bulk_create(
                    [
                        SubmittedComponent(
                            dossier=d,
                            component=c,
                            name=c.name,
                            copy_kind=c.copy_kind,
                            count=c.count,
                            present=True,
                        )
                        for d in rows
                        for c in papers[d.procedure_id]
                    ],
                    batch_size=2000,
                )
            # Searchable like a dossier received at the desk (the procedure is already on each row).
            bulk_index(DOSSIER, (dossier_document(d) for d in rows))
        created += size
        if progress:
            progress(size)
    _sync_counters(sequences)
    # Fresh statistics for the query planner (SQLite has none until ANALYZE; PostgreSQL's may be stale).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return created


def _sync_counters(sequences: dict[tuple[int, dt.date], int]) -> None:
    """Real intake continues after the seeded numbers, never reusing a code."""
    existing = {
        (c.unit_id, c.day): c
        for c in DossierCounter.objects.filter(
            unit_id__in={u for u, _d in sequences}, day__in={d for _u, d in sequences}
        )
    }
    new, changed = [], []
    for (unit_id, day), last in sequences.items():
        counter = existing.get((unit_id, day))
        if counter is None:
            new.append(DossierCounter(unit_id=unit_id, day=day, last=last))
        elif counter.last < last:
            counter.last = last
            changed.append(counter)
    DossierCounter.objects.bulk_create(new, batch_size=2000)
    DossierCounter.objects.bulk_update(changed, ["last"], batch_size=2000)

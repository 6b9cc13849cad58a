"""The foundation: the ceiling every other figure is compared with, and the two cheapest real endpoints."""

from bench.framework import Context, Measurement, Scenario, ratio_at_least, throughput
from bench.loadgen import LoadSpec

CEILING_PATH = "/bench/ceiling"
HEALTH_PATH = "/api/v1/health"
# Friday 13 Feb 2026, 10:00, plus 3 working days crosses the Tết 2026 days off, so the endpoint does the
# real work (reads the calendar, walks over the holiday) rather than the trivial "add three weekdays".
DUE_PATH = "/api/v1/calendar/due?start=2026-02-13T10:00:00&working_days=3"


def _ceiling(ctx: Context) -> Measurement:
    return throughput(ctx, LoadSpec.get(CEILING_PATH), label="ceiling")


def _health(ctx: Context) -> Measurement:
    return throughput(ctx, LoadSpec.get(HEALTH_PATH), label="health")


def _calendar_due(ctx: Context) -> Measurement:
    # Imported here: Django is set up by the runner only once the benchmark database exists.
    from gandan.workcalendar.models import CalendarDay

    rows = CalendarDay.objects.count()
    return throughput(ctx, LoadSpec.get(DUE_PATH), label="calendar.due", size=rows, size_unit="calendar days")


SCENARIOS = [
    Scenario(
        name="ceiling",
        description="bare Django JSON view through the full middleware stack (the reference)",
        measure=_ceiling,
        target=None,
        reference=True,
    ),
    Scenario(
        name="health",
        description="GET /api/v1/health: one statement (worker heartbeat, due tasks, last backup)",
        measure=_health,
        target=ratio_at_least(0.5),
    ),
    Scenario(
        name="calendar.due",
        description="GET /api/v1/calendar/due: due date after 3 working days across Tết, from the calendar table",
        measure=_calendar_due,
        target=ratio_at_least(0.5),
    ),
]

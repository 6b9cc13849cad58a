import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from gandan.errors import DomainError
from gandan.workcalendar.forms import MAX_DAYS
from gandan.workcalendar.selectors import calendar_days, compute_due

router = Router(tags=["calendar"])


class DueQuery(Schema):
    start: dt.datetime = Field(
        ..., description="Thời điểm tiếp nhận, ISO 8601 (giờ Việt Nam nếu không ghi múi giờ)"
    )
    working_days: int | None = Field(
        None, ge=0, le=MAX_DAYS, description="Số ngày làm việc (thủ tục hành chính)"
    )
    days: int | None = Field(None, ge=0, le=MAX_DAYS, description="Số ngày theo lịch (khiếu nại, tố cáo)")


class DueOut(Schema):
    due: dt.date
    due_display: str
    rule: str
    number: int
    start: dt.datetime
    counted_from: dt.date
    cutoff: str
    days_off_skipped: list[dt.date]


@router.get("/due", response=DueOut, summary="Due date after N working days or N calendar days")
def due(request, query: Query[DueQuery]):
    """Working days: a receipt after the cut-off (15:00) or on a day off counts from the next working day, and the
    N days are counted after it. Calendar days: day 1 is the day after `start`; a period ending on a day off ends
    on the next working day (Civil Code Art. 148)."""
    if (query.working_days is None) == (query.days is None):
        raise DomainError(
            "rule_required", _("Give exactly one of working_days or days."), field="working_days"
        )
    start = timezone.localtime(query.start) if timezone.is_aware(query.start) else query.start
    if not dt.date(1990, 1, 1) <= start.date() <= dt.date(2100, 12, 31):
        raise DomainError("start_out_of_range", _("Enter a date between 1990 and 2100."), field="start")
    rule, number = (
        ("working_days", query.working_days) if query.working_days is not None else ("days", query.days)
    )
    assert number is not None  # exactly one of the two was given (checked above)
    result = compute_due(start, rule=rule, number=number)
    return {
        "due": result.due,
        "due_display": result.due.strftime("%d/%m/%Y"),
        "rule": rule,
        "number": number,
        "start": query.start,
        "counted_from": result.counted_from,
        "cutoff": result.cutoff.strftime("%H:%M"),
        "days_off_skipped": result.days_off_skipped,
    }


class DayOut(Schema):
    day: dt.date
    kind: str
    name: str
    legal_basis: str


@router.get("/days", response=list[DayOut], summary="Days off and make-up working days of a year")
def days(request, year: int = Query(..., ge=1990, le=2100)):
    return list(calendar_days(year=year))

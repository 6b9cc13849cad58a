"""Cron expressions of the schedule of jobs (docs/operations-schedule.md): what is wrong with one, when it next
fires, and which common shape it has so that an interface can say it in words.

The five classic fields (minute, hour, day of month, month, day of week), read in local time (Asia/Ho_Chi_Minh by
default). Parsing and the next time are cronsim's (a maintained, dependency-free evaluator); this module only adds
the stricter checks the schedule needs (exactly five fields, a time that ever comes) and the recognised shapes.
No Django here: interfaces translate a problem by its `code` and a shape by its `kind`."""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = dt.UTC

# cronsim's messages name the field; ours are stable codes an interface translates.
_FIELD_CODES = {
    "Bad minute": "minute",
    "Bad hour": "hour",
    "Bad day-of-month": "day",
    "Bad month": "month",
    "Bad day-of-week": "weekday",
}
_FIELD_DETAILS = {
    "minute": "the minute must be 0–59, a list, a range or a step such as */5",
    "hour": "the hour must be 0–23, a list, a range or a step",
    "day": "the day of the month must be 1–31 and exist in the months given",
    "month": "the month must be 1–12 or JAN–DEC",
    "weekday": "the day of the week must be 0–7 (0 and 7 are Sunday) or SUN–SAT",
}


@dataclass(frozen=True)
class CronProblem:
    code: str  # stable: "empty", "fields", "minute", "hour", "day", "month", "weekday", "never"
    detail: str  # English; interfaces translate by code


def cron_clean(raw: str) -> str:
    """One space between fields, as people paste them with tabs or doubled spaces."""
    return " ".join((raw or "").split())


def cron_problem(expr: str) -> CronProblem | None:
    """What is wrong with `expr`, or None when the schedule can use it."""
    expr = cron_clean(expr)
    if not expr:
        return CronProblem("empty", "the schedule is empty")
    if len(expr.split(" ")) != 5:
        return CronProblem("fields", "five fields are needed: minute hour day-of-month month day-of-week")
    try:
        it = CronSim(expr, dt.datetime(2000, 1, 1, tzinfo=UTC))
        next(it)
    except CronSimError as exc:
        code = _FIELD_CODES.get(str(exc), "fields")
        return CronProblem(code, _FIELD_DETAILS.get(code, str(exc)))
    except StopIteration:
        return CronProblem("never", "no date ever matches this expression")
    return None


def cron_next(expr: str, after: dt.datetime, tz: dt.tzinfo = LOCAL) -> dt.datetime:
    """The first time strictly after `after` (an aware datetime) that `expr`, read in `tz`, matches; in UTC.
    Raises ValueError for an expression `cron_problem` refuses."""
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    problem = cron_problem(expr)
    if problem is not None:
        raise ValueError(problem.detail)
    found = next(CronSim(cron_clean(expr), after.astimezone(tz)))
    return found.astimezone(UTC)


# --- The common shapes, for saying a schedule in words ---------------------------------------------------------


@dataclass(frozen=True)
class CronShape:
    kind: str  # "every_minutes", "hourly", "every_hours", "daily", "weekly", "monthly"
    minute: int = 0
    hour: int = 0
    every: int = 1  # minutes for every_minutes, hours for every_hours
    weekday: int = 0  # 0 = Sunday … 6 = Saturday
    day: int = 1  # day of the month


_NUM = r"(\d{1,2})"
_DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]


def _num(text: str, low: int, high: int) -> int | None:
    if not re.fullmatch(_NUM, text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def _step(text: str, high: int) -> int | None:
    if text == "*":
        return 1
    match = re.fullmatch(r"\*/" + _NUM, text)
    if match is None:
        return None
    value = int(match.group(1))
    return value if 1 <= value <= high else None


def _weekday(text: str) -> int | None:
    if text.upper() in _DAYS:
        return _DAYS.index(text.upper())
    value = _num(text, 0, 7)
    return None if value is None else value % 7


def cron_shape(expr: str) -> CronShape | None:
    """The shape of `expr` when it is one of the common ones, else None (the interface then shows the cron text)."""
    if cron_problem(expr) is not None:
        return None
    minute, hour, day, month, weekday = cron_clean(expr).split(" ")
    if month != "*":
        return None
    if (day, weekday) == ("*", "*"):
        every_minutes = _step(minute, 59)
        if every_minutes is not None and hour == "*":
            return CronShape("every_minutes", every=every_minutes)
        at_minute = _num(minute, 0, 59)
        if at_minute is None:
            return None
        if hour == "*":
            return CronShape("hourly", minute=at_minute)
        every_hours = _step(hour, 23)
        if every_hours is not None:
            return CronShape("every_hours", minute=at_minute, every=every_hours)
        at_hour = _num(hour, 0, 23)
        return None if at_hour is None else CronShape("daily", minute=at_minute, hour=at_hour)
    at_minute, at_hour = _num(minute, 0, 59), _num(hour, 0, 23)
    if at_minute is None or at_hour is None:
        return None
    if day == "*":
        on_weekday = _weekday(weekday)
        if on_weekday is None:
            return None
        return CronShape("weekly", minute=at_minute, hour=at_hour, weekday=on_weekday)
    on_day = _num(day, 1, 31)
    if on_day is None or weekday != "*":
        return None
    return CronShape("monthly", minute=at_minute, hour=at_hour, day=on_day)


def cron_from_shape(shape: CronShape) -> str:
    """The cron text of a shape (the inverse of `cron_shape` on the shapes it recognises)."""
    if shape.kind == "every_minutes":
        return "* * * * *" if shape.every == 1 else f"*/{shape.every} * * * *"
    if shape.kind == "hourly":
        return f"{shape.minute} * * * *"
    if shape.kind == "every_hours":
        return f"{shape.minute} */{shape.every} * * *"
    if shape.kind == "daily":
        return f"{shape.minute} {shape.hour} * * *"
    if shape.kind == "weekly":
        return f"{shape.minute} {shape.hour} * * {shape.weekday}"
    if shape.kind == "monthly":
        return f"{shape.minute} {shape.hour} {shape.day} * *"
    raise ValueError(f"unknown shape {shape.kind}")

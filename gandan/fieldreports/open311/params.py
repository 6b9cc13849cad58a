"""Reading Open311 arguments: an empty argument is an absent one (GeoReport v2), NUL and other control characters
are dropped, dates are W3C datetimes within sane years, numbers are bounded. A problem is an `ArgError` naming the
argument and what to write instead; the views answer it as the spec's 400 error body."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_DAYS = 90
DEFAULT_LIMIT = 1_000
MAX_PAGE = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_W3C = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


class ArgError(Exception):
    def __init__(self, name: str, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        self.status = status


def text(data, name: str, *, limit: int = 5_000) -> str:
    """The argument as clean text ("" when absent or empty)."""
    value = data.get(name, "")
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value).strip()[:limit]


def text_list(data, name: str) -> list[str]:
    """A comma-separated argument as its non-empty parts."""
    return [part.strip() for part in text(data, name, limit=50_000).split(",") if part.strip()]


def w3c_datetime(data, name: str) -> dt.datetime | None:
    """A W3C datetime ("2026-12-01", "2026-12-01T08:00:00Z", "…+07:00"); without a zone it is Vietnam's time."""
    raw = text(data, name, limit=64)
    if not raw:
        return None
    match = _W3C.match(raw)
    problem = ArgError(
        name,
        _("%(name)s must be a W3C date and time between 1970 and 2100, e.g. 2026-12-01T08:00:00+07:00.")
        % {"name": name},
    )
    if not match:
        raise problem
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        tz: dt.tzinfo = timezone.get_current_timezone()
        if zone == "Z":
            tz = dt.UTC
        elif zone:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if offset > dt.timedelta(hours=14):
                raise problem
            tz = dt.timezone(-offset if zone[0] == "-" else offset)
        value = dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=tz
        )
    except ValueError:
        raise problem from None
    if not 1970 <= value.year <= 2100:
        raise problem
    return value


def date_range(data, *, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """start_date and end_date, at most 90 days apart; by default the last 90 days (one side given: the 90 days
    beside it)."""
    start, end = w3c_datetime(data, "start_date"), w3c_datetime(data, "end_date")
    span = dt.timedelta(days=MAX_DAYS)
    if start is None and end is None:
        end = now
        start = now - span
    elif start is None:
        assert end is not None
        start = end - span
    elif end is None:
        end = start + span
    if end < start:
        raise ArgError("end_date", _("end_date must not come before start_date."))
    if end - start > span:
        raise ArgError(
            "end_date",
            _("start_date and end_date may be at most %(days)d days apart: ask for a shorter period.")
            % {"days": MAX_DAYS},
        )
    return start, end


def number(data, name: str, *, default: int, low: int, high: int) -> int:
    raw = text(data, name, limit=40)
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or not low <= int(raw) <= high:
        raise ArgError(
            name,
            _("%(name)s must be a whole number from %(low)s to %(high)s.")
            % {"name": name, "low": low, "high": f"{high:,}"},
        )
    return int(raw)


def page_window(data) -> tuple[int, int]:
    """(offset, limit) from the page/page_size extension; by default the first 1,000."""
    size = number(data, "page_size", default=DEFAULT_LIMIT, low=1, high=DEFAULT_LIMIT)
    page = number(data, "page", default=1, low=1, high=MAX_PAGE)
    return (page - 1) * size, size


def statuses(data) -> list[str]:
    wanted = sorted(set(text_list(data, "status")))
    for value in wanted:
        if value not in {"open", "closed"}:
            raise ArgError("status", _("status is open, closed or both (open,closed)."))
    return [] if len(wanted) != 1 else wanted


def attributes(data) -> dict[str, list[str]]:
    """attribute[code]=value and attribute[code][]=v1&attribute[code][]=v2, as code → values."""
    found: dict[str, list[str]] = {}
    for key in data:
        match = re.fullmatch(r"attribute\[([^\[\]]{0,100})\](\[\])?", key)
        if not match:
            continue
        values = [_CONTROL.sub("", v).strip()[:5_000] for v in data.getlist(key) if isinstance(v, str)]
        found.setdefault(match.group(1), []).extend(values)
    return found


def truthy(data, name: str) -> bool:
    return text(data, name, limit=10).lower() in {"true", "1", "yes"}

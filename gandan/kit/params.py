"""Reading dates, months, years and numbers from what a person or a client sends, within bounds.

Python's dates reach year 1 and 9999 and SQLite's integers 2**63 - 1; a page that passes `01/01/0001` on to an aware
datetime, or an offset of twenty digits on to SQLite, fails with a 500. Every view, form and endpoint that reads such
a parameter goes through here, so that an out-of-range value is refused once, in Vietnamese, with a 400:

- views call `parse_day` / `parse_month` / `parse_year` / `parse_int`, which raise `BadParameter` (answered 400 by
  Django through `handler400`, and by the API as `{"code": "invalid_parameter", ...}`);
- forms use `DayField`, `DayTimeField`, `MonthField` (the error is shown next to the field);
- ninja endpoints use `Pages` (limit/offset with bounds) and `Field(ge=…, le=…)` with the constants below;
- `NulMiddleware` drops NUL characters from the query string and answers 400 to one in a JSON body.
"""

import datetime as dt
import re

from django import forms
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from ninja.pagination import LimitOffsetPagination
from pydantic import Field

from gandan.errors import DomainError

YEAR_MIN = 1900  # the oldest paper a commune archives; also far from datetime's year 1
YEAR_MAX = 2100  # the newest deadline any rule computes; also far from datetime's year 9999
ID_MAX = 2**31 - 1  # beyond this an id is no row on either database (and may overflow SQLite's integer)
LIMIT_MAX = 1000  # rows per API page
OFFSET_MAX = 1_000_000_000  # more rows than any unit will hold; far inside int64
DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")

BAD_DAY = _("Enter a date as dd/mm/yyyy, e.g. 09/01/2026, between the years %(min)s and %(max)s.")
NO_SUCH_MONTH = _("“%(value)s”: there is no month %(month)s. Write the date as dd/mm/yyyy, e.g. 09/01/2026.")
NO_SUCH_DAY = _(
    "“%(value)s”: month %(month)s/%(year)s has days 01 to %(days)s. Write the date as dd/mm/yyyy, e.g. 09/01/2026."
)
BAD_MONTH = _("Choose a month as yyyy-mm, e.g. 2026-04, between the years %(min)s and %(max)s.")
BAD_YEAR = _("Enter a year between %(min)s and %(max)s.")
BAD_NUMBER = _("Enter a whole number between %(min)s and %(max)s.")


class BadParameter(DomainError, BadRequest):
    """A parameter of the request is not a value the site can use. A DomainError for the API (JSON, stable code)
    and a BadRequest for the pages (Django answers 400 through `handler400`, which shows the message)."""

    def __init__(self, name: str, message) -> None:
        super().__init__("invalid_parameter", message, field=name)


def _years() -> dict:
    return {"min": YEAR_MIN, "max": YEAR_MAX}


_DAY_PARTS = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T].*)?$")
_ISO_PARTS = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def bad_day_message(text: str) -> str:
    """What is wrong with a date typed as `text` that could not be read, in words that say what to fix: a month
    that does not exist (13, 00), a day the month does not have (31/02, 00/…), or the format and the years."""
    text = (text or "").strip()
    found = _DAY_PARTS.match(text)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO_PARTS.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        return str(BAD_DAY % _years())
    shown = text[:40]
    if not YEAR_MIN <= year <= YEAR_MAX:
        return str(BAD_DAY % _years())
    if not 1 <= month <= 12:
        return str(NO_SUCH_MONTH % {"value": shown, "month": f"{month:02d}"})
    bounds = month_range(year, month)
    if bounds is not None and not 1 <= day <= bounds[1].day:
        days = bounds[1].day
        return str(NO_SUCH_DAY % {"value": shown, "month": f"{month:02d}", "year": year, "days": days})
    return str(BAD_DAY % _years())


def day_in_range(value: dt.date) -> bool:
    return YEAR_MIN <= value.year <= YEAR_MAX


def parse_day(text: str | None, *, name: str) -> dt.date | None:
    """A calendar day typed as dd/mm/yyyy (or yyyy-mm-dd); None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DAY_FORMATS:
        try:
            value = dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 — a calendar day, no time
        except ValueError:
            continue
        if day_in_range(value):
            return value
        break
    raise BadParameter(name, bad_day_message(text))


def month_range(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a month, or None when it is not a month inside the years the site knows."""
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
        return None
    first = dt.date(year, month, 1)
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def month_bounds(text: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a "yyyy-mm" month, or None when it is not such a month."""
    found = MONTH_RE.match(text or "")
    return month_range(int(found[1]), int(found[2])) if found else None


def month_first(text: str | None) -> dt.date | None:
    """The first day of a "yyyy-mm" month, or None when it is not such a month (a list's hidden `period`)."""
    bounds = month_bounds(text)
    return bounds[0] if bounds else None


def parse_month(text: str | None, *, name: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a "yyyy-mm" month; None when empty."""
    if not (text or "").strip():
        return None
    bounds = month_bounds(text)
    if bounds is None:
        raise BadParameter(name, BAD_MONTH % _years())
    return bounds


def parse_int(text: str | None, *, name: str, lo: int, hi: int, default: int | None = None) -> int | None:
    """A whole number within lo..hi; `default` when empty."""
    text = (text or "").strip()
    if not text:
        return default
    # int() would accept "١٢" and "1_000" and spend quadratic time on 100,000 digits: digits only, and few.
    if len(text) <= 20 and re.fullmatch(r"[+-]?[0-9]+", text):
        value = int(text)
        if lo <= value <= hi:
            return value
    raise BadParameter(name, BAD_NUMBER % {"min": lo, "max": hi})


def parse_year(text: str | None, *, name: str, default: int | None = None) -> int | None:
    """A year within YEAR_MIN..YEAR_MAX; `default` when empty."""
    try:
        return parse_int(text, name=name, lo=YEAR_MIN, hi=YEAR_MAX, default=default)
    except BadParameter:
        raise BadParameter(name, BAD_YEAR % _years()) from None


# --- Form fields ------------------------------------------------------------------------------------------------


class DayField(forms.DateField):
    """A date field that refuses years outside YEAR_MIN..YEAR_MAX (Django's own accepts 0001 to 9999)."""

    def to_python(self, value):
        try:
            result = super().to_python(value)
        except forms.ValidationError as error:
            if error.code == "invalid":
                raise forms.ValidationError(bad_day_message(str(value)), code="invalid") from None
            raise
        if result is not None and not day_in_range(result):
            raise forms.ValidationError(BAD_DAY % _years(), code="out_of_range")
        return result


class DayTimeField(forms.DateTimeField):
    """A date-and-time field that refuses years outside YEAR_MIN..YEAR_MAX."""

    def to_python(self, value):
        try:
            result = super().to_python(value)
        except OverflowError:  # making 31/12/9999 23:59 aware in Asia/Ho_Chi_Minh passes year 9999
            raise forms.ValidationError(BAD_DAY % _years(), code="out_of_range") from None
        except forms.ValidationError as error:
            if error.code == "invalid" and isinstance(value, str):
                raise forms.ValidationError(bad_day_message(value), code="invalid") from None
            raise
        if result is not None and not YEAR_MIN <= result.year <= YEAR_MAX:
            raise forms.ValidationError(BAD_DAY % _years(), code="out_of_range")
        return result


class MonthField(forms.CharField):
    """A "yyyy-mm" month (a browser's month picker sends that form); cleaned to the text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month", "placeholder": "yyyy-mm"}))
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and month_bounds(value) is None:
            raise forms.ValidationError(BAD_MONTH % _years(), code="invalid")


# --- The API ----------------------------------------------------------------------------------------------------


class Pages(LimitOffsetPagination):
    """limit/offset pages whose numbers stay inside what the databases can take (ninja's own have no maximum)."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(100, ge=1, le=LIMIT_MAX)
        offset: int = Field(0, ge=0, le=OFFSET_MAX)


# --- NUL characters -----------------------------------------------------------------------------------------------

BAD_NUL = _("The text contains a character that cannot be stored (NUL). Remove it and try again.")
_NUL_IN_JSON = re.compile(rb"\x00|\\u0000", re.IGNORECASE)


class NulMiddleware:
    """NUL characters never reach a query: PostgreSQL cannot store one in text, so one there is a 500 (SQLite takes
    it). No person types one. In the query string they are dropped, as the searches already drop control
    characters; a JSON body holding one is refused with a 400 (the API then says so, in Vietnamese). Form bodies
    need nothing here: Django's form fields refuse a NUL next to the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        if (
            request.content_type == "application/json"
            and request.method not in ("GET", "HEAD")
            and _NUL_IN_JSON.search(request.body)
        ):
            # Answered here, through the site's own 400 handler (JSON under /api/), in DEBUG as in production.
            from django.urls import get_resolver

            return get_resolver().resolve_error_handler(400)(request, BadParameter("", BAD_NUL))
        return self.get_response(request)

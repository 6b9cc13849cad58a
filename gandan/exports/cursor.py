"""The export cursor: where the last page ended, as an opaque signed string.

A position is (updated_at, id) of the last row given: the next call reads the rows changed strictly after it, in that
order, so a nightly job that keeps the cursor gets each change once, and a record changed twice since its last call
once, in its latest state. The cursor is `django.core.signing` of {"k": kind, "t": time, "i": id} (URL-safe base64
JSON and a signature keyed by SECRET_KEY, salted per kind): a cursor edited by hand, cut short, or made for another
kind is refused (400), never trusted. A new SECRET_KEY voids every cursor: start again without one (docs/exports.md).
"""

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import BadParameter, parse_day

SALT = "gandan.exports.cursor"
MAX_LENGTH = 400
BAD_CURSOR = _(
    "The cursor is not one this site gave (changed, cut short, or made for another kind of record): use the "
    "next_cursor of the last answer as it is, or start again without since_cursor."
)


@dataclass(frozen=True)
class Position:
    """After this (updated_at, id); `at` None is before every row."""

    at: dt.datetime | None
    id: int = 0


START = Position(None, 0)


def cursor_make(kind: str, position: Position) -> str:
    at = position.at.astimezone(dt.UTC).isoformat() if position.at is not None else None
    return signing.dumps({"k": kind, "t": at, "i": position.id}, salt=SALT, compress=False)


def cursor_read(kind: str, text: str, *, name: str = "since_cursor") -> Position:
    """The position a cursor of `kind` names; BadParameter (400, in Vietnamese) for anything else."""
    if not text or len(text) > MAX_LENGTH:
        raise BadParameter(name, BAD_CURSOR)
    try:
        data = signing.loads(text, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise BadParameter(name, BAD_CURSOR) from None
    if not isinstance(data, dict) or data.get("k") != kind:
        raise BadParameter(name, BAD_CURSOR)
    pk, at = data.get("i"), data.get("t")
    if not isinstance(pk, int) or isinstance(pk, bool) or pk < 0:
        raise BadParameter(name, BAD_CURSOR)
    if at is None:
        return Position(None, pk)
    try:
        moment = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise BadParameter(name, BAD_CURSOR)
    return Position(moment, pk)


def cursor_start(kind: str, *, since_cursor: str = "", changed_since: str = "") -> Position:
    """Where an export starts: after the cursor, at the start of a day (yyyy-mm-dd or dd/mm/yyyy, a first call), or
    at the beginning. BadParameter (400, in Vietnamese) for a bad cursor or day, or both at once."""
    if since_cursor and changed_since:
        raise BadParameter("changed_since", _("Send either since_cursor or changed_since, not both."))
    if since_cursor:
        return cursor_read(kind, since_cursor)
    day = parse_day(changed_since, name="changed_since")
    if day is None:
        return START
    if day > timezone.localdate():
        # Its cursor would skip every change until that day.
        raise BadParameter("changed_since", _("Choose a day that is not after today."))
    return Position(timezone.make_aware(dt.datetime.combine(day, dt.time.min)), 0)

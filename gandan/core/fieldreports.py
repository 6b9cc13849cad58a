"""Field reports (phản ánh hiện trường) as plain Python: the states and their moves, what Open311 sees of them,
where a point falls, how the public sees a place, the answer's working-day timer as versioned rules, the nearby
duplicates, and the category's extra questions (Open311 service definitions). No Django, no clock.

    new ──acknowledge──▶ investigating ──start──▶ in_progress ──fix──▶ fixed
     │                        │  └──schedule──▶ action_scheduled ──fix──┘
     └── any open state: duplicate · not_responsible · no_further_action · to_petition (closed)
    a closed report (fixed, no further action, not responsible) may be reopened ──▶ investigating
"""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from gandan.core.workdays import WorkCalendar, due_after_working_days


class Status(StrEnum):
    NEW = "new"
    INVESTIGATING = "investigating"
    IN_PROGRESS = "in_progress"
    ACTION_SCHEDULED = "action_scheduled"
    FIXED = "fixed"
    DUPLICATE = "duplicate"
    NOT_RESPONSIBLE = "not_responsible"
    NO_FURTHER_ACTION = "no_further_action"
    TO_PETITION = "to_petition"


OPEN_STATES = frozenset({Status.NEW, Status.INVESTIGATING, Status.IN_PROGRESS, Status.ACTION_SCHEDULED})
CLOSED_STATES = frozenset(Status) - OPEN_STATES

# mySociety's extended statuses (OPEN311.md): the full state for clients that read `extended_status` / FixMyStreet.
EXTERNAL_STATUS: dict[Status, str] = {
    Status.NEW: "OPEN",
    Status.INVESTIGATING: "INVESTIGATING",
    Status.IN_PROGRESS: "IN_PROGRESS",
    Status.ACTION_SCHEDULED: "ACTION_SCHEDULED",
    Status.FIXED: "FIXED",
    Status.DUPLICATE: "DUPLICATE",
    Status.NOT_RESPONSIBLE: "NOT_COUNCILS_RESPONSIBILITY",
    Status.NO_FURTHER_ACTION: "NO_FURTHER_ACTION",
    Status.TO_PETITION: "INTERNAL_REFERRAL",
}


def open311_status(status: str) -> str:
    """GeoReport v2 knows two states: `open` (reported, being handled) and `closed` (resolved one way or another)."""
    return "open" if Status(status) in OPEN_STATES else "closed"


class Action(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    START = "start"
    SCHEDULE = "schedule"
    FIX = "fix"
    DUPLICATE = "duplicate"
    NOT_RESPONSIBLE = "not_responsible"
    NO_FURTHER_ACTION = "no_further_action"
    TO_PETITION = "to_petition"
    REOPEN = "reopen"


_OPEN = OPEN_STATES
_REOPENABLE = frozenset({Status.FIXED, Status.NO_FURTHER_ACTION, Status.NOT_RESPONSIBLE})

# action → (the states it may be taken from, the state it leads to)
MOVES: dict[Action, tuple[frozenset[Status], Status]] = {
    Action.ACKNOWLEDGE: (frozenset({Status.NEW}), Status.INVESTIGATING),
    Action.START: (
        frozenset({Status.NEW, Status.INVESTIGATING, Status.ACTION_SCHEDULED}),
        Status.IN_PROGRESS,
    ),
    Action.SCHEDULE: (
        frozenset({Status.NEW, Status.INVESTIGATING, Status.IN_PROGRESS}),
        Status.ACTION_SCHEDULED,
    ),
    Action.FIX: (_OPEN, Status.FIXED),
    Action.DUPLICATE: (_OPEN, Status.DUPLICATE),
    Action.NOT_RESPONSIBLE: (_OPEN, Status.NOT_RESPONSIBLE),
    Action.NO_FURTHER_ACTION: (_OPEN, Status.NO_FURTHER_ACTION),
    Action.TO_PETITION: (_OPEN, Status.TO_PETITION),
    Action.REOPEN: (_REOPENABLE, Status.INVESTIGATING),
}

# The actions whose note the reporter and the public must read (why it was closed, what was done).
NOTE_REQUIRED = frozenset(
    {Action.FIX, Action.NOT_RESPONSIBLE, Action.NO_FURTHER_ACTION, Action.REOPEN, Action.SCHEDULE}
)


def allowed_actions(status: str) -> list[Action]:
    current = Status(status)
    return [action for action, (sources, _to) in MOVES.items() if current in sources]


def can_move(status: str, action: str) -> bool:
    try:
        return Status(status) in MOVES[Action(action)][0]
    except ValueError:
        return False


def move_target(status: str, action: str) -> Status:
    """The state `action` leads to from `status`; ValueError when the move is not allowed."""
    if not can_move(status, action):
        raise ValueError(f"{action} is not allowed from {status}")
    return MOVES[Action(action)][1]


# --- Places ----------------------------------------------------------------------------------------------------------

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Point:
    lat: float
    long: float


@dataclass(frozen=True)
class Box:
    """A latitude/longitude rectangle (the province's extent): what is outside it is not this installation's."""

    south: float
    west: float
    north: float
    east: float

    def holds(self, point: Point) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.long <= self.east


def distance_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.long - a.long)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Place:
    """A village (or a commune's centre) by its representative point, as the demo data and the officials record it."""

    key: int  # the unit's id
    commune_key: int
    point: Point


def nearest_place(point: Point, places: list[Place], *, within_m: float) -> Place | None:
    """The place whose point is nearest `point`, if within `within_m` metres: a village's area is taken as the
    points nearer its own point than any other's (a Voronoi cell), which needs no boundary data."""
    best: Place | None = None
    best_d = within_m
    for place in places:
        d = distance_m(point, place.point)
        if d <= best_d:
            best, best_d = place, d
    return best


PUBLIC_GRID = (
    0.002  # degrees: about 220 m north-south; the public sees a report's square, never the exact spot
)


def approximate(point: Point, *, grid: float = PUBLIC_GRID) -> Point:
    """The centre of the grid square holding `point`: close enough to find a pothole's street, never the doorstep
    of whoever stood there to photograph it."""
    return Point(
        lat=round((math.floor(point.lat / grid) + 0.5) * grid, 6),
        long=round((math.floor(point.long / grid) + 0.5) * grid, 6),
    )


def parse_coordinate(raw: str, *, low: float, high: float) -> float | None:
    """A decimal degree typed or sent by a client ("21.4501", " 105,40 " with a decimal comma), within
    [low, high]; None for anything else (NaN, infinity, exponent forms, words)."""
    text = (raw or "").strip().replace(",", ".")
    if not re.fullmatch(r"[+-]?\d{1,3}(\.\d{1,12})?", text):
        return None
    value = float(text)
    return value if low <= value <= high else None


# --- The answer's timer: versioned working-day rules ------------------------------------------------------------------


@dataclass(frozen=True)
class TimerRule:
    """From `valid_from`, a report of the category is to be settled within `days` working days of its receipt."""

    valid_from: date
    days: int


def rule_in_force(rules: list[TimerRule], day: date) -> TimerRule | None:
    """The newest rule already valid on `day` (a correction written today never moves a past report's clock)."""
    valid = [r for r in rules if r.valid_from <= day]
    return max(valid, key=lambda r: r.valid_from) if valid else None


def report_due(
    received_at: datetime, rules: list[TimerRule], *, calendar: WorkCalendar, cutoff: time
) -> date | None:
    """The day a report received at `received_at` (local wall-clock time) is due, by the rule in force that day."""
    rule = rule_in_force(rules, received_at.date())
    if rule is None:
        return None
    return due_after_working_days(received_at, rule.days, calendar=calendar, cutoff=cutoff)


# --- Possible duplicates ---------------------------------------------------------------------------------------------

DUPLICATE_RADIUS_M = 150.0
DUPLICATE_DAYS = 30


@dataclass(frozen=True)
class Nearby:
    key: int
    category: str
    point: Point
    received: date
    open: bool


def nearby_duplicates(
    *,
    category: str,
    point: Point,
    received: date,
    others: list[Nearby],
    radius_m: float = DUPLICATE_RADIUS_M,
    days: int = DUPLICATE_DAYS,
) -> list[tuple[int, float]]:
    """The open reports of the same category within `radius_m` received in the `days` before, nearest first:
    what an officer is offered to link before handling the same pothole twice."""
    found = []
    for other in others:
        if other.category != category or not other.open:
            continue
        if not 0 <= (received - other.received).days <= days:
            continue
        d = distance_m(point, other.point)
        if d <= radius_m:
            found.append((other.key, d))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


# --- Extra questions (Open311 service definitions) ------------------------------------------------------------------


class Datatype(StrEnum):
    STRING = "string"
    NUMBER = "number"
    DATETIME = "datetime"
    TEXT = "text"
    SINGLE = "singlevaluelist"
    MULTI = "multivaluelist"


STRING_MAX = 300
TEXT_MAX = 4_000
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class Question:
    code: str
    datatype: Datatype
    required: bool
    variable: bool = True
    values: tuple[str, ...] = ()  # the keys of a list's options


class AttributeProblem(StrEnum):
    UNKNOWN = "unknown"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_NUMBER = "not_number"
    NOT_DATETIME = "not_datetime"
    NOT_AN_OPTION = "not_an_option"
    ONE_VALUE = "one_value"


# Another system's id for the same report, sent as an attribute no category asks (OPEN311.md, "Cross-reference"):
# FixMyStreet sends `attribute[fixmystreet_id]` with every request. Kept with the answers, never refused.
CROSS_REFERENCES = frozenset({"fixmystreet_id"})
CROSS_REFERENCE_MAX = 100


def check_answers(
    questions: list[Question], given: dict[str, list[str]]
) -> tuple[dict[str, str | list[str]], dict[str, AttributeProblem]]:
    """The answers to keep, and every problem by attribute code. `given` maps a code to the values sent (one for
    `attribute[code]`, several for `attribute[code][]`); an empty value counts as absent (GeoReport v2). An answer to a
    question the category does not ask, or to an informational one, is a problem: nothing is silently dropped."""
    by_code = {q.code: q for q in questions}
    kept: dict[str, str | list[str]] = {}
    problems: dict[str, AttributeProblem] = {}
    for code, values in given.items():
        question = by_code.get(code)
        if question is None and code in CROSS_REFERENCES:
            reference = next((v.strip() for v in values if v.strip()), "")
            if len(reference) > CROSS_REFERENCE_MAX:
                problems[code] = AttributeProblem.TOO_LONG
            elif reference:
                kept[code] = reference
            continue
        if (question is None or not question.variable) and any(v.strip() for v in values):
            problems[code] = AttributeProblem.UNKNOWN
    for question in questions:
        if not question.variable:
            continue
        values = [v.strip() for v in given.get(question.code, []) if v.strip()]
        if not values:
            if question.required:
                problems[question.code] = AttributeProblem.REQUIRED
            continue
        if question.datatype is Datatype.MULTI:
            unknown = [v for v in values if v not in question.values]
            if unknown:
                problems[question.code] = AttributeProblem.NOT_AN_OPTION
            else:
                kept[question.code] = list(dict.fromkeys(values))
            continue
        if len(values) > 1:
            problems[question.code] = AttributeProblem.ONE_VALUE
            continue
        value = values[0]
        if question.datatype is Datatype.SINGLE:
            if value not in question.values:
                problems[question.code] = AttributeProblem.NOT_AN_OPTION
                continue
        elif question.datatype is Datatype.NUMBER:
            try:
                number = Decimal(value.replace(",", ".")) if len(value) <= 30 else None
            except (InvalidOperation, ArithmeticError):
                number = None
            # "1e1000000" is a finite Decimal whose plain form has a million digits: no answer is that large.
            if number is None or not number.is_finite() or abs(number.adjusted()) > 15:
                problems[question.code] = AttributeProblem.NOT_NUMBER
                continue
            value = format(number.normalize(), "f")
        elif question.datatype is Datatype.DATETIME:
            if not _DATETIME.match(value) or not _valid_datetime(value):
                problems[question.code] = AttributeProblem.NOT_DATETIME
                continue
        else:
            limit = TEXT_MAX if question.datatype is Datatype.TEXT else STRING_MAX
            if len(value) > limit:
                problems[question.code] = AttributeProblem.TOO_LONG
                continue
        kept[question.code] = value
    return kept, problems


def _valid_datetime(value: str) -> bool:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return 1900 <= parsed.year <= 2200


ATTRIBUTE_CODE = re.compile(r"^[A-Za-z0-9_\-]{1,50}$")
SERVICE_CODE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,49}$")

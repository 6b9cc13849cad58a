"""The one-stop desk's rules, in plain Python: statuses and allowed transitions, the dossier code, and the
Decision 766 on-time formula (DOMAIN.md §1.3, §1.6). No Django here; the models mirror these values."""

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from gandan.accounts.rules import Perm
from gandan.core.workdays import WorkCalendar, add_working_days, working_days_between


class Status(IntEnum):
    """The national (DVCQG) status codes."""

    NEW = 1  # Mới đăng ký — submitted online, not yet checked by the desk
    ACCEPTED = 2  # Được tiếp nhận
    REFUSED = 3  # Không được tiếp nhận
    IN_PROGRESS = 4  # Đang xử lý
    SUPPLEMENT = 5  # Yêu cầu bổ sung giấy tờ
    PAYMENT = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    PROCESSED = 9  # Đã xử lý xong
    RETURNED = 10  # Đã trả kết quả


class Action(StrEnum):
    ACCEPT = "accept"  # complete → receipt and appointment (Form 01)
    REQUEST_SUPPLEMENT = "request_supplement"  # incomplete → Form 02 (at intake or during processing)
    REFUSE = "refuse"  # not acceptable → Form 03
    TRANSFER = "transfer"  # hand the dossier to a handling officer / unit
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REQUEST_PAYMENT = "request_payment"
    RECORD_PAYMENT = "record_payment"
    WITHDRAW = "withdraw"
    STOP = "stop"  # Form 05 (notice stopping processing)
    COMPLETE = "complete"  # processed, result ready for pick-up
    RETURN_RESULT = "return_result"
    APOLOGIZE = "apologize"  # Form 04, new appointment (does not change the status)


# Which action moves which status where. An action absent for a status is refused with a domain error.
TRANSITIONS: dict[Status, dict[Action, Status]] = {
    Status.NEW: {
        Action.ACCEPT: Status.ACCEPTED,
        Action.REQUEST_SUPPLEMENT: Status.SUPPLEMENT,
        Action.REFUSE: Status.REFUSED,
        Action.WITHDRAW: Status.WITHDRAWN,
    },
    Status.ACCEPTED: {
        Action.TRANSFER: Status.IN_PROGRESS,
        Action.REQUEST_SUPPLEMENT: Status.SUPPLEMENT,
        Action.REQUEST_PAYMENT: Status.PAYMENT,
        Action.WITHDRAW: Status.WITHDRAWN,
        Action.STOP: Status.STOPPED,
        Action.COMPLETE: Status.PROCESSED,
        Action.APOLOGIZE: Status.ACCEPTED,
    },
    Status.IN_PROGRESS: {
        Action.TRANSFER: Status.IN_PROGRESS,
        Action.REQUEST_SUPPLEMENT: Status.SUPPLEMENT,
        Action.REQUEST_PAYMENT: Status.PAYMENT,
        Action.WITHDRAW: Status.WITHDRAWN,
        Action.STOP: Status.STOPPED,
        Action.COMPLETE: Status.PROCESSED,
        Action.APOLOGIZE: Status.IN_PROGRESS,
    },
    Status.SUPPLEMENT: {
        # Back to where it was: ACCEPTED for a dossier still at intake, IN_PROGRESS otherwise (decided by the
        # service from whether the desk had accepted it); listed here as the in-processing case.
        Action.RECEIVE_SUPPLEMENT: Status.IN_PROGRESS,
        Action.WITHDRAW: Status.WITHDRAWN,
        Action.STOP: Status.STOPPED,
        Action.REFUSE: Status.REFUSED,
    },
    Status.PAYMENT: {
        Action.RECORD_PAYMENT: Status.IN_PROGRESS,
        Action.WITHDRAW: Status.WITHDRAWN,
        Action.STOP: Status.STOPPED,
        Action.APOLOGIZE: Status.PAYMENT,
    },
    # Processing has ended: the result waits for the citizen, so nothing is late any more (no Form 04).
    Status.PROCESSED: {
        Action.RETURN_RESULT: Status.RETURNED,
    },
    Status.REFUSED: {},
    Status.WITHDRAWN: {},
    Status.STOPPED: {},
    Status.RETURNED: {},
}

TERMINAL = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})
# The states whose first timestamp ends processing for the on-time statistics (DOMAIN.md §1.6).
ENDS_PROCESSING = frozenset(
    {Status.PROCESSED, Status.RETURNED, Status.STOPPED, Status.REFUSED, Status.WITHDRAWN}
)
# Statuses of dossiers the desk is still responsible for.
OPEN = frozenset({Status.ACCEPTED, Status.IN_PROGRESS, Status.SUPPLEMENT, Status.PAYMENT, Status.PROCESSED})
# Statuses in which the appointment clock runs, so a dossier can be late: received and not yet processed. Not while
# waiting for the citizen's papers (the clock is stopped; the appointment moves when they arrive), not once the result
# is ready (processed), returned, refused, withdrawn or stopped.
RUNNING = frozenset({Status.ACCEPTED, Status.IN_PROGRESS, Status.PAYMENT})


class TransitionError(ValueError):
    def __init__(self, status: Status, action: Action) -> None:
        super().__init__(f"{action} is not allowed from status {int(status)}")
        self.status = status
        self.action = action


def next_status(status: Status, action: Action) -> Status:
    """The status after `action`, or TransitionError when the action is not allowed now."""
    try:
        return TRANSITIONS[status][action]
    except KeyError as exc:
        raise TransitionError(status, action) from exc


def allowed_actions(status: Status) -> list[Action]:
    return list(TRANSITIONS[status])


# --- Dossier code -------------------------------------------------------------------------------------------
DEFAULT_CODE_FORMAT = "{unit}-{yymmdd}-{seq:04d}"  # Circular 01/2018 Art. 19; configurable (DOMAIN.md §1.2)


def dossier_code(unit_code: str, day: dt.date, seq: int, *, fmt: str = DEFAULT_CODE_FORMAT) -> str:
    """`08848-260109-0001`: the receiving unit, the day of receipt and that day's sequence at that unit."""
    if seq < 1:
        raise ValueError("the sequence starts at 1")
    return fmt.format(unit=unit_code, yymmdd=day.strftime("%y%m%d"), seq=seq)


_TYPED_CODE = re.compile(r"^(?P<unit>.+?)-?(?P<day>\d{6})-?(?P<seq>\d{4})$")


def normalize_code(raw: str | None) -> str:
    """A dossier code as a citizen types it, in the stored form `{unit}-{YYMMDD}-{NNNN}`: upper case, spaces
    removed anywhere, and the two dashes before the day and the sequence put back when they were left out
    ("08848 260109 0001", "088482601090001", " 08848-260109-0001 " are one code). Dashes inside the unit's own
    code are kept. Text that is not shaped like a code comes back upper-cased without spaces (it then finds
    nothing); "" when it holds a control character."""
    value = "".join((raw or "").split()).upper()
    if not value.isprintable():
        return ""
    match = _TYPED_CODE.match(value)
    if match is None:
        return value
    return f"{match['unit'].rstrip('-')}-{match['day']}-{match['seq']}"


# --- Decision 766, indicator 2.1: on time ------------------------------------------------------------------------
# DOMAIN.md §1.6: processing ends at the first "processed / returned / stopped / refused / withdrawn"; supplement
# time is excluded; more than one supplement request is late; a dossier still open is measured at the period's end,
# one waiting for papers at the request time. We exclude the supplement time in WORKING days (the unit procedures
# are counted in), so the statistic agrees with the new appointment the citizen is given after the papers arrive.
@dataclass(frozen=True)
class Pause:
    """A supplement request: the clock stops at `start` and restarts at `end` (None while still waiting).
    Local wall-clock datetimes."""

    start: dt.datetime
    end: dt.datetime | None = None


@dataclass(frozen=True)
class OnTimeInput:
    appointment: dt.date  # the ORIGINAL appointment (apologies never move it)
    finished_at: dt.datetime | None  # local time of the first state that ends processing
    pauses: list[Pause] = field(default_factory=list)


def statistic_due(case: OnTimeInput, *, calendar: WorkCalendar, until: dt.datetime | None = None) -> dt.date:
    """The original appointment moved by the working days of every supplement pause closed by `until`."""
    due = case.appointment
    for pause in case.pauses:
        if pause.end is not None and (until is None or pause.end <= until):
            paused = working_days_between(pause.start.date(), pause.end.date(), calendar=calendar)
            due = add_working_days(due, max(paused, 0), calendar=calendar)
    return due


def measured_end(case: OnTimeInput, *, period_end: dt.datetime) -> dt.datetime:
    """When processing is taken to have ended, as seen at `period_end` (the last moment of the period)."""
    open_pause = next((p for p in case.pauses if p.end is None), None)
    if case.finished_at is not None and case.finished_at <= period_end:
        return case.finished_at
    if open_pause is not None and open_pause.start <= period_end:
        return open_pause.start
    return period_end


def is_on_time(case: OnTimeInput, *, period_end: dt.datetime, calendar: WorkCalendar) -> bool:
    """Decision 766 indicator 2.1 for one dossier."""
    if len(case.pauses) > 1:
        return False
    end = measured_end(case, period_end=period_end)
    return end.date() <= statistic_due(case, calendar=calendar, until=end)


def on_time_rate(
    cases: list[OnTimeInput], *, period_end: dt.datetime, calendar: WorkCalendar
) -> float | None:
    """Share of dossiers handled early or on time, in percent; None when there is nothing to count."""
    if not cases:
        return None
    return 100.0 * sum(is_on_time(c, period_end=period_end, calendar=calendar) for c in cases) / len(cases)


def step_result(*, handed_at: dt.datetime, step_due_end: dt.datetime | None) -> str:
    """The result of one hand-off step on the process control slip: early, on time or late."""
    if step_due_end is None:
        return "on_time"
    if handed_at.date() < step_due_end.date():
        return "early"
    return "on_time" if handed_at <= step_due_end else "late"


# --- Lateness and the apology (Form 04) ----------------------------------------------------------------------
# DOMAIN.md §8.3 and design implication 3: the appointment is counted in working days, so lateness is too. A dossier
# is late once a whole working day has passed after its (current) appointment day: due on a Friday, it is late on
# the Monday (1 working day), not over the weekend when the desk is closed. The 766 statistic is separate
# (is_on_time, on the ORIGINAL appointment).


def days_late(*, status: Status, appointment: dt.date | None, today: dt.date, calendar: WorkCalendar) -> int:
    """Working days past the current appointment while the clock runs; 0 when not late or not running."""
    if status not in RUNNING or appointment is None or today <= appointment:
        return 0
    return working_days_between(appointment, today, calendar=calendar)


def is_overdue(
    *, status: Status, appointment: dt.date | None, today: dt.date, calendar: WorkCalendar
) -> bool:
    """Late: the clock runs and at least one working day has passed after the appointment."""
    return days_late(status=status, appointment=appointment, today=today, calendar=calendar) > 0


def overdue_before(today: dt.date, *, calendar: WorkCalendar) -> dt.date:
    """The same rule as a bound for a database filter: a running dossier is overdue exactly when its appointment
    is before this day (the last working day up to `today`)."""
    return calendar.previous_working_day(today, include_self=True)


def may_apologize(
    *,
    status: Status,
    appointment: dt.date | None,
    today: dt.date,
    calendar: WorkCalendar,
    warning_days: int = 0,
) -> bool:
    """Whether Form 04 (apology and new appointment) may be issued today: once late, or — when the commune sets a
    warning of `warning_days` working days (GANDAN_APOLOGY_WARNING_DAYS) — from that many working days before the
    appointment. 0 means only once late. Never when the clock is not running."""
    if status not in RUNNING or appointment is None:
        return False
    if is_overdue(status=status, appointment=appointment, today=today, calendar=calendar):
        return True
    return warning_days > 0 and working_days_between(today, appointment, calendar=calendar) <= warning_days


# --- Returning the result ---------------------------------------------------------------------------------
class ReturnMethod(StrEnum):
    IN_PERSON = "in_person"  # at the desk
    POST = "post"  # public postal service (bưu chính công ích)
    ONLINE = "online"  # an electronic result, sent online


def return_problems(
    *,
    method: str,
    result_number: str,
    receiver_is_applicant: bool,
    receiver_name: str,
    receiver_relationship: str,
    fee_amount: int,
    receipt_number: str,
) -> dict[str, str]:
    """What is missing or wrong in a return record, field → problem code ("required" or "invalid"; the service
    words the message): the result document's number is always required (the file is optional: a paper result is
    handed over); a person other than the applicant is named with their relationship or authorisation; a fee
    collected has its receipt number. Texts are already normalised."""
    problems: dict[str, str] = {}
    if method not in set(ReturnMethod):
        problems["method"] = "invalid"
    if not result_number:
        problems["result_number"] = "required"
    if not receiver_is_applicant:
        if not receiver_name:
            problems["receiver_name"] = "required"
        if not receiver_relationship:
            problems["receiver_relationship"] = "required"
    if fee_amount < 0:
        problems["fee_amount"] = "invalid"
    elif fee_amount > 0 and not receipt_number:
        problems["receipt_number"] = "required"
    return problems


# --- Who may do what -------------------------------------------------------------------------------------
_R, _P = Perm.DOSSIERS_RECEIVE, Perm.DOSSIERS_PROCESS
# Who may do what: the desk receives, hands over and returns; handlers process; either may hand a dossier on.
ACTION_PERMS: dict[Action, tuple[Perm, ...]] = {
    Action.ACCEPT: (_R,),
    Action.REFUSE: (_R,),
    Action.RECEIVE_SUPPLEMENT: (_R,),
    Action.RETURN_RESULT: (_R,),
    Action.RECORD_PAYMENT: (_R,),
    Action.WITHDRAW: (_R,),
    Action.TRANSFER: (_R, _P),
    Action.REQUEST_SUPPLEMENT: (_R, _P),
    Action.REQUEST_PAYMENT: (_P,),
    Action.STOP: (_P,),
    Action.COMPLETE: (_P,),
    # The desk tells the citizen and sets the new date as often as the handler does (Decree 61 Art. 19 sends the
    # apology through the desk); accounts.rules grants DOSSIERS_APOLOGIZE to both and to the leader.
    Action.APOLOGIZE: (Perm.DOSSIERS_APOLOGIZE,),
}


def may_act(user, action: Action) -> bool:
    """`user` is anything with `can(perm)` (the signed-in staff user)."""
    return any(user.can(perm) for perm in ACTION_PERMS[action])


# The steps whose note is written for the citizen (the appointment, the papers to bring, the reasons of Forms 03–05).
# Other notes are the officers' own words (the result, a payment, a withdrawal) and may name people: the public
# timeline (page and API) shows only the status of those steps.
PUBLIC_NOTE_ACTIONS = frozenset({"accept", "request_supplement", "apologize", "refuse", "stop"})

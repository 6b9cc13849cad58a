"""How a household vote is run (Law 10/2022 Art. 17–21; Decree 59/2023 Art. 3–5), beside the thresholds of `votes`:
which forms a village may use today, the notice, the counting board, the window of a ballot, and the clocks of the
community decision (sent within 5 working days of the count, recognised or refused within 5 working days of its
sending).

Pure: the calendar, "today" and the register's figures are arguments, so the pages, the API calculator and the
tests compute the same thing."""

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum

from gandan.core.democracy.votes import Form, VoteRule, online_allowed, quorum_reached
from gandan.core.workdays import WorkCalendar, add_working_days

NOTICE_DAYS = (
    2  # the notice (and the papers of items 1–3) reach the households at least 2 days before (Art. 18)
)
BOARD_MIN, BOARD_MAX = 3, 5  # the counting board / ballot team / online team (Art. 18–19; Decree 59 Art. 5)
SEND_WORKING_DAYS = 5  # the community decision goes to the commune within 5 working days (Art. 20)
ANSWER_WORKING_DAYS = 5  # the commune recognises it or refuses in writing within 5 working days (Art. 21)


class FormProblem(StrEnum):
    NOT_FOR_MATTER = (
        "not_for_matter"  # the law does not allow this form for the matter (online for items 1–5)
    )
    OPTIN_SHORT = "optin_short"  # online: not more than half of the households opted in
    MEETING_FIRST = "meeting_first"  # items 3–5: a household ballot only after a meeting without quorum


def form_problem(
    rule: VoteRule, form: Form, *, households: int, opted_in: int, meeting_lacked_quorum: bool = False
) -> FormProblem | None:
    """Why ``form`` may not be used for the rule's matter in a village of ``households`` households of which
    ``opted_in`` agreed to vote online (None: it may). ``meeting_lacked_quorum``: a meeting on the same matter in
    the village did not gather more than half of the households (Art. 19 then allows a household ballot)."""
    if form not in rule.forms:
        return FormProblem.NOT_FOR_MATTER
    if form is Form.ONLINE and not online_allowed(rule, households=households, opted_in=opted_in):
        return FormProblem.OPTIN_SHORT
    if form is Form.BALLOT and rule.meeting_first and not meeting_lacked_quorum:
        return FormProblem.MEETING_FIRST
    return None


def forms_allowed(
    rule: VoteRule, *, households: int, opted_in: int, meeting_lacked_quorum: bool = False
) -> tuple[Form, ...]:
    """The forms the village may use now, in the law's order."""
    return tuple(
        form
        for form in rule.forms
        if form_problem(
            rule, form, households=households, opted_in=opted_in, meeting_lacked_quorum=meeting_lacked_quorum
        )
        is None
    )


def optin_needed(households: int) -> int:
    """The fewest opt-ins that make an online vote lawful: more than half of all households."""
    return households // 2 + 1


def meeting_without_quorum(*, households: int, present: int) -> bool:
    """A meeting that did not gather more than half of the households (Decree 61/2023; Art. 19)."""
    return not quorum_reached(households=households, present=present)


def notice_days(notice_on: date, opens_on: date) -> int:
    """Whole days between the notice and the vote (negative when the notice comes after it)."""
    return (opens_on - notice_on).days


def notice_in_time(notice_on: date, opens_on: date) -> bool:
    """The notice reached the households at least ``NOTICE_DAYS`` days before the vote."""
    return notice_days(notice_on, opens_on) >= NOTICE_DAYS


def latest_notice(opens_on: date) -> date:
    """The last day the notice may go out for a vote on ``opens_on``."""
    return date.fromordinal(opens_on.toordinal() - NOTICE_DAYS)


class BoardProblem(StrEnum):
    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    TWICE = "twice"


def board_names(text: str) -> list[str]:
    """The names of a counting board typed one per line (or separated by ";"), blanks dropped."""
    names: list[str] = []
    for line in text.replace(";", "\n").splitlines():
        name = " ".join(line.split())
        if name:
            names.append(name)
    return names


def board_problem(names: Sequence[str]) -> BoardProblem | None:
    """A board has 3 to 5 different people."""
    if len(names) < BOARD_MIN:
        return BoardProblem.TOO_FEW
    if len(names) > BOARD_MAX:
        return BoardProblem.TOO_MANY
    if len({n.casefold() for n in names}) != len(names):
        return BoardProblem.TWICE
    return None


class WindowProblem(StrEnum):
    NOT_YET = "not_yet"  # before the opening
    CLOSED = "closed"  # after the closing


def window_problem(now: datetime, *, opens_at: datetime, closes_at: datetime) -> WindowProblem | None:
    """Whether ``now`` lies in the voting window [opens_at, closes_at] (both ends included)."""
    if now < opens_at:
        return WindowProblem.NOT_YET
    if now > closes_at:
        return WindowProblem.CLOSED
    return None


def send_by(counted_on: date, *, calendar: WorkCalendar) -> date:
    """The last day to send the community decision to the commune (Art. 20)."""
    return add_working_days(counted_on, SEND_WORKING_DAYS, calendar=calendar)


def answer_by(sent_on: date, *, calendar: WorkCalendar) -> date:
    """The last day for the commune's recognition or written refusal (Art. 21)."""
    return add_working_days(sent_on, ANSWER_WORKING_DAYS, calendar=calendar)


class DeadlineState(StrEnum):
    WAITING = "waiting"  # not done, not yet due
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"  # not done, and the day has passed
    ON_TIME = "on_time"  # done on or before the day
    LATE = "late"  # done, after the day


def deadline_state(due: date, *, done_on: date | None, today: date) -> DeadlineState:
    """Where a clock stands: done on time or late, or still running (due today, overdue)."""
    if done_on is not None:
        return DeadlineState.ON_TIME if done_on <= due else DeadlineState.LATE
    if today > due:
        return DeadlineState.OVERDUE
    if today == due:
        return DeadlineState.DUE_TODAY
    return DeadlineState.WAITING

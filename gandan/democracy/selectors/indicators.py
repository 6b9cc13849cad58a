"""Grassroots democracy's figures on the leaders' dashboard, as conditions: each figure is one `Q` used both to count
it (gandan/democracy/dashboard_figures.py, grouped by commune and month) and to list the records behind it (the
lists' hidden `indicator` and `period` filters), so that a drill-down opens exactly the records counted.

- disclosed: disclosures (not withdrawn) whose posting started in the month, up to today (Law 10/2022 Art. 11–13);
- disclosed_on_time: of those, the ones posted by their deadline (5 working days after the decision, Art. 13);
- late: disclosures not withdrawn, past their deadline and not yet posted at the month's end (today for this month);
- opened: consultations opened for comments (not drafts) whose window began in the month, up to today (Art. 25–26).
"""

import datetime as dt

from django.db.models import F, Q

from gandan.democracy.models import Consultation
from gandan.democracy.selectors.disclosures import State, state_q

DISCLOSURE_INDICATORS = ("disclosed", "disclosed_on_time", "late")
CONSULTATION_INDICATORS = ("opened",)
ON_TIME_Q = Q(start__lte=F("deadline"))


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_moment(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's "at the month's end" figures are measured on: its last day, or today while it runs."""
    return min(next_month(month) - dt.timedelta(days=1), today)


def disclosed_q(first: dt.date, stop: dt.date, today: dt.date) -> Q:
    """Posted between `first` and `stop` (exclusive), never after today (a planned start is not a disclosure yet)."""
    return Q(withdrawn_on__isnull=True, start__gte=first, start__lt=stop, start__lte=today)


def opened_q(first: dt.date, stop: dt.date, today: dt.date) -> Q:
    return ~Q(status=Consultation.Status.DRAFT) & Q(opens__gte=first, opens__lt=stop, opens__lte=today)


def late_at_q(moment: dt.date) -> Q:
    """Not posted and past the deadline on `moment`: the compliance list's "late" state on that day."""
    return state_q(State.LATE, moment)


def disclosure_indicator_q(name: str, month: dt.date, *, today: dt.date) -> Q:
    if name == "late":
        return late_at_q(month_moment(month, today))
    posted = disclosed_q(month, next_month(month), today)
    if name == "disclosed":
        return posted
    if name == "disclosed_on_time":
        return posted & ON_TIME_Q
    raise ValueError(name)


def consultation_indicator_q(name: str, month: dt.date, *, today: dt.date) -> Q:
    if name != "opened":
        raise ValueError(name)
    return opened_q(month, next_month(month), today)

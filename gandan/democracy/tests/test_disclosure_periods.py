"""Table tests of the law's periods on the seeded working calendar (the demo's, from the `holidays` package with the
government's swaps): the deadline to disclose is 5 working days after the decision, holidays, Tết and days off
skipped and make-up Saturdays counted; a posting lasts at least 30 consecutive days (calendar days, Tết included),
items 4 and 13 have no end, items 7–12 go on the loudspeakers at least 3 days. The same answers come from the
form's plan, the service (copied on the record) and the public calculator."""

import datetime as dt

import pytest
import time_machine

from gandan.democracy.selectors.disclosures import disclosure_plan
from gandan.democracy.tests.disclosures_support import record

pytestmark = pytest.mark.django_db

D = dt.date

DEADLINES = [
    # decided, disclose by, why
    (D(2026, 6, 1), D(2026, 6, 8), "an ordinary week: Monday to next Monday"),
    (D(2025, 12, 31), D(2026, 1, 9), "New Year's Day and the swapped Friday 02/01/2026 are skipped"),
    (D(2026, 1, 9), D(2026, 1, 15), "the make-up Saturday 10/01/2026 counts as a working day"),
    (D(2026, 2, 13), D(2026, 2, 27), "Friday before Tết 2026: the week of Tết (16–20/02) is skipped"),
    (D(2026, 4, 29), D(2026, 5, 8), "30/4 and 1/5 are skipped"),
    (D(2027, 1, 29), D(2027, 2, 12), "Friday before Tết 2027: three days, then Tết (04–10/02), then two"),
    (D(2027, 2, 1), D(2027, 2, 15), "Monday just before Tết 2027: the deadline falls after the holiday"),
    (D(2027, 2, 3), D(2027, 2, 17), "the last working day before Tết 2027"),
    (D(2027, 2, 6), D(2027, 2, 17), "a decision signed during Tết counts from the first working day after"),
]


@pytest.mark.parametrize(("decided", "due", "why"), DEADLINES, ids=[row[2] for row in DEADLINES])
def test_the_deadline_to_disclose_is_five_working_days_on_the_calendar(decided, due, why, client):
    assert disclosure_plan(2, decided).deadline == due, why
    answer = client.get(f"/api/v1/democracy/rules/disclosure?item=2&decided={decided.isoformat()}").json()
    assert answer["disclose_by"] == due.isoformat(), why


PERIODS = [
    # item, start, earliest lawful end, loudspeaker until, why
    (2, D(2027, 2, 1), D(2027, 3, 2), None, "30 consecutive days run through Tết: holidays do not stop them"),
    (1, D(2026, 12, 15), D(2027, 1, 13), None, "across the new year"),
    (4, D(2027, 2, 1), None, None, "item 4 (the democracy rules) is posted permanently"),
    (13, D(2027, 2, 1), None, None, "item 13 (the procedures) is posted permanently"),
    (
        7,
        D(2027, 2, 3),
        D(2027, 3, 4),
        D(2027, 2, 5),
        "item 7 (support policies): 3 days on the loudspeakers too",
    ),
    (12, D(2026, 2, 27), D(2026, 3, 28), D(2026, 3, 1), "item 12 (fees): loudspeakers over a weekend"),
    (14, D(2026, 2, 1), D(2026, 3, 2), None, "other items: 30 days, no loudspeakers"),
]


@pytest.mark.parametrize(("item", "start", "end", "loud", "why"), PERIODS, ids=[row[4] for row in PERIODS])
def test_the_posting_period_of_each_item(item, start, end, loud, why):
    plan = disclosure_plan(item, D(2026, 1, 5), start=start)
    assert (plan.end, plan.loudspeaker_until) == (end, loud), why
    assert plan.permanent is (end is None)


@time_machine.travel(dt.datetime(2027, 2, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_budget_decided_just_before_tet_2027_is_due_after_the_holiday_and_keeps_that_deadline():
    disclosure = record(decided_on=D(2027, 2, 1), start=D(2027, 2, 16), days_ago=0)
    assert disclosure.deadline == D(2027, 2, 15)
    assert disclosure.end == D(2027, 3, 17)  # 30 days from 16/02, the legal minimum when none is given
    assert disclosure.start > disclosure.deadline  # posted a day late: the compliance view says so

"""Public disclosure (gandan.core.democracy.disclosure; DOMAIN.md §6.1–6.2), on the real calendar: the deadline to
disclose is 5 working days after the decision and jumps the Tết holidays of 2026 and 2027 as the seeded calendar has
them (gandan.workcalendar.seed, built without the database); the posting runs at least 30 consecutive days with the
first day counted as day 1, items 4 and 13 stay posted for good, items 7–12 also go on the loudspeakers for 3 days;
a planned posting's problems are named one by one; and a disclosure's state on a day is due, late, running, ended
or withdrawn."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.democracy.disclosure import (
    ITEMS,
    LAW_10_IN_FORCE,
    RULES,
    DisclosureRule,
    DisclosureState,
    PeriodProblem,
    default_end,
    disclose_by,
    last_required_day,
    loudspeaker_until,
    period_problems,
    quarter_of,
    quarter_span,
    rule_for,
    started_late,
    state_on,
)
from gandan.core.workdays import WorkCalendar, working_days_between
from gandan.workcalendar.seed import seed_days


def _seeded_calendar() -> WorkCalendar:
    """The calendar `gandan` seeds into the database for 2024–2027, as the pages would read it back."""
    seeded = seed_days()
    return WorkCalendar(
        days_off=frozenset(d.day for d in seeded if d.kind == "day_off"),
        working_days=frozenset(d.day for d in seeded if d.kind == "working_day"),
    )


CAL = _seeded_calendar()
DAY = date(2026, 3, 2)
seeded_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 11, 30))
items = st.sampled_from(ITEMS)


def test_the_seeded_calendar_has_both_tet_holidays():
    assert not any(CAL.is_working_day(date(2026, 2, d)) for d in range(14, 23))  # 14–22/02/2026
    assert not any(CAL.is_working_day(date(2027, 2, d)) for d in range(4, 11))  # 04–10/02/2027
    assert CAL.is_working_day(date(2026, 2, 13)) and CAL.is_working_day(date(2027, 2, 3))
    assert CAL.is_working_day(date(2026, 1, 10))  # Saturday made up for Friday 02/01/2026


# --- the deadline to disclose: 5 working days after the decision ---------------------------------------------------


@pytest.mark.parametrize(
    "decided, deadline",
    [
        # last working day before Tết 2026 (Fri 13/02): 23, 24, 25, 26, 27/02
        pytest.param(date(2026, 2, 13), date(2026, 2, 27), id="2026-last-day-before-tet"),
        # Thu 12/02: 13/02, then 23, 24, 25, 26/02
        pytest.param(date(2026, 2, 12), date(2026, 2, 26), id="2026-two-days-before-tet"),
        # Mon 09/02: 10, 11, 12, 13, 23/02
        pytest.param(date(2026, 2, 9), date(2026, 2, 23), id="2026-week-before-tet"),
        # decided during Tết (Wed 18/02): counting starts on the first working day after it
        pytest.param(date(2026, 2, 18), date(2026, 2, 27), id="2026-during-tet"),
        # Saturday 14/02, the first day off
        pytest.param(date(2026, 2, 14), date(2026, 2, 27), id="2026-saturday-before-tet"),
        # Fri 20/02, the last holiday weekday: Mon 23/02 is day 1
        pytest.param(date(2026, 2, 20), date(2026, 2, 27), id="2026-last-holiday"),
        # first working day after Tết (Mon 23/02): 24, 25, 26, 27/02, 02/03
        pytest.param(date(2026, 2, 23), date(2026, 3, 2), id="2026-first-day-after-tet"),
        # last working day before Tết 2027 (Wed 03/02): 11, 12, 15, 16, 17/02
        pytest.param(date(2027, 2, 3), date(2027, 2, 17), id="2027-last-day-before-tet"),
        # Mon 01/02/2027: 02, 03, 11, 12, 15/02
        pytest.param(date(2027, 2, 1), date(2027, 2, 15), id="2027-week-of-tet"),
        # Sunday 07/02/2027, Tết's first day
        pytest.param(date(2027, 2, 7), date(2027, 2, 17), id="2027-during-tet"),
        # New Year 2026: 01 and 02/01 off (02/01 swapped), 05, 06, 07, 08, 09/01
        pytest.param(date(2025, 12, 31), date(2026, 1, 9), id="2026-new-year"),
        # Wed 07/01/2026: 08, 09, Saturday 10/01 (made-up working day), 12, 13/01
        pytest.param(date(2026, 1, 7), date(2026, 1, 13), id="2026-make-up-saturday-counts"),
        # New Year 2027 (Fri 01/01): 04, 05, 06, 07, 08/01
        pytest.param(date(2026, 12, 31), date(2027, 1, 8), id="2027-new-year"),
        # Hùng Kings 2026 (Mon 27/04 in lieu) and 30/04–01/05: 28, 29/04, 04, 05, 06/05
        pytest.param(date(2026, 4, 24), date(2026, 5, 6), id="2026-april-holidays"),
    ],
)
@pytest.mark.parametrize("item", [1, 4, 7, 13, 14])
def test_the_deadline_to_disclose_jumps_the_holidays(decided, deadline, item):
    rule = rule_for(item, decided)
    assert disclose_by(decided, rule, calendar=CAL) == deadline


@given(seeded_days, items)
def test_the_deadline_is_a_working_day_five_working_days_on(decided, item):
    deadline = disclose_by(decided, rule_for(item, max(decided, LAW_10_IN_FORCE)), calendar=CAL)
    assert CAL.is_working_day(deadline)
    assert working_days_between(decided, deadline, calendar=CAL) == 5
    assert deadline > decided


# --- how long it stays posted ------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_has_its_periods(item):
    rule = rule_for(item, DAY)
    assert rule.item == item
    assert rule.disclose_within == 5
    assert rule.permanent == (item in (4, 13))
    assert rule.posting_days == (None if item in (4, 13) else 30)
    assert rule.loudspeaker_days == (3 if 7 <= item <= 12 else None)
    assert f"Điều 11 khoản {item};" in rule.legal_basis and "10/2022/QH15" in rule.legal_basis
    assert rule.label


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2026, 2, 13), date(2026, 3, 14)),  # through Tết 2026: holidays count, February has 28 days
        (date(2026, 2, 27), date(2026, 3, 28)),
        (date(2027, 2, 3), date(2027, 3, 4)),  # through Tết 2027
        (date(2026, 1, 1), date(2026, 1, 30)),
        (date(2026, 12, 15), date(2027, 1, 13)),  # over the year's end
        (date(2028, 2, 1), date(2028, 3, 1)),  # a leap February
    ],
)
def test_thirty_consecutive_days_count_the_start_as_day_one(start, end):
    rule = rule_for(2, DAY)
    assert default_end(start, rule) == end
    assert (end - start).days + 1 == 30
    assert period_problems(rule, decided=start, start=start, end=end) == []
    assert period_problems(rule, decided=start, start=start, end=end - timedelta(days=1)) == [
        PeriodProblem.TOO_SHORT
    ]


@pytest.mark.parametrize("item", [4, 13])
def test_items_4_and_13_stay_posted_for_good(item):
    rule = rule_for(item, DAY)
    assert default_end(date(2026, 2, 13), rule) is None
    assert period_problems(rule, decided=DAY, start=DAY, end=None) == []
    assert period_problems(rule, decided=DAY, start=DAY, end=DAY + timedelta(days=365)) == [
        PeriodProblem.END_ON_PERMANENT
    ]


@pytest.mark.parametrize("item", [7, 8, 9, 10, 11, 12])
def test_items_7_to_12_are_broadcast_three_days(item):
    rule = rule_for(item, DAY)
    assert loudspeaker_until(date(2026, 2, 13), rule) == date(2026, 2, 15)  # Tết days count too
    assert loudspeaker_until(date(2026, 2, 28), rule) == date(2026, 3, 2)
    assert period_problems(rule, decided=DAY, start=DAY, end=None, loudspeaker_days=3) == []
    assert period_problems(rule, decided=DAY, start=DAY, end=None, loudspeaker_days=2) == [
        PeriodProblem.LOUDSPEAKER_TOO_SHORT
    ]


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5, 6, 13, 14])
def test_the_other_items_need_no_loudspeaker(item):
    rule = rule_for(item, DAY)
    assert loudspeaker_until(DAY, rule) is None
    assert period_problems(rule, decided=DAY, start=DAY, end=None, loudspeaker_days=0) == []


@given(seeded_days, st.integers(min_value=1, max_value=400))
def test_last_required_day_is_days_minus_one_later(start, days):
    last = last_required_day(start, days)
    assert (last - start).days + 1 == days


@pytest.mark.parametrize("days", [0, -1])
def test_a_period_of_no_days_is_refused(days):
    with pytest.raises(ValueError):
        last_required_day(DAY, days)


# --- what is wrong with a planned posting ---------------------------------------------------------------------------

D = date(2026, 3, 2)


@pytest.mark.parametrize(
    "item, decided, start, end, loud, problems",
    [
        (2, D, D, None, None, []),
        (2, D, D, D + timedelta(days=29), None, []),
        (2, D, D - timedelta(days=1), None, None, [PeriodProblem.START_BEFORE_DECISION]),
        (2, D, D, D - timedelta(days=1), None, [PeriodProblem.END_BEFORE_START]),
        (2, D, D, D + timedelta(days=28), None, [PeriodProblem.TOO_SHORT]),
        (2, D, D, D, None, [PeriodProblem.TOO_SHORT]),
        (13, D, D, D + timedelta(days=100), None, [PeriodProblem.END_ON_PERMANENT]),
        (13, D, D, D - timedelta(days=5), None, [PeriodProblem.END_ON_PERMANENT]),
        (9, D, D, None, 2, [PeriodProblem.LOUDSPEAKER_TOO_SHORT]),
        (9, D, D, None, None, []),  # loudspeaker not planned yet: not checked
        (
            9,
            D,
            D - timedelta(days=3),
            D - timedelta(days=4),
            1,
            [
                PeriodProblem.START_BEFORE_DECISION,
                PeriodProblem.END_BEFORE_START,
                PeriodProblem.LOUDSPEAKER_TOO_SHORT,
            ],
        ),
        (
            11,
            D,
            D - timedelta(days=1),
            D + timedelta(days=10),
            0,
            [
                PeriodProblem.START_BEFORE_DECISION,
                PeriodProblem.TOO_SHORT,
                PeriodProblem.LOUDSPEAKER_TOO_SHORT,
            ],
        ),
    ],
)
def test_each_period_problem(item, decided, start, end, loud, problems):
    rule = rule_for(item, decided)
    assert period_problems(rule, decided=decided, start=start, end=end, loudspeaker_days=loud) == problems


@given(items, seeded_days, st.integers(0, 60), st.one_of(st.none(), st.integers(-10, 60)))
def test_a_default_period_has_no_problem(item, decided, wait, loud_extra):
    rule = rule_for(item, max(decided, LAW_10_IN_FORCE))
    start = decided + timedelta(days=wait)
    loud = (
        None
        if rule.loudspeaker_days is None or loud_extra is None
        else rule.loudspeaker_days + abs(loud_extra)
    )
    assert (
        period_problems(
            rule, decided=decided, start=start, end=default_end(start, rule), loudspeaker_days=loud
        )
        == []
    )


# --- a disclosure's state on a day -----------------------------------------------------------------------------------

DEADLINE = date(2026, 2, 27)


@pytest.mark.parametrize(
    "today, start, end, withdrawn, state",
    [
        (date(2026, 2, 20), None, None, False, DisclosureState.DUE),
        (DEADLINE, None, None, False, DisclosureState.DUE),  # the deadline day itself is still in time
        (date(2026, 2, 28), None, None, False, DisclosureState.LATE),
        (date(2026, 2, 28), date(2026, 3, 5), None, False, DisclosureState.LATE),  # planned, not yet posted
        (date(2026, 2, 20), date(2026, 2, 25), None, False, DisclosureState.DUE),
        (date(2026, 2, 25), date(2026, 2, 25), date(2026, 3, 26), False, DisclosureState.RUNNING),
        (date(2026, 3, 26), date(2026, 2, 25), date(2026, 3, 26), False, DisclosureState.RUNNING),  # last day
        (date(2026, 3, 27), date(2026, 2, 25), date(2026, 3, 26), False, DisclosureState.ENDED),
        (date(2030, 1, 1), date(2026, 2, 25), None, False, DisclosureState.RUNNING),  # permanent item
        (
            date(2026, 3, 27),
            date(2026, 3, 10),
            date(2026, 4, 8),
            False,
            DisclosureState.RUNNING,
        ),  # started late
        (date(2026, 3, 1), date(2026, 2, 25), date(2026, 3, 26), True, DisclosureState.WITHDRAWN),
        (date(2026, 3, 1), None, None, True, DisclosureState.WITHDRAWN),
    ],
)
def test_each_state(today, start, end, withdrawn, state):
    assert state_on(today, deadline=DEADLINE, start=start, end=end, withdrawn=withdrawn) is state


@given(seeded_days, seeded_days, st.one_of(st.none(), seeded_days), st.one_of(st.none(), st.integers(0, 90)))
def test_the_state_never_goes_back(deadline, first, start, length):
    end = None if start is None or length is None else start + timedelta(days=length)
    rank = {
        DisclosureState.DUE: 0,
        DisclosureState.LATE: 1,
        DisclosureState.RUNNING: 2,
        DisclosureState.ENDED: 3,
    }
    states = [
        state_on(first + timedelta(days=i), deadline=deadline, start=start, end=end) for i in range(0, 400, 5)
    ]
    ranks = [rank[s] for s in states]
    assert ranks == sorted(ranks)  # due → late → running → ended, some steps skipped, never backwards


@pytest.mark.parametrize(
    "start, late",
    [(None, False), (date(2026, 2, 26), False), (DEADLINE, False), (date(2026, 2, 28), True)],
)
def test_started_late(start, late):
    assert started_late(deadline=DEADLINE, start=start) is late


# --- quarters (the quarterly list of what was disclosed) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "year, quarter, first, last",
    [
        (2026, 1, date(2026, 1, 1), date(2026, 3, 31)),
        (2026, 2, date(2026, 4, 1), date(2026, 6, 30)),
        (2026, 3, date(2026, 7, 1), date(2026, 9, 30)),
        (2026, 4, date(2026, 10, 1), date(2026, 12, 31)),
        (2028, 1, date(2028, 1, 1), date(2028, 3, 31)),
    ],
)
def test_quarter_span(year, quarter, first, last):
    assert quarter_span(year, quarter) == (first, last)


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_a_fifth_quarter_is_refused(quarter):
    with pytest.raises(ValueError):
        quarter_span(2026, quarter)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_is_in_the_span_of_its_quarter(day):
    year, quarter = quarter_of(day)
    first, last = quarter_span(year, quarter)
    assert first <= day <= last
    assert quarter_of(first) == quarter_of(last) == (year, quarter)
    assert quarter_of(last + timedelta(days=1)) != (year, quarter)


# --- rule_for: lookups and versions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("item", [0, 15, -1])
def test_an_item_outside_art_11_has_no_rule(item):
    with pytest.raises(LookupError):
        rule_for(item, DAY)


def test_no_rule_before_the_law_took_effect():
    with pytest.raises(LookupError):
        rule_for(2, date(2023, 6, 30))
    assert rule_for(2, LAW_10_IN_FORCE) is RULES[1]


def test_a_decision_keeps_the_version_in_force_on_its_day():
    old = replace(rule_for(12, DAY), valid_to=date(2026, 12, 31))
    new = replace(old, posting_days=45, valid_from=date(2027, 1, 1), valid_to=None)
    table = (*(r for r in RULES if r.item != 12), old, new)
    assert rule_for(12, date(2026, 12, 31), table).posting_days == 30
    assert rule_for(12, date(2027, 1, 1), table).posting_days == 45
    assert default_end(date(2027, 1, 1), rule_for(12, date(2027, 1, 1), table)) == date(2027, 2, 14)


def test_overlapping_versions_are_an_error_not_a_guess():
    rule = rule_for(5, DAY)
    with pytest.raises(ValueError, match="overlap"):
        rule_for(5, DAY, (rule, replace(rule, valid_from=date(2026, 1, 1))))


@pytest.mark.parametrize(
    "changes",
    [
        {"item": 0},
        {"item": 15},
        {"posting_days": 0},
        {"loudspeaker_days": 0},
        {"disclose_within": -1},
        {"valid_to": LAW_10_IN_FORCE - timedelta(days=1)},
    ],
)
def test_a_malformed_rule_is_refused(changes):
    base = {
        "item": 2,
        "label": "x",
        "posting_days": 30,
        "loudspeaker_days": None,
        "disclose_within": 5,
        "legal_basis": "x",
        "valid_from": LAW_10_IN_FORCE,
    }
    with pytest.raises(ValueError):
        DisclosureRule(**{**base, **changes})

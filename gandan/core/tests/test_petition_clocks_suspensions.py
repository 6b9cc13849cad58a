"""The statutory clocks of petitions (``gandan.core.petition_clocks``) through suspensions and resumptions (pause or
restart), and the extensions of a denunciation's resolution. Every expected date was counted by hand on the official
2026 calendar (petition_clocks_support.CAL_2026); the comment on each row shows the count.
"""

from datetime import date

import pytest

from gandan.core.petition_clocks import (
    COMPLEXITY_CRITERIA,
    DayUnit,
    Suspension,
    SuspensionMode,
    deadline,
    denunciation_deadline,
    denunciation_extensions_allowed,
    extend,
)
from gandan.core.tests.petition_clocks_support import CAL_2026, CALENDAR, PAUSE, RESTART, WORKING, due

# --- suspension and resumption ------------------------------------------------------------------------------------

MAR_2 = date(2026, 3, 2)  # a Monday; complaint.first (30 days, PAUSE version) is due Wed 01/04
JUL_6 = date(2026, 7, 6)  # a Monday; complaint.first (30 days, RESTART version) is due Wed 05/08


@pytest.mark.parametrize(
    ("accepted", "suspensions", "expected"),
    [
        # 02/03 + 30 = Wed 01/04
        pytest.param(MAR_2, [], date(2026, 4, 1), id="pause-none"),
        # 8 days used (03-10/03), 22 left from 20/03 → Sat 11/04 → Mon 13/04 (= 01/04 + 10 suspended days)
        pytest.param(
            MAR_2, [Suspension(date(2026, 3, 10), date(2026, 3, 20))], date(2026, 4, 13), id="pause-one"
        ),
        # then 12 more used (21/03-01/04), 10 left from 06/04 → Thu 16/04 (= 01/04 + 10 + 5)
        pytest.param(
            MAR_2,
            [
                Suspension(date(2026, 3, 10), date(2026, 3, 20)),
                Suspension(date(2026, 4, 1), date(2026, 4, 6)),
            ],
            date(2026, 4, 16),
            id="pause-two",
        ),
        # suspended on the last day: all 30 used, due on the resume day, Fri 10/04
        pytest.param(
            MAR_2,
            [Suspension(date(2026, 4, 1), date(2026, 4, 10))],
            date(2026, 4, 10),
            id="pause-on-last-day",
        ),
        # the limit ran out on 01/04; a suspension from 02/04 cannot revive it
        pytest.param(
            MAR_2, [Suspension(date(2026, 4, 2), date(2026, 4, 20))], date(2026, 4, 1), id="pause-after-due"
        ),
        # suspended and resumed the same day: nothing changes
        pytest.param(
            MAR_2,
            [Suspension(date(2026, 3, 10), date(2026, 3, 10))],
            date(2026, 4, 1),
            id="pause-zero-length",
        ),
        # 06/07 + 30 = Wed 05/08
        pytest.param(JUL_6, [], date(2026, 8, 5), id="restart-none"),
        # full 30 again from the resume decision 03/08 → Wed 02/09 National Day → Thu 03/09
        pytest.param(
            JUL_6, [Suspension(date(2026, 7, 20), date(2026, 8, 3))], date(2026, 9, 3), id="restart-one"
        ),
        # running deadline 03/09; suspended 10/08, resumed 14/08: 14/08 + 30 = Sun 13/09 → Mon 14/09
        pytest.param(
            JUL_6,
            [
                Suspension(date(2026, 7, 20), date(2026, 8, 3)),
                Suspension(date(2026, 8, 10), date(2026, 8, 14)),
            ],
            date(2026, 9, 14),
            id="restart-two",
        ),
        # the order in which the suspensions are handed in does not matter
        pytest.param(
            JUL_6,
            [
                Suspension(date(2026, 8, 10), date(2026, 8, 14)),
                Suspension(date(2026, 7, 20), date(2026, 8, 3)),
            ],
            date(2026, 9, 14),
            id="restart-two-unsorted",
        ),
        # suspended 06/08, the day after the limit ran out: still 05/08
        pytest.param(
            JUL_6, [Suspension(date(2026, 8, 6), date(2026, 8, 20))], date(2026, 8, 5), id="restart-after-due"
        ),
    ],
)
def test_complaint_resolution_after_suspensions(
    accepted: date, suspensions: list[Suspension], expected: date
) -> None:
    assert due("complaint.first", accepted, *suspensions) == expected


def test_same_suspension_gives_much_more_time_under_restart_than_under_pause() -> None:
    suspension = [Suspension(date(2026, 7, 20), date(2026, 8, 3))]
    # PAUSE: 14 used (07-20/07), 16 left from 03/08 → Wed 19/08; RESTART: 03/08 + 30 → Thu 03/09
    assert deadline(JUL_6, 30, CALENDAR, calendar=CAL_2026, suspensions=suspension, mode=PAUSE) == date(
        2026, 8, 19
    )
    assert deadline(JUL_6, 30, CALENDAR, calendar=CAL_2026, suspensions=suspension, mode=RESTART) == date(
        2026, 9, 3
    )


@pytest.mark.parametrize(
    ("mode", "suspensions", "expected"),
    [
        # Mon 09/02 + 10 wd: 10-13/02 (4), Tết week, 23-27/02 (9), 02/03 (10)
        pytest.param(PAUSE, [], date(2026, 3, 2), id="none"),
        # 3 wd used (10, 11, 12/02), 7 left after 25/02: 26, 27/02, 02-06/03 → Fri 06/03
        pytest.param(PAUSE, [Suspension(date(2026, 2, 12), date(2026, 2, 25))], date(2026, 3, 6), id="pause"),
        # 10 wd again after 25/02: 26, 27/02, 02-06/03 (7), 09, 10, 11/03 → Wed 11/03
        pytest.param(
            RESTART, [Suspension(date(2026, 2, 12), date(2026, 2, 25))], date(2026, 3, 11), id="restart"
        ),
        # suspended over Tết only (days off anyway): 4 wd used to 13/02, 6 left after 22/02 → 23/02-02/03
        pytest.param(
            PAUSE, [Suspension(date(2026, 2, 13), date(2026, 2, 22))], date(2026, 3, 2), id="pause-over-tet"
        ),
    ],
)
def test_working_day_clock_after_suspension(
    mode: SuspensionMode, suspensions: list[Suspension], expected: date
) -> None:
    assert (
        deadline(date(2026, 2, 9), 10, WORKING, calendar=CAL_2026, suspensions=suspensions, mode=mode)
        == expected
    )


@pytest.mark.parametrize("mode", list(SuspensionMode))
def test_an_open_suspension_stops_the_clock_and_there_is_no_date(mode: SuspensionMode) -> None:
    open_ = Suspension(date(2026, 7, 20))
    assert deadline(JUL_6, 30, CALENDAR, calendar=CAL_2026, suspensions=[open_], mode=mode) is None
    assert deadline(JUL_6, 10, WORKING, calendar=CAL_2026, suspensions=[open_], mode=mode) is None


def test_an_open_suspension_after_a_resumed_one_stops_the_clock() -> None:
    plan = [Suspension(date(2026, 3, 10), date(2026, 3, 20)), Suspension(date(2026, 4, 1))]
    assert due("complaint.first", MAR_2, *plan) is None


def test_an_open_suspension_decided_after_the_deadline_leaves_the_case_late() -> None:
    assert due("complaint.first", MAR_2, Suspension(date(2026, 4, 2))) == date(2026, 4, 1)


@pytest.mark.parametrize(
    "suspensions",
    [
        pytest.param([Suspension(date(2026, 3, 1), date(2026, 3, 5))], id="starts-before-the-clock"),
        pytest.param(
            [
                Suspension(date(2026, 3, 10), date(2026, 3, 20)),
                Suspension(date(2026, 3, 15), date(2026, 3, 25)),
            ],
            id="overlapping",
        ),
        pytest.param(
            [Suspension(date(2026, 3, 10)), Suspension(date(2026, 3, 20), date(2026, 3, 25))],
            id="open-then-another",
        ),
    ],
)
def test_inconsistent_suspension_records_are_rejected(suspensions: list[Suspension]) -> None:
    with pytest.raises(ValueError, match="suspension"):
        deadline(MAR_2, 30, CALENDAR, calendar=CAL_2026, suspensions=suspensions)


def test_a_suspension_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Suspension(date(2026, 3, 10), date(2026, 3, 9))


def test_deadline_rejects_negative_days() -> None:
    with pytest.raises(ValueError, match="days"):
        deadline(MAR_2, -1, CALENDAR, calendar=CAL_2026)


@pytest.mark.parametrize(
    ("start", "unit", "expected"),
    [
        pytest.param(date(2026, 2, 17), WORKING, date(2026, 2, 23), id="working-in-tet"),
        pytest.param(date(2026, 2, 17), CALENDAR, date(2026, 2, 23), id="calendar-in-tet"),
        pytest.param(date(2026, 3, 10), WORKING, date(2026, 3, 10), id="working-day-itself"),
    ],
)
def test_zero_day_limit_is_due_on_the_trigger_or_the_next_open_day(
    start: date, unit: DayUnit, expected: date
) -> None:
    assert deadline(start, 0, unit, calendar=CAL_2026) == expected


# --- denunciation extensions ----------------------------------------------------------------------------------------

ACCEPTED = date(2026, 1, 15)  # 15/01 + 30 = Sat 14/02, Tết → Mon 23/02


@pytest.mark.parametrize(
    ("criteria", "allowed", "latest"),
    [
        # plain case: 23/02 only
        pytest.param(0, 0, date(2026, 2, 23), id="0-criteria"),
        # complex: 23/02 + 30 = Wed 25/03
        pytest.param(1, 1, date(2026, 3, 25), id="1-criterion"),
        # especially complex: 25/03 + 30 = Fri 24/04
        pytest.param(2, 2, date(2026, 4, 24), id="2-criteria"),
        # more criteria do not buy a third extension
        pytest.param(3, 2, date(2026, 4, 24), id="3-criteria"),
    ],
)
def test_denunciation_extensions_depend_on_the_number_of_complexity_criteria(
    criteria: int, allowed: int, latest: date
) -> None:
    assert denunciation_extensions_allowed(criteria) == allowed
    assert (
        denunciation_deadline(ACCEPTED, extensions=allowed, criteria_count=criteria, calendar=CAL_2026)
        == latest
    )
    with pytest.raises(ValueError, match="at most"):
        denunciation_deadline(ACCEPTED, extensions=allowed + 1, criteria_count=criteria, calendar=CAL_2026)


@pytest.mark.parametrize(("criteria", "allowed"), [(4, 2), (COMPLEXITY_CRITERIA, 2)])
def test_every_criteria_count_up_to_seven_allows_at_most_two_extensions(criteria: int, allowed: int) -> None:
    assert denunciation_extensions_allowed(criteria) == allowed


@pytest.mark.parametrize("criteria", [-1, COMPLEXITY_CRITERIA + 1])
def test_impossible_criteria_counts_are_rejected(criteria: int) -> None:
    with pytest.raises(ValueError, match="criteria_count"):
        denunciation_extensions_allowed(criteria)


def test_negative_extensions_are_rejected() -> None:
    with pytest.raises(ValueError, match="at most"):
        denunciation_deadline(ACCEPTED, extensions=-1, criteria_count=2, calendar=CAL_2026)


def test_suspensions_in_the_base_period_and_in_the_extension_both_count() -> None:
    # base: 20-30/01 suspended, 5 used (16-20/01), 25 left from 30/01 → Tue 24/02
    in_base = Suspension(date(2026, 1, 20), date(2026, 1, 30))
    assert denunciation_deadline(
        ACCEPTED, extensions=0, criteria_count=1, calendar=CAL_2026, suspensions=[in_base]
    ) == date(2026, 2, 24)
    # extension from 24/02: + 30 = Thu 26/03
    assert denunciation_deadline(
        ACCEPTED, extensions=1, criteria_count=1, calendar=CAL_2026, suspensions=[in_base]
    ) == date(2026, 3, 26)
    # suspended 02-09/03 during the extension: 6 used (25/02-02/03), 24 left from 09/03 → Thu 02/04
    in_extension = Suspension(date(2026, 3, 2), date(2026, 3, 9))
    assert denunciation_deadline(
        ACCEPTED, extensions=1, criteria_count=1, calendar=CAL_2026, suspensions=[in_base, in_extension]
    ) == date(2026, 4, 2)


def test_an_open_suspension_leaves_a_denunciation_without_a_date() -> None:
    assert (
        denunciation_deadline(
            ACCEPTED,
            extensions=1,
            criteria_count=1,
            calendar=CAL_2026,
            suspensions=[Suspension(date(2026, 2, 1))],
        )
        is None
    )


@pytest.mark.parametrize(
    ("current", "days", "unit", "expected"),
    [
        # 23/02 + 30 = Wed 25/03
        pytest.param(date(2026, 2, 23), 30, CALENDAR, date(2026, 3, 25), id="calendar"),
        # 03/08 + 30 = Wed 02/09 National Day → Thu 03/09
        pytest.param(date(2026, 8, 3), 30, CALENDAR, date(2026, 9, 3), id="calendar-rolls"),
        # Fri 13/02: Tết week, 23-27/02 (5)
        pytest.param(date(2026, 2, 13), 5, WORKING, date(2026, 2, 27), id="working-over-tet"),
    ],
)
def test_extend_counts_from_the_current_deadline(
    current: date, days: int, unit: DayUnit, expected: date
) -> None:
    assert extend(current, days, unit, calendar=CAL_2026) == expected


def test_extend_ignores_suspensions_already_in_the_current_deadline_but_counts_later_ones() -> None:
    # Suspended 22/02, resumed 23/02: that is what moved the deadline to 23/02, so it is not counted twice.
    earlier = Suspension(date(2026, 2, 22), date(2026, 2, 23))
    assert extend(date(2026, 2, 23), 30, CALENDAR, calendar=CAL_2026, suspensions=[earlier]) == date(
        2026, 3, 25
    )
    # Suspended 02-09/03 during the extension: 7 used (24/02-02/03), 23 left from 09/03 → Wed 01/04.
    later = Suspension(date(2026, 3, 2), date(2026, 3, 9))
    assert extend(date(2026, 2, 23), 30, CALENDAR, calendar=CAL_2026, suspensions=[earlier, later]) == date(
        2026, 4, 1
    )

"""Tests for the statutory clocks of petitions in ``gandan.core.petition_clocks``.

The fixture calendar is the official 2026 civil-service calendar (the same days as
``test_workdays.CAL_2026`` and the ``workcalendar`` seed): Tết 16-20/02 (off 14-22/02 with the weekends),
New Year 01/01 with Friday 02/01 swapped for Saturday 10/01, Hùng Kings compensated on Monday 27/04,
30/04 and 01/05, and National Day 01-02/09 with Monday 31/08 swapped for Saturday 22/08.

Every expected date below was counted by hand; the comment on each row shows the count.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.petition_clocks import (
    COMPLEXITY_CRITERIA,
    DEFAULT_RULES,
    LAW_136_IN_FORCE,
    ClockRule,
    DayUnit,
    RuleIssue,
    RuleIssueKind,
    Suspension,
    SuspensionMode,
    complaint_resolution_key,
    complaint_second_window_key,
    deadline,
    denunciation_deadline,
    denunciation_extensions_allowed,
    extend,
    rule_deadline,
    rule_in_force,
    rule_keys,
    validate_rules,
)
from gandan.core.workdays import WorkCalendar, due_after_calendar_days, working_days_between

PAUSE = SuspensionMode.PAUSE
RESTART = SuspensionMode.RESTART
WORKING = DayUnit.WORKING
CALENDAR = DayUnit.CALENDAR


def _date_range(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


CAL_2026 = WorkCalendar(
    days_off=frozenset(
        {
            date(2026, 1, 1),
            date(2026, 1, 2),  # swapped with Saturday 10/01
            *_date_range(date(2026, 2, 16), date(2026, 2, 20)),  # Tết
            date(2026, 4, 27),  # Hùng Kings, compensating Sunday 26/4
            date(2026, 4, 30),
            date(2026, 5, 1),
            date(2026, 8, 31),  # swapped with Saturday 22/8
            date(2026, 9, 1),
            date(2026, 9, 2),
        }
    ),
    working_days=frozenset({date(2026, 1, 10), date(2026, 8, 22)}),
)


def due(key: str, trigger: date, *suspensions: Suspension) -> date | None:
    """The deadline of the version of ``key`` in force on ``trigger``, as the petitions module computes it."""
    rule = rule_in_force(DEFAULT_RULES, key, trigger)
    return rule_deadline(rule, trigger, calendar=CAL_2026, suspensions=suspensions)


# --- every clock, worked by hand ----------------------------------------------------------------------------------

WORKED_EXAMPLES = [
    # complaints
    pytest.param(
        "complaint.limitation",
        date(2025, 11, 20),
        date(2026, 2, 23),
        # 20/11 + 10 = 30/11, + 31 = 31/12 (41), + 31 = 31/01 (72), + 18 = Wed 18/02 (90): Tết → Mon 23/02
        id="limitation-ends-in-tet",
    ),
    pytest.param(
        "complaint.accept",
        date(2026, 2, 10),
        date(2026, 3, 3),
        # 11, 12, 13/02 (3), Tết week skipped, 23-27/02 (8), 02/03 (9), 03/03 (10)
        id="accept-10wd-over-tet",
    ),
    pytest.param(
        "complaint.first",
        date(2026, 1, 15),
        date(2026, 2, 23),
        # 15/01 + 30 = Sat 14/02, then Tết until Sun 22/02 → Mon 23/02
        id="first-ends-on-saturday-before-tet",
    ),
    pytest.param(
        "complaint.first.complex",
        date(2026, 1, 5),
        date(2026, 2, 23),
        # 05/01 + 26 = 31/01, + 19 = Thu 19/02 (45): Tết → Mon 23/02
        id="first-complex-ends-in-tet",
    ),
    pytest.param(
        "complaint.first.remote",
        date(2026, 3, 2),
        date(2026, 4, 16),
        # 02/03 + 29 = 31/03, + 16 = Thu 16/04 (45), a working day
        id="first-remote-plain-weekday",
    ),
    pytest.param(
        "complaint.first.remote_complex",
        date(2026, 3, 1),
        date(2026, 5, 4),
        # 01/03 + 30 = 31/03, + 30 = Thu 30/04 (60): 30/04, 01/05 holidays, weekend → Mon 04/05
        id="first-remote-complex-ends-on-30-4",
    ),
    pytest.param(
        "complaint.second",
        date(2026, 7, 15),
        date(2026, 9, 3),
        # 15/07 + 16 = 31/07, + 29 = Sat 29/08 (45): Sun 30, swapped Mon 31/08, 01-02/09 → Thu 03/09
        id="second-ends-before-national-day",
    ),
    pytest.param(
        "complaint.second.complex",
        date(2026, 6, 23),
        date(2026, 8, 22),
        # 23/06 + 7 = 30/06, + 31 = 31/07 (38), + 22 = Sat 22/08 (60): a make-up working Saturday, no roll
        id="second-complex-ends-on-make-up-saturday",
    ),
    pytest.param(
        "complaint.second.remote",
        date(2025, 11, 3),
        date(2026, 1, 5),
        # 03/11 + 27 = 30/11, + 31 = 31/12 (58), + 2 = Fri 02/01 (60): swapped day off, weekend → Mon 05/01
        id="second-remote-ends-on-swapped-friday",
    ),
    pytest.param(
        "complaint.second.remote_complex",
        date(2025, 12, 10),
        date(2026, 2, 23),
        # 10/12 + 21 = 31/12, + 31 = 31/01 (52), + 18 = Wed 18/02 (70): Tết → Mon 23/02
        id="second-remote-complex-ends-in-tet",
    ),
    pytest.param(
        "complaint.second_window",
        date(2026, 1, 20),
        date(2026, 2, 23),
        # 20/01 + 11 = 31/01, + 19 = Thu 19/02 (30): Tết → Mon 23/02
        id="second-window-ends-in-tet",
    ),
    pytest.param(
        "complaint.second_window.remote",
        date(2026, 3, 16),
        date(2026, 5, 4),
        # 16/03 + 15 = 31/03, + 30 = Thu 30/04 (45): 30/04, 01/05, weekend → Mon 04/05
        id="second-window-remote-ends-on-30-4",
    ),
    pytest.param(
        "complaint.send_decision",
        date(2026, 2, 12),
        date(2026, 2, 24),
        # Fri 13/02 (1), Tết week, Mon 23/02 (2), Tue 24/02 (3)
        id="send-decision-3wd-over-tet",
    ),
    pytest.param(
        "complaint.dialogue_notice",
        date(2026, 2, 10),
        date(2026, 2, 23),
        # notice on 10/02 + 5 = Sun 15/02, then Tết until 22/02 → earliest dialogue Mon 23/02
        id="dialogue-earliest-after-tet",
    ),
    # denunciations
    pytest.param(
        "denunciation.classify",
        date(2026, 2, 11),
        date(2026, 2, 27),
        # 12, 13/02 (2), Tết week, 23, 24, 25, 26, 27/02 (7)
        id="classify-7wd-over-tet",
    ),
    pytest.param(
        "denunciation.classify.extended",
        date(2026, 2, 11),
        date(2026, 3, 4),
        # as above to 27/02 (7), then 02, 03, 04/03 (10)
        id="classify-extended-10wd-over-tet",
    ),
    pytest.param(
        "denunciation.forward",
        date(2026, 4, 24),
        date(2026, 5, 6),
        # Mon 27/04 off, 28 (1), 29 (2), 30/04 and 01/05 off, weekend, 04 (3), 05 (4), 06/05 (5)
        id="forward-5wd-over-hung-kings-and-30-4",
    ),
    pytest.param(
        "denunciation.notify_acceptance",
        date(2026, 1, 7),
        date(2026, 1, 13),
        # 08 (1), 09 (2), make-up Sat 10 (3), Mon 12 (4), Tue 13/01 (5)
        id="notify-acceptance-counts-make-up-saturday",
    ),
    pytest.param(
        "denunciation.resolve",
        date(2026, 8, 3),
        date(2026, 9, 3),
        # 03/08 + 30 = Wed 02/09, National Day → Thu 03/09
        id="resolve-ends-on-national-day",
    ),
    pytest.param(
        "denunciation.extension",
        date(2026, 2, 23),
        date(2026, 3, 25),
        # an extension counted from the deadline 23/02: + 5 = 28/02, + 25 = Wed 25/03 (30)
        id="extension-30-days",
    ),
    # petitions, reflections and the online PAKN timers
    pytest.param(
        "petition.reply",
        date(2025, 12, 29),
        date(2026, 1, 13),
        # 30, 31/12 (2), 01-04/01 off, 05-09/01 (7), make-up Sat 10 (8), 12 (9), 13/01 (10)
        id="petition-reply-10wd-over-new-year",
    ),
    pytest.param(
        "reflection.forward",
        date(2026, 8, 20),
        date(2026, 8, 26),
        # Fri 21 (1), make-up Sat 22 (2), Mon 24 (3), 25 (4), 26/08 (5)
        id="reflection-forward-counts-make-up-saturday",
    ),
    pytest.param(
        "online.reject",
        date(2026, 2, 13),
        date(2026, 2, 24),
        # Tết week, Mon 23 (1), Tue 24/02 (2)
        id="online-reject-2wd-over-tet",
    ),
    pytest.param(
        "online.supplement",
        date(2026, 2, 13),
        date(2026, 2, 27),
        # Tết week, 23, 24, 25, 26, 27/02 (5)
        id="online-supplement-5wd-over-tet",
    ),
    pytest.param(
        "online.answer",
        date(2026, 2, 2),
        date(2026, 3, 2),
        # 03-06/02 (4), 09-13/02 (9), Tết week, 23-27/02 (14), Mon 02/03 (15)
        id="online-answer-15wd-over-tet",
    ),
    pytest.param(
        "online.publish",
        date(2026, 4, 29),
        date(2026, 5, 5),
        # 30/04 and 01/05 off, weekend, Mon 04 (1), Tue 05/05 (2)
        id="online-publish-2wd-over-30-4",
    ),
    # citizen reception
    pytest.param(
        "reception.refusal_notice",
        date(2026, 8, 28),
        date(2026, 9, 7),
        # weekend, Mon 31/08 swapped, 01-02/09, Thu 03 (1), Fri 04 (2), Mon 07/09 (3)
        id="refusal-notice-3wd-over-national-day",
    ),
    pytest.param(
        "party.reply",
        date(2026, 2, 9),
        date(2026, 3, 2),
        # 10-13/02 (4), Tết week, 23-27/02 (9), Mon 02/03 (10)
        id="party-reply-10wd-over-tet",
    ),
]


@pytest.mark.parametrize(("key", "trigger", "expected"), WORKED_EXAMPLES)
def test_every_clock_ends_on_the_hand_counted_day(key: str, trigger: date, expected: date) -> None:
    assert due(key, trigger) == expected


def test_every_default_clock_has_a_worked_example() -> None:
    covered = {param.values[0] for param in WORKED_EXAMPLES}
    assert covered == set(rule_keys(DEFAULT_RULES))


# --- the 01/07/2026 switchover ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # Tue 30/06: 01, 02, 03 (3), 06-10 (8), 13 (9), 14/07 (10)
        pytest.param(date(2026, 6, 30), 10, date(2026, 7, 14), id="received-30-6-keeps-10wd"),
        # Wed 01/07: 02, 03 (2), 06-10/07 (7)
        pytest.param(date(2026, 7, 1), 7, date(2026, 7, 10), id="received-1-7-gets-7wd"),
        # Sat 04/07 (a day off, received online): Mon 06 - Tue 14/07 (7)
        pytest.param(date(2026, 7, 4), 7, date(2026, 7, 14), id="received-on-a-saturday-after-the-change"),
    ],
)
def test_complaint_acceptance_follows_the_version_in_force_at_receipt(
    received: date, days: int, expected: date
) -> None:
    rule = rule_in_force(DEFAULT_RULES, "complaint.accept", received)
    assert rule.days == days
    assert rule.unit is WORKING
    assert due("complaint.accept", received) == expected


def test_a_complaint_received_later_can_be_due_earlier_across_the_switchover() -> None:
    # The point of versioning: one day later at the desk, four working days less to accept.
    assert due("complaint.accept", date(2026, 7, 1)) < due("complaint.accept", date(2026, 6, 30))  # type: ignore[operator]


RESOLUTION_DAYS = {
    "complaint.first": 30,
    "complaint.first.complex": 45,
    "complaint.first.remote": 45,
    "complaint.first.remote_complex": 60,
    "complaint.second": 45,
    "complaint.second.complex": 60,
    "complaint.second.remote": 60,
    "complaint.second.remote_complex": 70,
}


@pytest.mark.parametrize(("key", "days"), RESOLUTION_DAYS.items())
def test_complaint_resolution_keeps_its_days_but_restarts_after_suspension_from_1_july_2026(
    key: str, days: int
) -> None:
    before = rule_in_force(DEFAULT_RULES, key, date(2026, 6, 30))
    after = rule_in_force(DEFAULT_RULES, key, LAW_136_IN_FORCE)
    assert (before.days, before.unit, before.suspension) == (days, CALENDAR, PAUSE)
    assert (after.days, after.unit, after.suspension) == (days, CALENDAR, RESTART)
    assert "[U]" in before.note  # the pre-2026 pause reading is unconfirmed and must say so
    assert "136/2025" in after.legal_basis


@pytest.mark.parametrize(
    ("key", "days", "unit"),
    [
        ("complaint.limitation", 90, CALENDAR),
        ("complaint.second_window", 30, CALENDAR),
        ("complaint.second_window.remote", 45, CALENDAR),
        ("complaint.send_decision", 3, WORKING),
        ("complaint.dialogue_notice", 5, CALENDAR),
        ("denunciation.classify", 7, WORKING),
        ("denunciation.classify.extended", 10, WORKING),
        ("denunciation.forward", 5, WORKING),
        ("denunciation.notify_acceptance", 5, WORKING),
        ("denunciation.resolve", 30, CALENDAR),
        ("denunciation.extension", 30, CALENDAR),
        ("petition.reply", 10, WORKING),
        ("reflection.forward", 5, WORKING),
        ("online.reject", 2, WORKING),
        ("online.supplement", 5, WORKING),
        ("online.answer", 15, WORKING),
        ("online.publish", 2, WORKING),
        ("reception.refusal_notice", 3, WORKING),
        ("party.reply", 10, WORKING),
    ],
)
def test_unchanged_clocks_have_the_same_length_on_both_sides_of_the_switchover(
    key: str, days: int, unit: DayUnit
) -> None:
    for day in (date(2026, 6, 30), LAW_136_IN_FORCE):
        rule = rule_in_force(DEFAULT_RULES, key, day)
        assert (rule.days, rule.unit) == (days, unit)


def test_denunciation_resolution_pauses_rather_than_restarts() -> None:
    assert rule_in_force(DEFAULT_RULES, "denunciation.resolve", date(2026, 8, 1)).suspension is PAUSE


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


# --- choosing the clock ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instance", "complex_", "remote", "key"),
    [
        (1, False, False, "complaint.first"),
        (1, True, False, "complaint.first.complex"),
        (1, False, True, "complaint.first.remote"),
        (1, True, True, "complaint.first.remote_complex"),
        (2, False, False, "complaint.second"),
        (2, True, False, "complaint.second.complex"),
        (2, False, True, "complaint.second.remote"),
        (2, True, True, "complaint.second.remote_complex"),
    ],
)
def test_complaint_resolution_key_selects_the_article_28_or_37_limit(
    instance: int, complex_: bool, remote: bool, key: str
) -> None:
    assert complaint_resolution_key(instance, complex=complex_, remote=remote) == key
    assert rule_in_force(DEFAULT_RULES, key, date(2026, 3, 1)).days == RESOLUTION_DAYS[key]


@pytest.mark.parametrize("instance", [0, 3])
def test_there_is_no_third_complaint_instance(instance: int) -> None:
    with pytest.raises(ValueError, match="instance"):
        complaint_resolution_key(instance, complex=False, remote=False)


@pytest.mark.parametrize(("remote", "days"), [(False, 30), (True, 45)])
def test_second_complaint_window_is_longer_in_remote_areas(remote: bool, days: int) -> None:
    rule = rule_in_force(DEFAULT_RULES, complaint_second_window_key(remote=remote), date(2026, 3, 1))
    assert rule.days == days


# --- the rule table -------------------------------------------------------------------------------------------------


def test_default_rules_have_no_overlap_or_gap() -> None:
    assert validate_rules(DEFAULT_RULES) == []


def test_every_default_clock_is_still_in_force_and_cites_its_basis() -> None:
    for key in rule_keys(DEFAULT_RULES):
        versions = [rule for rule in DEFAULT_RULES if rule.key == key]
        assert [rule for rule in versions if rule.valid_to is None], f"{key} has no open-ended version"
    for rule in DEFAULT_RULES:
        assert any(word in rule.legal_basis for word in ("Luật", "Nghị định", "Quy định", "Cổng")), rule.key


def test_rule_keys_are_sorted_and_distinct() -> None:
    keys = rule_keys(DEFAULT_RULES)
    assert list(keys) == sorted(set(keys))
    assert "complaint.accept" in keys
    assert len(keys) == len(set(keys))


def test_unknown_clock_is_a_lookup_error_naming_the_key() -> None:
    with pytest.raises(LookupError, match="complaint.typo"):
        rule_in_force(DEFAULT_RULES, "complaint.typo", date(2026, 3, 1))


def test_a_day_before_the_first_version_is_a_lookup_error_naming_the_day() -> None:
    with pytest.raises(LookupError, match="2018-12-31"):
        rule_in_force(DEFAULT_RULES, "denunciation.resolve", date(2018, 12, 31))


def test_version_boundaries_are_inclusive() -> None:
    assert rule_in_force(DEFAULT_RULES, "complaint.accept", date(2026, 6, 30)).days == 10
    assert rule_in_force(DEFAULT_RULES, "complaint.accept", date(2026, 7, 1)).days == 7
    assert rule_in_force(DEFAULT_RULES, "denunciation.resolve", date(2019, 1, 1)).days == 30


def _accept_2026() -> ClockRule:
    return rule_in_force(DEFAULT_RULES, "complaint.accept", LAW_136_IN_FORCE)


def test_a_correction_added_without_closing_the_old_version_is_reported_and_refused() -> None:
    correction = replace(_accept_2026(), days=5, valid_from=date(2027, 1, 1))
    rules = (*DEFAULT_RULES, correction)
    assert validate_rules(rules) == [
        RuleIssue("complaint.accept", RuleIssueKind.OVERLAP, date(2027, 1, 1), None),
    ]
    with pytest.raises(ValueError, match="overlap"):
        rule_in_force(rules, "complaint.accept", date(2027, 3, 1))
    # before the overlap the table still answers
    assert rule_in_force(rules, "complaint.accept", date(2026, 12, 31)).days == 7


def test_a_correction_leaving_a_day_uncovered_is_reported_as_a_gap() -> None:
    old = _accept_2026()
    closed = replace(old, valid_to=date(2026, 12, 30))
    correction = replace(old, days=5, valid_from=date(2027, 1, 1))
    rules = tuple(rule for rule in DEFAULT_RULES if rule is not old) + (closed, correction)
    assert validate_rules(rules) == [
        RuleIssue("complaint.accept", RuleIssueKind.GAP, date(2026, 12, 31), date(2026, 12, 31)),
    ]
    with pytest.raises(LookupError, match="2026-12-31"):
        rule_in_force(rules, "complaint.accept", date(2026, 12, 31))


def test_a_properly_closed_correction_takes_over_the_next_day() -> None:
    old = _accept_2026()
    rules = tuple(rule for rule in DEFAULT_RULES if rule is not old) + (
        replace(old, valid_to=date(2026, 12, 31)),
        replace(old, days=5, valid_from=date(2027, 1, 1)),
    )
    assert validate_rules(rules) == []
    assert rule_in_force(rules, "complaint.accept", date(2026, 12, 31)).days == 7
    assert rule_in_force(rules, "complaint.accept", date(2027, 1, 1)).days == 5


def test_a_version_nested_inside_another_is_an_overlap_even_with_a_later_neighbour() -> None:
    base = _accept_2026()
    rules = [
        replace(base, valid_from=date(2027, 1, 1), valid_to=date(2027, 12, 31)),
        replace(base, valid_from=date(2027, 3, 1), valid_to=date(2027, 3, 31)),
        replace(base, valid_from=date(2027, 5, 1), valid_to=None),
    ]
    issues = validate_rules(rules)
    assert {(i.kind, i.first_day, i.last_day) for i in issues} == {
        (RuleIssueKind.OVERLAP, date(2027, 3, 1), date(2027, 3, 31)),
        (RuleIssueKind.OVERLAP, date(2027, 5, 1), date(2027, 12, 31)),
    }
    assert "overlap" in str(issues[0])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"days": -1}, "days", id="negative-days"),
        pytest.param({"valid_to": date(2026, 6, 30)}, "valid_to", id="ends-before-it-starts"),
        pytest.param({"legal_basis": "  "}, "legal_basis", id="no-legal-basis"),
        pytest.param({"label": ""}, "label", id="no-label"),
    ],
)
def test_clock_rule_rejects_impossible_versions(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(_accept_2026(), **changes)  # type: ignore[arg-type]


def test_clock_rule_accepts_stored_string_values_for_unit_and_mode() -> None:
    # Rows come back from the database as plain strings.
    rule = replace(_accept_2026(), unit="calendar", suspension="restart")  # type: ignore[arg-type]
    assert rule.unit is CALENDAR
    assert rule.suspension is RESTART


def test_enum_values_are_the_stored_strings() -> None:
    assert [u.value for u in DayUnit] == ["working", "calendar"]
    assert [m.value for m in SuspensionMode] == ["pause", "restart"]


# --- properties -----------------------------------------------------------------------------------------------------

DATES = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
DAY_COUNTS = st.integers(min_value=0, max_value=90)
UNITS = st.sampled_from(list(DayUnit))
MODES = st.sampled_from(list(SuspensionMode))

calendars = st.one_of(
    st.just(CAL_2026),
    st.builds(
        WorkCalendar,
        days_off=st.frozensets(DATES, max_size=40),
        working_days=st.frozensets(DATES, max_size=10),
        weekend=st.frozensets(st.integers(min_value=0, max_value=6), max_size=3),
    ),
)


@st.composite
def suspension_plans(draw: st.DrawFn, start: date) -> list[Suspension]:
    """Zero to three suspensions in date order after ``start``; the last may still be open."""
    plan: list[Suspension] = []
    cursor = start
    for gap, length in draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3)):
        begin = cursor + timedelta(days=gap)
        cursor = begin + timedelta(days=length)
        plan.append(Suspension(begin, cursor))
    if plan and draw(st.booleans()):  # type: ignore[arg-type]  # mypy infers the right of `and` from its left
        plan[-1] = Suspension(plan[-1].start)
    return plan


@given(start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_deadline_is_an_open_day_no_earlier_than_the_nominal_end(
    start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    result = deadline(start, days, unit, calendar=calendar)
    assert result is not None
    assert calendar.is_working_day(result)
    assert result >= start + timedelta(days=days)
    if unit is CALENDAR:
        # every day skipped by the roll-forward was a day off
        skipped = (start + timedelta(days=days + i) for i in range((result - start).days - days))
        assert not any(calendar.is_working_day(d) for d in skipped)
    elif days:
        assert working_days_between(start, result, calendar=calendar) == days


@given(data=st.data(), start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_a_pause_never_brings_the_deadline_forward(
    data: st.DataObject, start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    plan = data.draw(suspension_plans(start))
    paused = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=PAUSE)
    unsuspended = deadline(start, days, unit, calendar=calendar)
    assert unsuspended is not None
    if paused is not None:
        assert paused >= unsuspended
        assert calendar.is_working_day(paused)
    else:
        assert plan[-1].is_open


@given(data=st.data(), start=DATES, days=DAY_COUNTS, unit=UNITS, calendar=calendars)
def test_property_restart_gives_at_least_as_much_time_as_pause(
    data: st.DataObject, start: date, days: int, unit: DayUnit, calendar: WorkCalendar
) -> None:
    plan = data.draw(suspension_plans(start))
    paused = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=PAUSE)
    restarted = deadline(start, days, unit, calendar=calendar, suspensions=plan, mode=RESTART)
    if paused is None:
        assert restarted is None
    elif restarted is not None:
        assert restarted >= paused


@given(
    start=DATES,
    days=DAY_COUNTS,
    unit=UNITS,
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_restart_runs_the_full_limit_from_the_resume_date(
    start: date, days: int, unit: DayUnit, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    assert suspension.end is not None
    original = deadline(start, days, unit, calendar=calendar)
    result = deadline(start, days, unit, calendar=calendar, suspensions=[suspension], mode=RESTART)
    assert original is not None and result is not None
    if suspension.start <= original:
        assert result >= suspension.end
        assert result == deadline(suspension.end, days, unit, calendar=calendar)
    else:
        assert result == original


@given(
    start=DATES,
    days=DAY_COUNTS,
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_a_calendar_pause_moves_the_deadline_by_the_suspended_days(
    start: date, days: int, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    result = deadline(start, days, CALENDAR, calendar=calendar, suspensions=[suspension], mode=PAUSE)
    if offset <= days:
        assert result == due_after_calendar_days(start, days + length, calendar=calendar)
    elif suspension.start > due_after_calendar_days(start, days, calendar=calendar):
        assert result == due_after_calendar_days(start, days, calendar=calendar)


@given(
    start=DATES,
    days=st.integers(1, 60),
    offset=st.integers(0, 120),
    length=st.integers(0, 60),
    calendar=calendars,
)
def test_property_a_working_day_pause_keeps_the_total_of_counted_days(
    start: date, days: int, offset: int, length: int, calendar: WorkCalendar
) -> None:
    suspension = Suspension(start + timedelta(days=offset), start + timedelta(days=offset + length))
    assert suspension.end is not None
    used = working_days_between(start, suspension.start, calendar=calendar)
    result = deadline(start, days, WORKING, calendar=calendar, suspensions=[suspension], mode=PAUSE)
    assert result is not None
    if used < days:
        assert used + working_days_between(suspension.end, result, calendar=calendar) == days


@given(key=st.sampled_from(rule_keys(DEFAULT_RULES)), day=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_property_default_rules_answer_every_day_from_their_first_version(key: str, day: date) -> None:
    first = min(rule.valid_from for rule in DEFAULT_RULES if rule.key == key)
    if day < first:
        with pytest.raises(LookupError):
            rule_in_force(DEFAULT_RULES, key, day)
    else:
        assert rule_in_force(DEFAULT_RULES, key, day).covers(day)


@given(instance=st.sampled_from([1, 2]), complex_=st.booleans(), remote=st.booleans(), day=DATES)
def test_property_selected_keys_exist_and_never_shorten_with_harder_cases(
    instance: int, complex_: bool, remote: bool, day: date
) -> None:
    def days(i: int, c: bool, r: bool) -> int:
        return rule_in_force(DEFAULT_RULES, complaint_resolution_key(i, complex=c, remote=r), day).days

    assert days(instance, complex_, remote) >= days(instance, False, False)
    assert days(2, complex_, remote) > days(1, complex_, remote)  # the second instance always gets longer
    if remote:
        assert days(instance, complex_, remote) > days(instance, complex_, False)
    rule_in_force(DEFAULT_RULES, complaint_second_window_key(remote=remote), day)
    rule_in_force(DEFAULT_RULES, "denunciation.resolve", day)
    rule_in_force(DEFAULT_RULES, "denunciation.extension", day)


@given(criteria=st.integers(0, COMPLEXITY_CRITERIA), more=st.integers(0, COMPLEXITY_CRITERIA))
def test_property_more_criteria_never_allow_fewer_extensions(criteria: int, more: int) -> None:
    low, high = sorted((criteria, more))
    assert 0 <= denunciation_extensions_allowed(low) <= denunciation_extensions_allowed(high) <= 2

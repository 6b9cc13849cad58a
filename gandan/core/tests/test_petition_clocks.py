"""Tests for the statutory clocks of petitions in ``gandan.core.petition_clocks``.

The fixture calendar is the official 2026 civil-service calendar (the same days as
``test_workdays.CAL_2026`` and the ``workcalendar`` seed): Tết 16-20/02 (off 14-22/02 with the weekends),
New Year 01/01 with Friday 02/01 swapped for Saturday 10/01, Hùng Kings compensated on Monday 27/04,
30/04 and 01/05, and National Day 01-02/09 with Monday 31/08 swapped for Saturday 22/08.

Every expected date below was counted by hand; the comment on each row shows the count.
"""

from dataclasses import replace
from datetime import date

import pytest

from gandan.core.petition_clocks import (
    DEFAULT_RULES,
    LAW_136_IN_FORCE,
    ClockRule,
    DayUnit,
    RuleIssue,
    RuleIssueKind,
    SuspensionMode,
    complaint_resolution_key,
    complaint_second_window_key,
    rule_in_force,
    rule_keys,
    validate_rules,
)
from gandan.core.tests.petition_clocks_support import (
    CALENDAR,
    PAUSE,
    RESTART,
    WORKING,
    due,
)

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

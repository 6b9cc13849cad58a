"""Citizen reception: scheduling, holding and cancelling a leader's reception day, and the compliance with the
statutory minimums (DOMAIN.md §5.1). The clock is frozen on Wednesday 13/05/2026 (conftest.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from gandan.audit.models import Event
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.reception import services
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.reception.tests.support import (
    CHAIRMAN,
    PLACE,
    SECRETARY,
    TODAY,
    deputy,
    held,
    html,
    schedule,
    vi,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


# --- Scheduling -------------------------------------------------------------------------------------------------


def test_a_day_is_scheduled_for_a_leader_of_the_commune_and_audited(
    commune_leader, desk_officer, home_commune
):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    assert (day.unit, day.unit_path, day.leader, day.held) == (
        home_commune,
        home_commune.path,
        commune_leader,
        False,
    )
    assert services.day_status(day) == "scheduled"
    assert Event.objects.filter(
        action="petitions.reception_day_schedule", object_id=str(day.pk), actor=desk_officer
    ).exists()


def test_a_leader_cannot_have_two_days_on_one_date(commune_leader, desk_officer):
    schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    with pytest.raises(DomainError) as caught:
        schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer, kind=CHAIRMAN)

    assert caught.value.field == "day"
    assert "20/05/2026" in str(caught.value.message)
    assert ReceptionDay.objects.filter(leader=commune_leader, day=dt.date(2026, 5, 20)).count() == 1


def test_a_cancelled_date_still_cannot_be_booked_twice(commune_leader, desk_officer):
    day = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    services.reception_day_cancel(day_obj=day, by=desk_officer, reason="Họp HĐND xã đột xuất")

    with pytest.raises(DomainError) as caught:
        schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)

    assert caught.value.field == "day"


SCHEDULE_ERRORS = [
    ("ad_hoc_reason", {"ad_hoc": True}),  # an ad-hoc day needs its reason
    ("leader", {"leader": "desk_officer"}),  # the desk officer is not the chairman
    ("leader", {"leader": "party_secretary"}),  # nor is the party secretary
    ("leader", {"leader": "other_commune_leader"}),  # the chairman of another commune
    ("leader_kind", {"kind": LeaderKind.PROVINCE_CHAIRMAN}),  # no provincial office in a commune
    ("day", {"day": dt.date(2027, 6, 1)}),  # more than a year ahead
]


@pytest.mark.parametrize(("field", "change"), SCHEDULE_ERRORS)
def test_scheduling_refuses_a_wrong_day_with_the_field_to_fix(
    field, change, request, commune_leader, desk_officer, home_commune
):
    leader = request.getfixturevalue(change.get("leader", "commune_leader"))
    before = ReceptionDay.objects.filter(unit=home_commune).count()  # the demo's schedules have days too

    with pytest.raises(DomainError) as caught:
        services.reception_day_schedule(
            unit=home_commune,
            leader=leader,
            leader_kind=change.get("kind", CHAIRMAN),
            day=change.get("day", dt.date(2026, 5, 20)),
            place=PLACE,
            ad_hoc=change.get("ad_hoc", False),
            by=desk_officer,
        )

    assert field in caught.value.errors
    assert ReceptionDay.objects.filter(unit=home_commune).count() == before


def test_the_party_secretary_receives_as_party_secretary(party_secretary, desk_officer):
    day = schedule(party_secretary, dt.date(2026, 5, 21), kind=SECRETARY, by=desk_officer)

    assert day.leader_kind == SECRETARY


def test_a_deputy_may_stand_in_only_before_1_july_2026(desk_officer, home_commune):
    vice = deputy(home_commune)

    before = schedule(vice, dt.date(2026, 6, 30), by=desk_officer)
    with pytest.raises(DomainError) as caught:
        schedule(vice, dt.date(2026, 7, 1), by=desk_officer)

    assert before.pk
    assert caught.value.field == "leader"
    assert "136/2025/QH15" in str(caught.value.message)


def test_only_reception_staff_schedule_and_only_in_their_commune(
    case_handler, commune_leader, desk_officer, other_commune, other_commune_leader
):
    with pytest.raises(NotAllowed):
        schedule(commune_leader, dt.date(2026, 5, 20), by=case_handler)
    with pytest.raises(DomainError) as caught:
        schedule(other_commune_leader, dt.date(2026, 5, 20), unit=other_commune, by=desk_officer)

    assert caught.value.code == "unit_out_of_scope"


def test_a_day_is_held_on_or_after_its_date_and_then_cannot_be_cancelled(commune_leader, desk_officer):
    future = schedule(commune_leader, dt.date(2026, 5, 20), by=desk_officer)
    today = schedule(commune_leader, TODAY, by=desk_officer)

    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=future, by=desk_officer)
    services.reception_day_held(day_obj=today, by=desk_officer)
    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=today, by=desk_officer)
    with pytest.raises(Conflict):
        services.reception_day_cancel(day_obj=today, by=desk_officer, reason="Nhầm lịch")

    today.refresh_from_db()
    assert today.held and services.day_status(today) == "held"


def test_cancelling_needs_a_reason_and_a_cancelled_day_cannot_be_held(commune_leader, desk_officer):
    day = schedule(commune_leader, TODAY, by=desk_officer)

    with pytest.raises(DomainError) as caught:
        services.reception_day_cancel(day_obj=day, by=desk_officer, reason="  ")
    services.reception_day_cancel(day_obj=day, by=desk_officer, reason="Chủ tịch đi họp tỉnh")
    with pytest.raises(Conflict):
        services.reception_day_held(day_obj=day, by=desk_officer)

    assert caught.value.field == "reason"
    day.refresh_from_db()
    assert services.day_status(day) == "cancelled"


# --- Compliance with the minimums -------------------------------------------------------------------------------

APRIL_WEEKS = [
    dt.date(2026, 3, 30),
    dt.date(2026, 4, 6),
    dt.date(2026, 4, 13),
    dt.date(2026, 4, 20),
    dt.date(2026, 4, 27),
]  # the Mondays of the weeks that overlap April 2026


def chairman_april(unit, **kwargs):
    rows = services.compliance(
        unit, leader_kind=CHAIRMAN, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), today=TODAY, **kwargs
    )
    return rows


def test_the_minimums_are_data_with_their_legal_basis():
    chairman = services.minimum_for(CHAIRMAN, TODAY)
    secretary = services.minimum_for(SECRETARY, TODAY)

    assert (chairman.period, chairman.days) == ("week", 1)
    assert "Điều 15" in str(chairman.legal_basis) and "42/2013" in str(chairman.legal_basis)
    assert (secretary.period, secretary.days) == ("month", 2)
    assert "215-KL/TW" in str(secretary.legal_basis)
    assert (
        services.minimum_for(LeaderKind.OTHER_HEAD, TODAY).days,
        services.minimum_for(LeaderKind.PROVINCE_CHAIRMAN, TODAY).period,
    ) == (1, "month")


def test_a_chairman_with_a_held_day_in_each_week_of_the_month_is_compliant(
    commune_leader, desk_officer, home_commune
):
    for monday in APRIL_WEEKS:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)  # each Wednesday

    [row] = chairman_april(home_commune)

    assert row.leader == commune_leader
    assert [p.start for p in row.periods] == APRIL_WEEKS
    assert [(p.required, p.held, p.status) for p in row.periods] == [(1, 1, "met")] * 5
    assert row.compliant and row.missed == []


def test_a_missing_week_is_flagged_and_an_ad_hoc_day_does_not_fill_it(
    commune_leader, desk_officer, home_commune
):
    for monday in APRIL_WEEKS:
        if monday != dt.date(2026, 4, 13):
            held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)
    held(commune_leader, dt.date(2026, 4, 16), by=desk_officer, ad_hoc=True)
    unheld = schedule(commune_leader, dt.date(2026, 4, 17), by=desk_officer)  # scheduled, never marked held

    [row] = chairman_april(home_commune)

    assert not row.compliant
    assert [p.start for p in row.missed] == [dt.date(2026, 4, 13)]
    missed = row.missed[0]
    assert (missed.held, missed.ad_hoc, missed.scheduled) == (0, 1, 0)
    assert unheld.pk and row.met == 4


def test_a_party_secretary_needs_two_held_days_a_month(party_secretary, desk_officer, home_commune):
    held(party_secretary, dt.date(2026, 3, 10), kind=SECRETARY, by=desk_officer)
    held(party_secretary, dt.date(2026, 3, 24), kind=SECRETARY, by=desk_officer)
    held(party_secretary, dt.date(2026, 4, 14), kind=SECRETARY, by=desk_officer)

    [row] = services.compliance(
        home_commune, leader_kind=SECRETARY, start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31), today=TODAY
    )

    assert [(p.start, p.required, p.held, p.status) for p in row.periods] == [
        (dt.date(2026, 3, 1), 2, 2, "met"),
        (dt.date(2026, 4, 1), 2, 1, "missed"),
        (dt.date(2026, 5, 1), 2, 0, "pending"),  # the month is not over yet
    ]


def test_an_office_nobody_holds_days_for_is_flagged_for_the_unit(commune_leader, desk_officer, home_commune):
    for monday in APRIL_WEEKS:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)

    rows = services.compliance_for_unit(
        home_commune, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), today=TODAY
    )

    by_kind = {row.leader_kind: row for row in rows}
    assert by_kind[CHAIRMAN].compliant
    assert by_kind[SECRETARY].leader is None and not by_kind[SECRETARY].compliant


def test_the_compliance_page_marks_the_missed_weeks_in_red(commune_leader, desk_officer, home_commune):
    # The demo's schedules give the party secretary days at the end of the year: without them, nobody holds the office.
    ReceptionDay.objects.filter(unit=home_commune, leader_kind=SECRETARY).delete()
    for monday in APRIL_WEEKS[:2]:
        held(commune_leader, monday + dt.timedelta(days=2), by=desk_officer)

    response = client_for(desk_officer).get(reverse("reception:compliance"), {"year": 2026})

    page = html(response)
    assert response.status_code == 200
    assert page.count('<span class="pill pill-ok">' + vi("met") + "</span>") == 2
    assert vi("below the minimum") in page  # the weeks since, and every month of the party secretary
    assert vi("Nobody scheduled") in page
    assert "khoản 2 Điều 15" in page


def test_the_compliance_page_has_an_empty_state(desk_officer):
    response = client_for(desk_officer).get(reverse("reception:compliance"), {"year": 2025})

    assert response.status_code == 200
    assert vi("No reception day is recorded for %(y)s, so no minimum is being met.", y=2025) in html(response)

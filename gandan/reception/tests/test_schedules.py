"""Citizen reception: the leaders' recurring schedules, the days they generate (held, cancelled and counted like any
other day), their staff pages and the citizens' page. The clock is frozen on Wednesday 13/05/2026 (conftest.py);
the demo's own schedules (Thursday mornings, the 10th and the 25th) exist as loaded on the session's day."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gandan.audit.models import Event
from gandan.errors import DomainError, NotAllowed
from gandan.reception import services
from gandan.reception.models import ReceptionDay, ReceptionSchedule
from gandan.reception.selectors import days_this_week
from gandan.reception.tests.support import CHAIRMAN, TODAY, deputy, html, vi
from gandan.tests_support import client_for
from gandan.workcalendar.models import CalendarDay

pytestmark = pytest.mark.django_db

TUESDAY = 1
PLACE = "Hội trường nhà văn hóa thôn Bến Đò"


def spec(leader, **changes):
    values = {
        "leader": leader,
        "leader_kind": CHAIRMAN,
        "frequency": "weekly",
        "weekday": TUESDAY,
        "nth": None,
        "month_day": None,
        "session": "afternoon",
        "start_time": dt.time(14, 0),
        "end_time": dt.time(16, 30),
        "place": PLACE,
        "valid_from": TODAY,
        "valid_to": None,
        "note": "Mang theo căn cước",
    }
    values.update(changes)
    return services.ScheduleSpec(**values)


def tuesdays(schedule):
    return list(ReceptionDay.objects.filter(schedule=schedule).order_by("day").values_list("day", flat=True))


def test_a_weekly_schedule_generates_its_coming_days_and_is_audited(
    commune_leader, desk_officer, home_commune
):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )

    days = tuesdays(schedule)
    assert days[0] == dt.date(2026, 5, 19)
    assert all(d.weekday() == TUESDAY for d in days)
    assert days[-1] <= TODAY + dt.timedelta(days=services.GENERATE_DAYS)
    assert len(days) == 8
    day = ReceptionDay.objects.get(schedule=schedule, day=dt.date(2026, 5, 19))
    assert (day.place, day.leader, day.ad_hoc, day.unit_path) == (
        PLACE,
        commune_leader,
        False,
        home_commune.path,
    )
    event = Event.objects.get(action="reception.schedule_create", object_id=str(schedule.pk))
    assert (event.actor, event.details["days"]) == (desk_officer, 8)


def test_a_reception_day_on_a_holiday_moves_to_the_next_working_day(
    commune_leader, desk_officer, home_commune
):
    CalendarDay.objects.create(day=dt.date(2026, 5, 26), kind="day_off", name="Nghỉ bù", source="edit")

    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )

    days = tuesdays(schedule)
    assert dt.date(2026, 5, 26) not in days
    assert dt.date(2026, 5, 27) in days  # the Wednesday after


def test_a_day_the_leader_already_has_is_kept_not_doubled(commune_leader, desk_officer, home_commune):
    by_hand = services.reception_day_schedule(
        unit=home_commune,
        leader=commune_leader,
        leader_kind=CHAIRMAN,
        day=dt.date(2026, 5, 19),
        place="Phòng tiếp công dân",
        by=desk_officer,
    )

    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )

    assert dt.date(2026, 5, 19) not in tuesdays(schedule)
    assert ReceptionDay.objects.get(leader=commune_leader, day=dt.date(2026, 5, 19)) == by_hand


def test_changing_a_schedule_replaces_only_the_untouched_coming_days(
    commune_leader, desk_officer, home_commune, frozen
):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )
    frozen.move_to(dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC))
    first = ReceptionDay.objects.get(schedule=schedule, day=dt.date(2026, 5, 19))
    services.reception_day_held(day_obj=first, by=desk_officer)

    services.reception_schedule_update(
        schedule=schedule,
        spec=spec(commune_leader, weekday=4, valid_from=dt.date(2026, 5, 13)),
        by=desk_officer,
    )

    days = tuesdays(schedule)
    assert days[0] == dt.date(2026, 5, 19)  # held: kept as it was
    assert all(d.weekday() == 4 for d in days[1:])
    assert days[1] == dt.date(2026, 5, 22)
    assert Event.objects.get(action="reception.schedule_update").details["days_removed"] == 7


def test_ending_a_schedule_removes_the_days_after_its_last_day(commune_leader, desk_officer, home_commune):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )
    cancelled = ReceptionDay.objects.get(schedule=schedule, day=dt.date(2026, 6, 9))
    services.reception_day_cancel(day_obj=cancelled, by=desk_officer, reason="Họp HĐND")

    services.reception_schedule_end(schedule=schedule, last_day=dt.date(2026, 5, 31), by=desk_officer)

    schedule.refresh_from_db()
    assert schedule.valid_to == dt.date(2026, 5, 31)
    # The cancelled day stays (its reason is part of the record); the untouched ones after the end are gone.
    assert tuesdays(schedule) == [dt.date(2026, 5, 19), dt.date(2026, 5, 26), dt.date(2026, 6, 9)]
    assert Event.objects.filter(action="reception.schedule_end", object_id=str(schedule.pk)).exists()
    with pytest.raises(DomainError) as caught:
        services.reception_schedule_end(schedule=schedule, last_day=dt.date(2026, 5, 1), by=desk_officer)
    assert caught.value.field == "last_day"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekday": 5}, "weekday"),  # Saturday: the office is closed
        ({"frequency": "monthly_weekday", "nth": None}, "nth"),
        ({"frequency": "monthly_day", "month_day": None}, "month_day"),
        ({"end_time": dt.time(13, 0)}, "end_time"),
        ({"place": "  "}, "place"),
        ({"valid_to": dt.date(2026, 5, 1)}, "valid_to"),
        ({"leader_kind": "commune_party_secretary"}, "leader"),  # the chairman is not the party secretary
    ],
)
def test_a_wrong_schedule_is_refused_with_the_field_to_fix(
    commune_leader, desk_officer, home_commune, changes, field
):
    with pytest.raises(DomainError) as caught:
        services.reception_schedule_create(
            unit=home_commune, spec=spec(commune_leader, **changes), by=desk_officer
        )

    assert field in caught.value.errors
    assert not ReceptionSchedule.objects.filter(place=PLACE).exists()


def test_a_deputy_cannot_hold_a_schedule_running_past_1_july_2026(desk_officer, home_commune):
    stand_in = deputy(home_commune)

    with pytest.raises(DomainError) as caught:
        services.reception_schedule_create(unit=home_commune, spec=spec(stand_in), by=desk_officer)

    assert "leader" in caught.value.errors


def test_only_reception_staff_of_the_commune_record_a_schedule(
    commune_leader, case_handler, other_commune_leader, home_commune
):
    with pytest.raises(NotAllowed):
        services.reception_schedule_create(unit=home_commune, spec=spec(commune_leader), by=case_handler)
    with pytest.raises(DomainError) as caught:
        services.reception_schedule_create(
            unit=home_commune, spec=spec(commune_leader), by=other_commune_leader
        )
    assert caught.value.code == "unit_out_of_scope"


def test_the_generated_days_count_towards_the_minimum_once_held(
    commune_leader, desk_officer, home_commune, frozen
):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )
    start, end = dt.date(2026, 5, 18), dt.date(2026, 5, 24)
    (before,) = [
        p
        for row in services.compliance(home_commune, leader_kind=CHAIRMAN, start=start, end=end)
        for p in row.periods
        if row.leader == commune_leader
    ]
    assert (before.scheduled, before.held, before.status) == (1, 0, "pending")

    frozen.move_to(dt.datetime(2026, 5, 19, 10, tzinfo=dt.UTC))
    services.reception_day_held(
        day_obj=ReceptionDay.objects.get(schedule=schedule, day=start + dt.timedelta(1)), by=desk_officer
    )
    (after,) = [
        p
        for row in services.compliance(home_commune, leader_kind=CHAIRMAN, start=start, end=end)
        for p in row.periods
        if row.leader == commune_leader
    ]
    assert (after.held, after.status) == (1, "met")


def test_extending_generates_the_next_weeks_once(commune_leader, desk_officer, home_commune, frozen):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )
    frozen.move_to(dt.datetime(2026, 6, 3, 9, tzinfo=dt.UTC))

    call_command("reception_days_generate", verbosity=0)
    call_command("reception_days_generate", verbosity=0)

    days = tuesdays(schedule)
    assert days[-1] == dt.date(2026, 7, 28)
    assert len(days) == len(set(days))


def test_this_weeks_days_are_offered_for_the_leaders_home(
    commune_leader, desk_officer, home_commune, other_commune_leader
):
    services.reception_schedule_create(unit=home_commune, spec=spec(commune_leader), by=desk_officer)

    assert [
        d.day for d in days_this_week(commune_leader) if d.leader == commune_leader
    ] == []  # Tuesday 12 is past
    nxt = days_this_week(commune_leader, today=dt.date(2026, 5, 20))
    assert dt.date(2026, 5, 19) in [d.day for d in nxt]
    assert all(d.unit_id == other_commune_leader.unit_id for d in days_this_week(other_commune_leader))


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_the_staff_form_records_a_schedule_and_lists_its_next_dates(commune_leader, desk_officer):
    client = client_for(desk_officer)
    response = client.post(
        reverse("reception:schedule_new"),
        {
            "leader": commune_leader.pk,
            "leader_kind": CHAIRMAN,
            "frequency": "monthly_weekday",
            "weekday": "3",
            "nth": "3",
            "session": "morning",
            "start_time": "07:30",
            "end_time": "11:00",
            "place": PLACE,
            "valid_from": "13/05/2026",
        },
    )
    assert response.status_code == 302
    schedule = ReceptionSchedule.objects.get(place=PLACE)
    page = html(client.get(reverse("reception:schedules")))
    assert f'id="schedule-{schedule.pk}"' in page
    assert "21/05/2026" in page  # the third Thursday of May
    assert "18/06/2026" in page


def test_the_staff_form_shows_the_error_next_to_the_field(commune_leader, desk_officer):
    response = client_for(desk_officer).post(
        reverse("reception:schedule_new"),
        {
            "leader": commune_leader.pk,
            "leader_kind": CHAIRMAN,
            "frequency": "weekly",
            "weekday": "2",
            "session": "morning",
            "start_time": "11:00",
            "end_time": "07:30",
            "place": PLACE,
            "valid_from": "13/05/2026",
        },
    )
    assert response.status_code == 422
    assert vi("The end time must be after the start time.") in html(response)


def test_the_other_communes_schedule_is_not_found(
    commune_leader, desk_officer, home_commune, other_commune_leader
):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )

    client = client_for(other_commune_leader)
    assert client.get(reverse("reception:schedule_edit", args=[schedule.pk])).status_code == 404
    assert f'id="schedule-{schedule.pk}"' not in html(client.get(reverse("reception:schedules")))


def test_citizens_see_the_next_four_weeks_with_time_place_and_the_leaders_title(
    client, commune_leader, desk_officer, home_commune
):
    schedule = services.reception_schedule_create(
        unit=home_commune, spec=spec(commune_leader), by=desk_officer
    )
    services.reception_day_cancel(
        day_obj=ReceptionDay.objects.get(schedule=schedule, day=dt.date(2026, 5, 26)),
        by=desk_officer,
        reason="Chủ tịch đi họp tỉnh về vụ việc của ông Lê Văn Bí Mật",
    )
    services.reception_day_schedule(
        unit=home_commune,
        leader=commune_leader,
        leader_kind=CHAIRMAN,
        day=dt.date(2026, 5, 15),
        place="Nhà văn hoá thôn Đồng Cả",
        ad_hoc=True,
        ad_hoc_reason="Nhiều hộ dân thôn Đồng Cả cùng kiến nghị",
        by=desk_officer,
    )

    response = client.get(reverse("reception_public:schedule"), {"xa": home_commune.code})

    page = html(response)
    assert response.status_code == 200
    assert "19/05/2026" in page and "14:00–16:30" in page and PLACE in page
    assert commune_leader.full_name in page
    assert "09/06/2026" in page and "16/06/2026" not in page  # four weeks: 13/05 to 09/06
    assert vi("Cancelled") in page
    assert "Bí Mật" not in page  # never why a day was cancelled
    assert "Đồng Cả" not in page  # nor an ad-hoc day, which concerns particular citizens


def test_the_citizen_home_offers_the_reception_schedule(client):
    page = html(client.get(reverse("portal:home")))
    assert reverse("reception_public:schedule") in page
    assert vi("Citizen reception schedule") in page


def test_an_unknown_commune_code_says_so(client):
    response = client.get(reverse("reception_public:schedule"), {"xa": "99999"})
    assert response.status_code == 404
    assert vi(
        "This commune does not publish a reception schedule. Choose another one from the list."
    ) in html(response)


def test_the_schedule_form_sent_twice_records_one_schedule(commune_leader, desk_officer):
    import re

    client = client_for(desk_officer)
    token = re.search(
        r'name="submission_token" value="([A-Za-z0-9_-]+)"',
        html(client.get(reverse("reception:schedule_new"))),
    ).group(1)
    form = {
        "leader": commune_leader.pk,
        "leader_kind": CHAIRMAN,
        "frequency": "weekly",
        "weekday": "1",
        "session": "afternoon",
        "start_time": "14:00",
        "end_time": "16:30",
        "place": PLACE,
        "valid_from": "13/05/2026",
        "submission_token": token,
    }

    first, second = (
        client.post(reverse("reception:schedule_new"), form),
        client.post(reverse("reception:schedule_new"), form),
    )

    assert first.status_code == second.status_code == 302
    assert ReceptionSchedule.objects.filter(place=PLACE).count() == 1


def test_a_day_scheduled_by_hand_shows_the_hours_of_the_leaders_schedule_in_force(db):
    """The trial's public schedule showed no time although the schedules record 08:00–11:00."""
    from django.utils import timezone

    from gandan.reception.selectors import public_reception_calendar

    schedule = ReceptionSchedule.objects.filter(valid_to__isnull=True).select_related("unit").first()
    assert schedule is not None
    day = max(timezone.localdate(), schedule.valid_from) + dt.timedelta(days=1)
    while ReceptionDay.objects.filter(leader=schedule.leader, day=day).exists() or day.weekday() > 4:
        day += dt.timedelta(days=1)
    ReceptionDay.objects.create(
        unit=schedule.unit,
        unit_path=schedule.unit.path,
        leader=schedule.leader,
        leader_kind=schedule.leader_kind,
        day=day,
        place="Hội trường UBND xã",
    )

    [shown] = [
        d
        for d in public_reception_calendar(schedule.unit, start=day, end=day)
        if d.leader_name == (schedule.leader.full_name or str(schedule.leader))
    ]

    assert (shown.start_time, shown.end_time) == (schedule.start_time, schedule.end_time)
    assert shown.session == schedule.get_session_display()
    page = Client().get("/tiep-cong-dan/lich/", {"xa": schedule.unit.code}).content.decode()
    assert f"{day:%d/%m/%Y}" in page and f"{schedule.start_time:%H:%M}–{schedule.end_time:%H:%M}" in page

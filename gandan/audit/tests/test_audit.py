"""The audit trail: append-only in the ORM and in the database, and a page for leaders scoped to their area."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.test import Client

from gandan.audit.models import AppendOnlyError, Event, SensitiveRead
from gandan.audit.services import event_record, sensitive_read_record
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PAGE = "/staff/audit/"


@pytest.fixture
def event(commune_leader, home_commune) -> Event:
    return event_record(actor=commune_leader, action="units.unit_update", obj=home_commune, details={"x": 1})


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def _record_on(day: dt.date, *, actor, action: str, obj) -> Event:
    with time_machine.travel(_at(day), tick=False):
        return event_record(actor=actor, action=action, obj=obj)


def _actions_shown(response) -> list[str]:
    return re.findall(r'<td data-action="([^"]+)"', response.content.decode())


# --- Append-only ------------------------------------------------------------------------------------------------


def test_an_event_records_who_did_what_to_which_unit(event, commune_leader, home_commune):
    assert (event.actor, event.actor_name) == (commune_leader, "Lê Văn Hùng")
    assert (event.object_type, event.object_id, event.object_repr) == (
        "units.unit",
        str(home_commune.pk),
        "Xã Sông Lô",
    )
    assert (event.unit, event.unit_path) == (home_commune, "25.08848")


def test_an_event_cannot_be_changed_through_the_orm(event):
    event.action = "rewritten"

    with pytest.raises(AppendOnlyError):
        event.save()

    assert Event.objects.get(pk=event.pk).action == "units.unit_update"


def test_events_cannot_be_updated_in_bulk(event):
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(action="rewritten")


def test_events_cannot_be_deleted_one_by_one_or_in_bulk(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()

    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_raw_update_of_an_event(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_event SET action = %s WHERE id = %s", ["rewritten", event.pk])

    assert Event.objects.get(pk=event.pk).action == "units.unit_update"


def test_the_database_refuses_a_raw_update_of_a_sensitive_read(commune_leader, home_commune):
    read = sensitive_read_record(
        actor=commune_leader, obj=home_commune, what="x", reason="y", unit=home_commune
    )

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_sensitiveread SET reason = %s WHERE id = %s", ["", read.pk])

    assert SensitiveRead.objects.get(pk=read.pk).reason == "y"


def test_sensitive_reads_cannot_be_changed_or_deleted_through_the_orm(commune_leader, home_commune):
    read = sensitive_read_record(
        actor=commune_leader, obj=home_commune, what="x", reason="y", unit=home_commune
    )

    with pytest.raises(AppendOnlyError):
        read.save()
    with pytest.raises(AppendOnlyError):
        SensitiveRead.objects.filter(pk=read.pk).delete()


def test_a_system_event_has_no_actor_and_says_so():
    event = event_record(actor=None, action="workcalendar.seed", details={"created": 3})

    assert (event.actor, event.actor_name, event.unit_path) == (None, "system", "")


# --- The page ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("commune_leader", 200),
        ("party_secretary", 200),
        ("inspector", 200),
        ("province_supervisor", 200),
        ("desk_officer", 403),
        ("case_handler", 403),
    ],
)
def test_the_audit_page_is_for_leaders_and_inspectors(request, user, status):
    assert client_for(request.getfixturevalue(user)).get(PAGE).status_code == status


def test_anonymous_visitors_are_sent_to_login():
    response = Client().get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_audit_page_refuses_writes(commune_leader):
    assert client_for(commune_leader).post(PAGE).status_code == 405


def test_a_leader_sees_the_events_of_their_commune_and_its_villages(commune_leader, home_commune):
    village = Unit.objects.get(name="Thôn Bến Đò")
    event_record(actor=commune_leader, action="units.unit_update", obj=village)

    html = client_for(commune_leader).get(f"{PAGE}?action=units.unit_update").content.decode()

    assert "<td>Thôn Bến Đò</td>" in html


def test_the_other_communes_leader_does_not_see_song_los_events(
    other_commune_leader, commune_leader, home_commune
):
    event_record(
        actor=commune_leader, action="units.unit_update", obj=home_commune, details={"secret": "Sông Lô"}
    )

    response = client_for(other_commune_leader).get(PAGE)

    assert response.status_code == 200
    assert "units.unit_update" not in _actions_shown(response)
    assert "Sông Lô" not in response.content.decode()
    assert "Lê Văn Hùng" not in response.content.decode()
    assert _actions_shown(response)  # Tam Sơn's own events (its staff accounts) are there


def test_the_province_supervisor_sees_events_of_every_commune_and_the_national_ones(
    province_supervisor, commune_leader, other_commune_leader, home_commune, other_commune
):
    event_record(actor=commune_leader, action="units.unit_update", obj=home_commune)
    event_record(actor=other_commune_leader, action="units.unit_update", obj=other_commune)
    event_record(actor=None, action="workcalendar.seed")

    html = client_for(province_supervisor).get(f"{PAGE}?obj=Xã").content.decode()
    seed = client_for(province_supervisor).get(f"{PAGE}?action=workcalendar.seed")

    assert "<td>Xã Sông Lô</td>" in html and "<td>Xã Tam Sơn</td>" in html
    assert "workcalendar.seed" in _actions_shown(seed)


def test_national_events_are_not_shown_to_a_commune(commune_leader):
    event_record(actor=None, action="workcalendar.seed")

    response = client_for(commune_leader).get(PAGE)

    assert "workcalendar.seed" not in _actions_shown(response)


def test_the_action_filter_offers_and_applies_the_actions_of_my_area(commune_leader, home_commune):
    event_record(actor=commune_leader, action="units.unit_update", obj=home_commune)

    everything = client_for(commune_leader).get(PAGE)
    filtered = client_for(commune_leader).get(f"{PAGE}?action=units.unit_update")

    assert '<option value="units.unit_update">' in everything.content.decode()
    assert {"units.unit_update", "accounts.user_create"} <= set(_actions_shown(everything))
    assert set(_actions_shown(filtered)) == {"units.unit_update"}


def test_the_date_filter_keeps_the_days_asked_for(commune_leader, home_commune):
    for day in (dt.date(2026, 3, 1), dt.date(2026, 3, 5), dt.date(2026, 3, 9)):
        _record_on(day, actor=commune_leader, action=f"test.on_{day:%d}", obj=home_commune)

    response = client_for(commune_leader).get(f"{PAGE}?since=02/03/2026&until=05/03/2026")

    shown = [a for a in _actions_shown(response) if a.startswith("test.")]
    assert shown == ["test.on_05"]
    assert "05/03/2026 10:00" in response.content.decode()  # dd/mm/yyyy HH:MM


def test_an_until_date_includes_the_whole_local_day(commune_leader, home_commune):
    with time_machine.travel(dt.datetime(2026, 3, 5, 23, 30, tzinfo=VN), tick=False):
        event_record(actor=commune_leader, action="test.late_evening", obj=home_commune)

    response = client_for(commune_leader).get(f"{PAGE}?until=05/03/2026&action=")

    assert "test.late_evening" in _actions_shown(response)
    assert "test.late_evening" not in _actions_shown(
        client_for(commune_leader).get(f"{PAGE}?until=04/03/2026")
    )


def test_an_end_date_before_the_start_date_is_shown_as_an_error(commune_leader):
    response = client_for(commune_leader).get(f"{PAGE}?since=10/03/2026&until=01/03/2026")

    assert response.status_code == 200
    assert re.search(r'<div class="field has-error">\s*<label for="id_until">', response.content.decode())


def test_filters_with_no_match_show_the_empty_state(commune_leader):
    response = client_for(commune_leader).get(f"{PAGE}?since=01/01/2020&until=02/01/2020")

    assert _actions_shown(response) == []
    assert '<p class="empty">' in response.content.decode()


# --- Reads of sensitive data ------------------------------------------------------------------------------------


def test_a_sensitive_read_is_recorded_and_shown_on_the_page(commune_leader, inspector, home_commune):
    read = sensitive_read_record(
        actor=inspector, obj=home_commune, what="Số CCCD người tố cáo", reason="Xác minh đơn tố cáo số 12",
        unit=home_commune,
    )  # fmt: skip

    html = client_for(commune_leader).get(PAGE).content.decode()

    assert (read.actor, read.actor_name, read.unit_path) == (inspector, "Hoàng Văn Sơn", "25.08848")
    assert "Số CCCD người tố cáo" in html and "Xác minh đơn tố cáo số 12" in html and "Hoàng Văn Sơn" in html


def test_another_communes_leader_does_not_see_song_los_sensitive_reads(
    other_commune_leader, inspector, home_commune
):
    sensitive_read_record(
        actor=inspector, obj=home_commune, what="Số CCCD", reason="Xác minh đơn số 12", unit=home_commune
    )

    html = client_for(other_commune_leader).get(PAGE).content.decode()

    assert "Xác minh đơn số 12" not in html

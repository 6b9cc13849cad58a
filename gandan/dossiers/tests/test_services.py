"""The desk's services, as an official experiences them: codes, appointments, the supplement pause, lateness."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gandan.dossiers import services
from gandan.dossiers.models import Dossier, Status
from gandan.dossiers.selectors import dossier_public_status, indicators_for_user
from gandan.dossiers.tests.factories import local, make_procedure, received, submit
from gandan.errors import DomainError
from gandan.notify.models import Notification
from gandan.opinion.models import Signal


@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


def test_codes_follow_unit_day_and_sequence(procedure, home_commune, desk_officer):
    first = submit(procedure, home_commune, by=desk_officer, at=local(2026, 1, 9, 10))
    second = submit(procedure, home_commune, by=desk_officer, at=local(2026, 1, 9, 11))
    next_day = submit(procedure, home_commune, by=desk_officer, at=local(2026, 1, 12, 8))
    assert first.code == "08848-260109-0001"
    assert second.code == "08848-260109-0002"
    assert next_day.code == "08848-260112-0001"


@pytest.mark.parametrize(
    ("received_at", "days", "appointment"),
    [
        (local(2026, 2, 13, 10), 3, dt.date(2026, 2, 25)),  # just before Tết 2026
        (local(2026, 2, 12, 16), 1, dt.date(2026, 2, 23)),  # after the 15:00 cut-off, then Tết
        (local(2026, 1, 9, 10), 1, dt.date(2026, 1, 10)),  # the make-up Saturday is a working day
        (local(2026, 1, 9, 15, 30), 1, dt.date(2026, 1, 12)),  # after 15:00 → counts from Saturday 10/01
        (local(2026, 4, 29, 9), 1, dt.date(2026, 5, 4)),  # 30/4 and 1/5
    ],
)
def test_appointment_is_computed_on_the_working_day_calendar(
    home_commune, desk_officer, received_at, days, appointment
):
    dossier = received(make_procedure(days=days), home_commune, desk_officer, at=received_at)
    assert dossier.status == Status.ACCEPTED
    assert dossier.appointment == appointment == dossier.current_appointment


def test_receipt_writes_form_01_step_and_notifies_once(procedure, home_commune, desk_officer):
    dossier = received(procedure, home_commune, desk_officer, at=local(2026, 3, 2, 9))
    assert dossier.steps.filter(form="01").count() == 1
    notes = Notification.objects.filter(key=f"dossiers:{dossier.pk}:receipt")
    assert notes.count() == 1
    assert dossier.code in notes.get().body
    assert "05/03/2026" in notes.get().body  # the appointment, dd/mm/yyyy


def test_receiving_at_once_writes_what_submit_then_accept_write(procedure, home_commune, desk_officer):
    """The desk's one-call intake (dossier_submit with accept) and the two-step path (an online dossier accepted
    later) leave the same dossier, timeline, audit trail and receipt message."""
    from gandan.audit.models import Event

    at = local(2026, 3, 2, 9)
    at_once = submit(procedure, home_commune, by=desk_officer, at=at, accept=True, request="Cần gấp")
    two_steps = received(procedure, home_commune, desk_officer, at=at, request="Cần gấp")

    def outcome(dossier):
        dossier.refresh_from_db()
        return {
            "dossier": (
                dossier.status,
                dossier.received_at,
                dossier.appointment,
                dossier.current_appointment,
                dossier.stat_due_at,
            ),
            "steps": list(
                dossier.steps.order_by("at", "id").values_list(
                    "action", "from_status", "to_status", "form", "note", "actor_name", "at"
                )
            ),
            "events": list(
                Event.objects.filter(object_type="dossiers.dossier", object_id=str(dossier.pk))
                .order_by("id")
                .values_list("action", "details", "actor_name")
            ),
            "receipt": Notification.objects.get(key=f"dossiers:{dossier.pk}:receipt").body.replace(
                dossier.code, "…"
            ),
            "signal": Signal.objects.filter(
                source_kind="dossiers.dossier", source_id=str(dossier.pk)
            ).count(),
        }

    assert outcome(at_once) == outcome(two_steps)
    assert outcome(at_once)["steps"][1][:4] == ("accept", Status.NEW, Status.ACCEPTED, "01")
    assert [a for a, _d, _n in outcome(at_once)["events"]] == ["dossiers.submit", "dossiers.accept"]


def test_an_intake_that_fails_while_writing_leaves_nothing(
    procedure, home_commune, desk_officer, monkeypatch
):
    """A failure in the middle of the writes (here: queueing the receipt, the last of them) undoes them all: no
    dossier, no number taken, no step, audit event or message; the next dossier gets the number."""
    from gandan.audit.models import Event
    from gandan.dossiers.models import Dossier, DossierCounter, Step
    from gandan.dossiers.services import intake

    def written():
        return (
            Dossier.objects.count(),
            list(DossierCounter.objects.values_list("last", flat=True)),
            Step.objects.count(),
            Event.objects.count(),
            Notification.objects.count(),
            Signal.objects.count(),
        )

    def broken(dossier, kind):
        raise RuntimeError("the message queue is down")

    before = written()
    monkeypatch.setattr(intake, "notify_citizen", broken)
    with pytest.raises(RuntimeError):
        submit(
            procedure, home_commune, by=desk_officer, accept=True, request="Cần gấp", at=local(2026, 3, 2, 9)
        )

    assert written() == before
    monkeypatch.undo()
    assert (
        submit(procedure, home_commune, by=desk_officer, accept=True, at=local(2026, 3, 2, 9)).code
        == "08848-260302-0001"
    )


def test_intake_reads_only_a_procedure_in_force_with_its_papers_in_order(procedure):
    from gandan.dossiers.models import ProcedureComponent
    from gandan.dossiers.selectors import procedure_in_force

    papers = list(ProcedureComponent.objects.filter(procedure=procedure).order_by("position", "id"))
    found = procedure_in_force(procedure.pk, today=dt.date(2026, 3, 2))
    assert (found.code, found.time_value) == (procedure.code, procedure.time_value)
    assert [c.name for c in found.components.all()] == [c.name for c in papers] and papers

    procedure.valid_from, procedure.valid_to = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    procedure.save()
    assert procedure_in_force(procedure.pk, today=dt.date(2025, 12, 31)) is None  # not yet
    assert procedure_in_force(procedure.pk, today=dt.date(2026, 6, 30)).pk == procedure.pk  # its last day
    assert procedure_in_force(procedure.pk, today=dt.date(2026, 7, 1)) is None  # ended
    assert procedure_in_force(procedure.pk + 10_000) is None


def test_invalid_applicant_is_refused_with_every_field_named(procedure, home_commune, desk_officer):
    with pytest.raises(DomainError) as caught:
        submit(procedure, home_commune, by=desk_officer, phone="12ab", name=" ", id_number="123")
    assert set(caught.value.errors) == {"applicant_name", "applicant_phone", "id_number"}


def test_request_text_is_recorded_as_an_opinion_signal(procedure, home_commune, desk_officer):
    dossier = submit(procedure, home_commune, by=desk_officer, request="Xin cấp lại giấy khai sinh bị mất")
    signal = Signal.objects.get(source_kind="dossiers.dossier", source_id=str(dossier.pk))
    assert signal.text_folded == "xin cap lai giay khai sinh bi mat"


def test_supplement_pauses_the_clock_and_moves_the_appointment(
    procedure, home_commune, desk_officer, case_handler, without_demo_dossiers
):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = received(procedure, home_commune, desk_officer)  # appointment Thu 05/03
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    with time_machine.travel(local(2026, 3, 3, 9), tick=False):
        services.dossier_request_supplement(
            dossier=dossier, by=case_handler, items=["Giấy chứng sinh bản chính"], reason="Bản sao không rõ"
        )
    with time_machine.travel(local(2026, 3, 5, 9), tick=False):  # two working days later
        dossier = services.dossier_receive_supplement(dossier=dossier, by=desk_officer)
    assert dossier.status == Status.IN_PROGRESS
    assert dossier.appointment == dt.date(2026, 3, 5)  # the original stays for statistics
    assert dossier.current_appointment == dt.date(2026, 3, 9)  # + 2 working days (weekend skipped)
    with time_machine.travel(local(2026, 3, 9, 10), tick=False):
        services.dossier_complete(dossier=dossier, by=case_handler)
    result = indicators_for_user(desk_officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert (result.counted, result.on_time) == (1, 1)  # the paused time is excluded


def test_second_supplement_request_counts_as_late(
    procedure, home_commune, desk_officer, case_handler, without_demo_dossiers
):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = received(procedure, home_commune, desk_officer)
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        for _round in range(2):
            services.dossier_request_supplement(
                dossier=dossier, by=case_handler, items=["Tờ khai"], reason="Thiếu"
            )
            services.dossier_receive_supplement(dossier=dossier, by=desk_officer)
        services.dossier_complete(dossier=dossier, by=case_handler)
    result = indicators_for_user(desk_officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert (result.counted, result.on_time) == (1, 0)


def test_overdue_dossier_needs_an_apology_and_still_counts_late(
    procedure, home_commune, desk_officer, case_handler, without_demo_dossiers
):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = received(procedure, home_commune, desk_officer)  # appointment 05/03
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    with time_machine.travel(local(2026, 3, 9, 9), tick=False):
        with pytest.raises(DomainError) as caught:
            services.dossier_complete(dossier=dossier, by=case_handler)
        assert caught.value.code == "apology_required"
        services.dossier_apologize(
            dossier=dossier, by=case_handler, reason="Chờ xác minh", new_appointment=dt.date(2026, 3, 11)
        )
        dossier = services.dossier_complete(dossier=dossier, by=case_handler)
        dossier = services.dossier_return(
            dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026"
        )
    assert dossier.status == Status.RETURNED
    assert dossier.appointment == dt.date(2026, 3, 5)
    assert dossier.current_appointment == dt.date(2026, 3, 11)
    result = indicators_for_user(desk_officer, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert (result.counted, result.on_time) == (1, 0)
    assert Notification.objects.filter(key__startswith=f"dossiers:{dossier.pk}:apology").count() == 1


@pytest.mark.parametrize(
    "day", [dt.date(2026, 3, 2), dt.date(2026, 3, 5)]
)  # received; the appointment itself
def test_an_apology_form_04_is_refused_before_the_dossier_is_late(
    day, procedure, home_commune, desk_officer, case_handler
):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = received(procedure, home_commune, desk_officer)  # appointment 05/03
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    at = local(day.year, day.month, day.day, 16)
    with time_machine.travel(at, tick=False), pytest.raises(DomainError) as caught:
        services.dossier_apologize(
            dossier=dossier, by=case_handler, reason="Chờ xác minh", new_appointment=dt.date(2026, 3, 11)
        )
    assert caught.value.code == "apology_not_due"
    assert "05/03/2026" in str(caught.value.message)
    dossier.refresh_from_db()
    assert dossier.current_appointment == dt.date(2026, 3, 5)
    assert not dossier.apologies.exists()


def _intake(procedure, unit, by, **decision):
    return services.dossier_intake(
        procedure=procedure,
        unit=unit,
        channel=1,
        applicant_name="Nguyễn Thị Hòa",
        applicant_phone="0912345678",
        applicant_address="Thôn Bến Đò, xã Sông Lô",
        by=by,
        **decision,
    )


def test_the_desk_intake_records_the_dossier_and_the_request_for_papers_together(
    procedure, home_commune, desk_officer
):
    dossier = _intake(
        procedure,
        home_commune,
        desk_officer,
        decision="supplement",
        supplement_items=["Tờ khai", "Bản sao CCCD"],
        reason="Thiếu giấy tờ",
    )
    assert dossier.status == Status.SUPPLEMENT
    assert dossier.supplements.count() == 1


def test_a_refusal_without_reason_at_the_desk_leaves_no_dossier_behind(procedure, home_commune, desk_officer):
    before = Dossier.objects.count()
    with pytest.raises(DomainError) as caught:
        _intake(procedure, home_commune, desk_officer, decision="refuse", reason="  ")
    assert caught.value.code == "reason_required"
    assert Dossier.objects.count() == before


def test_the_desk_intake_accepts_at_once(procedure, home_commune, desk_officer):
    papers = list(procedure.components.values_list("id", flat=True))
    dossier = _intake(procedure, home_commune, desk_officer, decision="accept", present_component_ids=papers)
    assert dossier.status == Status.ACCEPTED and dossier.appointment is not None


def test_actions_not_allowed_in_a_state_are_refused(procedure, home_commune, desk_officer):
    dossier = submit(procedure, home_commune, by=desk_officer)
    with pytest.raises(DomainError) as caught:
        services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")
    assert caught.value.code == "transition_not_allowed"


def test_lookup_needs_the_code_and_the_phone_digits(procedure, home_commune, desk_officer):
    dossier = submit(procedure, home_commune, by=desk_officer, phone="0987654321")
    assert dossier_public_status(dossier.code, "4321")["id"] == dossier.pk
    assert dossier_public_status(f" {dossier.code.lower()} ", "4321")["id"] == dossier.pk
    assert dossier_public_status(dossier.code, "1234") is None
    assert dossier_public_status("", "4321") is None


def test_rating_after_return_is_stored_raw_and_only_once(procedure, home_commune, desk_officer, case_handler):
    dossier = received(procedure, home_commune, desk_officer)
    services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    services.dossier_complete(dossier=dossier, by=case_handler)
    services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")
    answers = {
        "overall": 5,
        "attitude": 5,
        "on_time": 4,
        "duration": 4,
        "contacts": 1,
        "agencies": 1,
        "publicity": 5,
        "ease": 4,
    }
    rating = services.dossier_rate(dossier=dossier, answers=answers, comment="Cán bộ nhiệt tình")
    assert rating.answers == answers
    with pytest.raises(DomainError):
        services.dossier_rate(dossier=dossier, answers=answers)
    assert timezone.now() >= rating.at


def test_citizen_id_must_agree_with_birth_year_and_sex(procedure, home_commune, desk_officer):
    # 0 in the 4th digit: a man born in the 1900s; 90 in digits 5-6: born in 1990.
    ok = submit(
        procedure, home_commune, by=desk_officer, id_number="025090012345", birth_year=1990, sex="male"
    )
    assert ok.identity.id_number == "025090012345"
    with pytest.raises(DomainError) as caught:
        submit(
            procedure, home_commune, by=desk_officer, id_number="025090012345", birth_year=1990, sex="female"
        )
    assert caught.value.field == "id_number"
    with pytest.raises(DomainError):
        submit(
            procedure, home_commune, by=desk_officer, id_number="025290012345", birth_year=1990, sex="male"
        )


def test_an_address_longer_than_its_column_is_refused_with_the_maximum(procedure, home_commune, desk_officer):
    before = Dossier.objects.count()

    with pytest.raises(DomainError) as caught:
        services.dossier_submit(
            procedure=procedure,
            unit=home_commune,
            channel=1,
            applicant_name="Lường Thị Xuân",
            applicant_phone="0912345678",
            applicant_address="Thôn Bến Đò " * 30,
            by=desk_officer,
        )

    assert caught.value.errors == {
        "applicant_address": ["Tối đa 300 ký tự, nội dung này có 359 ký tự. Vui lòng rút gọn."]
    }
    assert Dossier.objects.count() == before

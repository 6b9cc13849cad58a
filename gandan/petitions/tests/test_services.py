"""Petition services: intake from every channel, the clocks each stage starts, handling, protection, escalation."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gandan.audit.models import SensitiveRead
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.opinion.models import Signal
from gandan.petitions import services
from gandan.petitions.models import (
    Clock,
    ClockRule,
    IdentityGrant,
    Petition,
    Petitioner,
    ProtectedIdentity,
    Status,
)

pytestmark = pytest.mark.django_db

IDENTITY = {
    "name": "Trần Văn Quyết",
    "address": "Thôn Cao Phong, xã Sông Lô",
    "phone": "0987654321",
    "id_number": "025085001234",
}


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(
        dt.date.fromisoformat(day), dt.time(hour), tzinfo=timezone.get_current_timezone()
    )


def test_a_complaint_gets_a_code_its_petitioner_and_the_acceptance_clock(receive, home_commune):
    with time_machine.travel(at("2026-03-02"), tick=False):
        p = receive()
    assert p.code.startswith(f"DT-{home_commune.code}-26-")
    assert p.petitioner_display == "Nguyễn Thị Hoa"
    assert p.petitioners.get().phone == "0912345678"
    clock = p.clocks.get(role=Clock.Role.INTAKE)
    # 10 working days from Mon 02/03/2026 (Decree 124 Art. 16(1), before 01/07/2026): Mon 16/03/2026.
    assert clock.rule.key == "complaint.accept" and clock.rule.days == 10
    assert clock.due == dt.date(2026, 3, 16)
    assert p.statutory_due == dt.date(2026, 3, 16)
    assert Signal.objects.filter(source_kind="petition", source_id=str(p.pk)).exists()


def test_a_complaint_received_from_1_july_2026_gets_seven_working_days(receive):
    with time_machine.travel(at("2026-06-30"), tick=False):
        before = receive()
    with time_machine.travel(at("2026-07-01"), tick=False):
        after = receive()
    assert before.clocks.get().rule.days == 10
    assert after.clocks.get().rule.days == 7
    # Wed 01/07/2026 + 7 working days = Fri 10/07/2026.
    assert after.statutory_due == dt.date(2026, 7, 10)


def test_codes_run_per_unit_and_year(receive):
    first, second = receive(), receive()
    assert int(second.code.rsplit("-", 1)[1]) == int(first.code.rsplit("-", 1)[1]) + 1


def test_a_denunciation_keeps_the_identity_apart_and_grants_the_recorder(receive, desk_officer):
    p = receive(
        "denunciation",
        persons=[IDENTITY],
        original_text="Tôi là Trần Văn Quyết, tố cáo trưởng thôn…",
        content="Tố cáo trưởng thôn Cao Phong thu tiền trái quy định.",
    )
    assert p.protected
    assert "Quyết" not in p.petitioner_display
    assert not Petitioner.objects.filter(petition=p).exists()
    identity = ProtectedIdentity.objects.get(petition=p)
    assert identity.persons[0]["name"] == "Trần Văn Quyết"
    assert IdentityGrant.objects.filter(petition=p, user=desk_officer, revoked_at__isnull=True).exists()
    # 7 working days to classify (Law on Denunciation Art. 24(1)).
    assert p.clocks.get().rule.key == "denunciation.classify"


def test_opening_the_identity_needs_a_grant_and_a_reason_and_is_audited(receive, desk_officer, inspector):
    p = receive("denunciation", persons=[IDENTITY])
    with pytest.raises(NotAllowed):
        services.identity_open(petition=p, by=inspector, reason="Cần để xác minh nội dung tố cáo")
    with pytest.raises(DomainError):
        services.identity_open(petition=p, by=desk_officer, reason="xem")
    opened = services.identity_open(petition=p, by=desk_officer, reason="Đối chiếu chữ ký trên đơn gốc")
    assert opened.persons[0]["phone"] == "0987654321"
    read = SensitiveRead.objects.get(object_id=str(p.pk))
    assert read.actor == desk_officer and read.reason == "Đối chiếu chữ ký trên đơn gốc"


def test_a_written_waiver_names_the_denunciator_on_the_case(receive, desk_officer):
    p = receive("denunciation", persons=[IDENTITY])
    services.identity_waive(petition=p, by=desk_officer, note="Đơn từ bỏ bảo vệ ký ngày 05/11/2026")
    p.refresh_from_db()
    assert not p.protected and p.petitioner_display == "Trần Văn Quyết"
    assert p.petitioners.get().name == "Trần Văn Quyết"


def test_a_denunciator_is_found_by_name_only_once_they_waived_protection(receive, desk_officer):
    from gandan.search.services import matching_ids

    p = receive("denunciation", persons=[IDENTITY])
    assert not Petition.objects.filter(pk__in=matching_ids("petition", "tran van quyet"), pk=p.pk).exists()

    services.identity_waive(petition=p, by=desk_officer, note="Đơn từ bỏ bảo vệ ký ngày 05/11/2026")

    assert Petition.objects.filter(pk__in=matching_ids("petition", "tran van quyet"), pk=p.pk).exists()


def test_anonymous_information_is_a_lead_only_with_a_named_violator_and_evidence(receive):
    lead = receive("anonymous", persons=[], names_violator_with_evidence=True)
    filed = receive("anonymous", persons=[])
    assert lead.status == "lead" and filed.status == "filed"
    assert not lead.clocks.exists()


def test_a_mixed_letter_is_split_into_linked_petitions(desk_officer, home_commune):
    parts = [
        {
            "kind": "complaint",
            "subject": "Khiếu nại quyết định thu hồi đất",
            "content": "Tôi không đồng ý mức bồi thường.",
        },
        {"kind": "reflection", "subject": "Đường thôn xuống cấp", "content": "Đường liên thôn bị sụt lún."},
    ]
    first, second = services.petition_receive(
        unit=home_commune,
        channel="post",
        parts=parts,
        persons=[{"name": "Lê Văn An", "address": "Thôn Cao Phong"}],
        by=desk_officer,
    )
    assert second.split_from == first and first.kind == "complaint" and second.kind == "reflection"
    assert second.clocks.get().rule.key == "petition.reply"


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(desk_officer, home_commune):
    count = Petition.objects.count()
    with pytest.raises(DomainError) as caught:
        services.petition_receive(
            unit=home_commune,
            channel="front",
            parts=[{"kind": "complaint", "subject": "", "content": " "}],
            persons=[{"name": "", "address": "x", "phone": "12"}],
            by=desk_officer,
        )
    assert {"parts.0.subject", "parts.0.content"} <= set(caught.value.errors)
    with pytest.raises(DomainError) as caught:
        services.petition_receive(
            unit=home_commune,
            channel="direct",
            parts=[{"kind": "complaint", "subject": "a", "content": "b"}],
            persons=[{"name": "", "address": "x", "phone": "12"}],
            by=desk_officer,
        )
    assert {"persons.0.name", "persons.0.phone"} <= set(caught.value.errors)
    with pytest.raises(DomainError) as caught:
        services.petition_receive(
            unit=home_commune,
            channel="front",
            parts=[{"kind": "complaint", "subject": "a", "content": "b"}],
            persons=[{"name": "An", "address": "x"}],
            by=desk_officer,
        )
    assert caught.value.code == "forwarded_by_required"
    assert Petition.objects.count() == count


def test_a_crowd_petition_needs_representatives(desk_officer, home_commune):
    people = [{"name": f"Người {i}", "address": "Thôn Đồng Thịnh"} for i in range(6)]
    with pytest.raises(DomainError) as caught:
        services.petition_receive(
            unit=home_commune,
            channel="direct",
            persons=people,
            parts=[{"kind": "recommendation", "subject": "Nước sạch", "content": "Xin nước."}],
            by=desk_officer,
        )
    assert caught.value.code == "representative_required"
    people[0]["representative"] = True
    p = services.petition_receive(
        unit=home_commune,
        channel="direct",
        persons=people,
        parts=[{"kind": "recommendation", "subject": "Nước sạch", "content": "Xin nước."}],
        by=desk_officer,
    )[0]
    assert p.is_crowd and p.signers == 6


def test_acceptance_starts_the_resolution_clock_and_a_complex_case_needs_a_reason(receive, case_handler):
    with time_machine.travel(at("2026-03-02"), tick=False):
        p = receive()
        with pytest.raises(DomainError) as caught:
            services.petition_accept(petition=p, by=case_handler, complex_case=True)
        assert caught.value.field == "complexity_note"
        services.petition_accept(
            petition=p, by=case_handler, complex_case=True, complexity_note="Hai nội dung, hai địa điểm"
        )
    p.refresh_from_db()
    intake, resolve = p.clocks.order_by("id")
    assert intake.stopped_on == dt.date(2026, 3, 2) and not intake.late
    # First instance, complex: 45 calendar days from 02/03/2026 = Thu 16/04/2026.
    assert resolve.rule.key == "complaint.first.complex" and resolve.due == dt.date(2026, 4, 16)
    assert p.statutory_due == dt.date(2026, 4, 16)
    assert p.documents.filter(form="acceptance").exists()


def test_suspension_stops_the_clock_and_resumption_restarts_it_after_1_july_2026(receive, case_handler):
    with time_machine.travel(at("2026-07-06"), tick=False):
        p = receive()
        services.petition_accept(petition=p, by=case_handler)
    p.refresh_from_db()
    services.petition_suspend(
        petition=p, by=case_handler, reason="Người khiếu nại ốm nặng", on=dt.date(2026, 7, 20)
    )
    p.refresh_from_db()
    assert p.status == "suspended" and p.statutory_due is None
    services.petition_resume(petition=p, by=case_handler, on=dt.date(2026, 8, 3))
    p.refresh_from_db()
    # Law 136/2025: the 30 days restart from the resume decision (03/08/2026) → 02/09/2026 is National Day, a
    # holiday, so the period ends on the next working day.
    resolve = p.clocks.get(role=Clock.Role.RESOLVE)
    assert resolve.rule.suspension == "restart"
    assert resolve.due >= dt.date(2026, 9, 2)
    assert p.status == "accepted" and p.statutory_due == resolve.due


def test_denunciation_extensions_follow_the_complexity_criteria(receive, case_handler):
    with time_machine.travel(at("2026-03-02"), tick=False):
        p = receive("denunciation", persons=[IDENTITY])
        services.petition_accept(
            petition=p, by=case_handler, complexity_criteria=1, complexity_note="Nhiều địa điểm"
        )
    p.refresh_from_db()
    base = p.statutory_due
    services.petition_extend(petition=p, by=case_handler, reason="Cần xác minh thêm")
    p.refresh_from_db()
    assert p.statutory_due > base
    with pytest.raises(Conflict):
        services.petition_extend(petition=p, by=case_handler, reason="Lần hai")


def test_a_second_instance_complaint_needs_a_dialogue_before_the_decision(receive, case_handler):
    p = receive()
    Petition.objects.filter(pk=p.pk).update(instance=2)
    p.refresh_from_db()
    services.petition_accept(petition=p, by=case_handler)
    p.refresh_from_db()
    with pytest.raises(Conflict):
        services.petition_decide(petition=p, by=case_handler, resolution="Giữ nguyên quyết định lần đầu")
    now = timezone.now()
    with pytest.raises(DomainError) as caught:
        services.petition_dialogue(
            petition=p,
            by=case_handler,
            scheduled_at=now,
            place="UBND xã",
            notified_on=timezone.localdate(now) - dt.timedelta(days=2),
            held=True,
            minutes="…",
        )
    assert caught.value.code == "dialogue_notice_short"
    services.petition_dialogue(
        petition=p,
        by=case_handler,
        scheduled_at=now,
        place="UBND xã",
        notified_on=timezone.localdate(now) - dt.timedelta(days=6),
        held=True,
        minutes="Hai bên trình bày ý kiến.",
    )
    services.petition_decide(petition=p, by=case_handler, resolution="Giữ nguyên quyết định lần đầu")
    p.refresh_from_db()
    assert p.status == "resolved" and not p.clocks.filter(stopped_on__isnull=True).exists()


def test_a_dialogue_still_ahead_is_scheduled_not_held(receive, case_handler):
    p = receive()
    services.petition_accept(petition=p, by=case_handler)
    p.refresh_from_db()
    tomorrow = timezone.now() + dt.timedelta(days=1)
    notified = timezone.localdate(tomorrow) - dt.timedelta(days=6)

    with pytest.raises(DomainError) as caught:
        services.petition_dialogue(
            petition=p,
            by=case_handler,
            scheduled_at=tomorrow,
            place="UBND xã",
            notified_on=notified,
            held=True,
            minutes="Hai bên trình bày ý kiến.",
        )
    assert (caught.value.code, caught.value.field) == ("dialogue_not_held_yet", "scheduled_at")
    assert not p.dialogues.exists()

    services.petition_dialogue(
        petition=p, by=case_handler, scheduled_at=tomorrow, place="UBND xã", notified_on=notified
    )
    assert p.dialogues.get().held is False


def test_assigning_gives_the_resolver_the_grant_and_checks_the_handler_deadline(
    receive, commune_leader, case_handler, other_commune_leader
):
    p = receive("denunciation", persons=[IDENTITY])
    with pytest.raises(DomainError) as caught:
        services.petition_assign(petition=p, by=commune_leader, assignee=other_commune_leader)
    assert caught.value.field == "assignee"
    with pytest.raises(DomainError):
        services.petition_assign(
            petition=p,
            by=commune_leader,
            assignee=case_handler,
            handler_due=p.statutory_due + dt.timedelta(days=1),
        )
    services.petition_assign(
        petition=p, by=commune_leader, assignee=case_handler, handler_due=p.statutory_due
    )
    assert IdentityGrant.objects.filter(petition=p, user=commune_leader, role="resolver").exists()
    assert not IdentityGrant.objects.filter(petition=p, user=case_handler).exists()
    with pytest.raises(NotAllowed):
        services.petition_assign(petition=p, by=case_handler, assignee=case_handler)


def test_only_the_resolver_grants_access_and_only_to_intake_officers(
    receive, commune_leader, case_handler, inspector
):
    p = receive("denunciation", persons=[IDENTITY])
    services.petition_assign(petition=p, by=commune_leader, assignee=case_handler)
    with pytest.raises(NotAllowed):
        services.identity_grant(petition=p, by=case_handler, user=inspector, reason="cần")
    grant = services.identity_grant(
        petition=p, by=commune_leader, user=inspector, reason="Cán bộ tiếp nhận đơn lần hai"
    )
    services.identity_open(petition=p, by=inspector, reason="Liên hệ lại người tố cáo để bổ sung")
    services.identity_revoke(grant=grant, by=commune_leader)
    with pytest.raises(NotAllowed):
        services.identity_open(petition=p, by=inspector, reason="Liên hệ lại người tố cáo để bổ sung")


def test_forwarding_records_whether_it_was_late(receive, desk_officer):
    with time_machine.travel(at("2026-03-02"), tick=False):
        p = receive("reflection")
    with time_machine.travel(at("2026-03-20"), tick=False):
        services.petition_forward(
            petition=p, by=desk_officer, to_body="Sở Nông nghiệp và Môi trường tỉnh Phú Thọ"
        )
    p.refresh_from_db()
    forward = p.clocks.get(role=Clock.Role.FORWARD)
    assert p.status == "forwarded" and forward.late
    assert p.documents.get().form == "forwarding"


def test_merging_links_a_duplicate_to_its_master(receive, desk_officer):
    master, copy = receive(), receive(channel="front", forwarded_by="Ủy ban MTTQ xã Sông Lô")
    services.petition_merge(petition=copy, master=master, by=desk_officer)
    copy.refresh_from_db()
    assert copy.status == "merged" and copy.master == master
    with pytest.raises(DomainError):
        services.petition_merge(petition=master, master=master, by=desk_officer)


def test_illegal_transitions_are_refused(receive, case_handler, desk_officer):
    p = receive("recommendation")
    with pytest.raises(Conflict):
        services.petition_suspend(petition=p, by=case_handler, reason="không áp dụng")
    services.petition_file(petition=p, by=desk_officer, reason="Đơn không ký tên")
    p.refresh_from_db()
    with pytest.raises(Conflict):
        services.petition_accept(petition=p, by=case_handler)


def test_overdue_cases_escalate_to_the_leader_then_the_level_above_once_each(receive):
    with time_machine.travel(at("2026-03-02"), tick=False):
        p = receive()
    assert services.petition_escalate_overdue(today=dt.date(2026, 3, 17)) == 1
    assert services.petition_escalate_overdue(today=dt.date(2026, 3, 18)) == 0
    assert services.petition_escalate_overdue(today=dt.date(2026, 3, 30)) == 1
    levels = list(p.escalations.values_list("level", "to_unit__kind"))
    assert levels == [(1, "commune"), (2, "province")]


def test_a_corrected_time_limit_applies_to_new_cases_only(receive, sysadmin, desk_officer):
    with time_machine.travel(at("2026-08-03"), tick=False):
        old = receive()
        with pytest.raises(NotAllowed):
            services.clock_rule_correct(
                key="complaint.accept",
                days=5,
                unit="working",
                legal_basis="X",
                valid_from=dt.date(2026, 7, 1),
                by=desk_officer,
            )
        services.clock_rule_correct(
            key="complaint.accept",
            days=5,
            unit="working",
            legal_basis="Văn bản sửa đổi (thử)",
            valid_from=dt.date(2026, 7, 1),
            by=sysadmin,
        )
        new = receive()
    assert old.clocks.get().rule.days == 7
    assert new.clocks.get().rule.days == 5
    assert ClockRule.objects.filter(key="complaint.accept").count() == 3


# --- A duplicate merged at intake --------------------------------------------------------------------------------


def test_a_duplicate_is_recorded_and_merged_into_its_master_in_one_call(receive):
    master = receive()
    duplicate = receive(master=master)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.master == master


def test_a_refused_merge_at_intake_records_nothing(receive, other_commune):
    theirs = Petition.objects.filter(unit=other_commune).order_by("id").first()
    before = Petition.objects.count()
    with pytest.raises(DomainError) as caught:
        receive(master=theirs)
    assert caught.value.code == "merge_out_of_scope"
    assert Petition.objects.count() == before

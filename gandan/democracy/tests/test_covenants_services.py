"""Village covenants through their services: every move checked against the covenant's life, the adoption counted
against all households of the village, the two 5-working-day clocks, the chairman alone recognising, amendments
replacing the covenant in force on the day they are recognised, and bad input refused with nothing saved."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from gandan.audit.models import Event
from gandan.core.democracy import covenants as rules
from gandan.democracy.models import Consultation, Covenant, CovenantVersion, Vote
from gandan.democracy.services import consultations as consultation_services
from gandan.democracy.services import covenants as services
from gandan.democracy.tests.support import chairman, days, officer, other_officer, user, villages_of
from gandan.errors import DomainError, NotAllowed
from gandan.workcalendar.selectors import work_calendar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]
__all__ = ["chairman", "officer", "other_officer"]  # fixtures
TEXT = "Chương I. Quy định chung\nĐiều 1. Hương ước này quy định về nếp sống văn minh trong thôn."


def refused(call) -> dict[str, list[str]]:
    tables = (Covenant, CovenantVersion, Consultation, Event)
    before = [t.objects.count() for t in tables]
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        call()
    assert [t.objects.count() for t in tables] == before
    return caught.value.errors


@pytest.fixture
def village(home_commune):
    return villages_of(home_commune)[0]


def drafted(by, village, **extra) -> Covenant:
    return services.covenant_create(
        village=village, title=f"Hương ước {village.name}", text=TEXT, by=by, **extra
    )


def adopted(by, village, *, voted_on=None) -> Covenant:
    covenant = drafted(by, village)
    services.covenant_to_vote(covenant=covenant, by=by)
    return services.covenant_adoption_record(
        covenant=covenant, households=120, present=90, yes=80, voted_on=voted_on or days(-2), by=by
    )


def in_force(by, chairman, village) -> Covenant:
    covenant = adopted(by, village)
    services.covenant_submit(covenant=covenant, submitted_on=days(-1), by=by)
    return services.covenant_recognise(
        covenant=covenant, decision_ref="15/QĐ-UBND", recognised_on=days(0), by=chairman
    )


def test_a_draft_needs_its_village_title_and_text(officer):
    errors = refused(lambda: services.covenant_create(village=None, title="", text=" ", by=officer))
    assert set(errors) == {"village", "title", "text"}


def test_a_village_of_another_commune_is_out_of_reach(other_officer, village):
    with pytest.raises(DomainError) as caught:
        drafted(other_officer, village)
    assert caught.value.code == "unit_out_of_scope"
    assert not Covenant.objects.filter(unit_path=village.path).exists()


def test_the_draft_is_version_one(officer, village):
    covenant = drafted(officer, village)
    assert covenant.state == "draft" and covenant.commune_path == village.parent.path
    assert [(v.number, v.text) for v in covenant.versions.all()] == [(1, TEXT)]


def test_one_covenant_in_preparation_per_village(officer, village):
    drafted(officer, village)
    errors = refused(lambda: drafted(officer, village))
    assert set(errors) == {"village"}


def test_a_step_cannot_be_skipped(officer, chairman, village):
    covenant = drafted(officer, village)
    with pytest.raises(DomainError) as caught:
        services.covenant_submit(covenant=covenant, submitted_on=days(0), by=officer)
    assert caught.value.code == "covenant_state"
    with pytest.raises(DomainError):
        services.covenant_recognise(
            covenant=covenant, decision_ref="1/QĐ", recognised_on=days(0), by=chairman
        )
    covenant.refresh_from_db()
    assert covenant.state == "draft"


def test_without_a_quorum_the_covenant_goes_back_to_drafting_with_the_reason(officer, village):
    covenant = drafted(officer, village)
    services.covenant_to_vote(covenant=covenant, by=officer)
    with translation.override("vi"):
        services.covenant_adoption_record(
            covenant=covenant, households=120, present=55, yes=55, voted_on=days(-1), by=officer
        )
    covenant.refresh_from_db()
    assert covenant.state == "draft" and "55" in covenant.reason and covenant.adopted_on is None


def test_an_impossible_count_is_refused(officer, village):
    covenant = drafted(officer, village)
    services.covenant_to_vote(covenant=covenant, by=officer)
    errors = refused(
        lambda: services.covenant_adoption_record(
            covenant=covenant, households=100, present=120, yes=130, voted_on=days(1), by=officer
        )
    )
    assert set(errors) == {"present", "yes", "voted_on"}


def test_adopted_the_dossier_is_due_in_five_working_days_and_the_answer_five_after_sending(officer, village):
    covenant = adopted(officer, village, voted_on=days(-10))
    assert covenant.state == "adopted" and covenant.households == 120
    assert covenant.send_by == rules.send_by(days(-10), calendar=work_calendar())
    errors = refused(lambda: services.covenant_submit(covenant=covenant, submitted_on=days(-11), by=officer))
    assert set(errors) == {"submitted_on"}
    services.covenant_submit(covenant=covenant, submitted_on=days(-1), by=officer)
    covenant.refresh_from_db()
    assert covenant.recognise_by == rules.recognise_by(days(-1), calendar=work_calendar())
    event = Event.objects.filter(action="democracy.covenant_move", object_id=str(covenant.pk)).latest("id")
    assert event.details["to"] == "submitted" and event.details["late"] is True  # 9 days after adoption


def test_only_the_chairman_recognises(officer, chairman, village):
    covenant = adopted(officer, village)
    services.covenant_submit(covenant=covenant, submitted_on=days(0), by=officer)
    with pytest.raises(NotAllowed):
        services.covenant_recognise(
            covenant=covenant, decision_ref="15/QĐ-UBND", recognised_on=days(0), by=officer
        )
    errors = refused(
        lambda: services.covenant_recognise(
            covenant=covenant, decision_ref="", recognised_on=None, by=chairman
        )
    )
    assert set(errors) == {"decision_ref", "recognised_on"}
    services.covenant_recognise(
        covenant=covenant, decision_ref="15/QĐ-UBND", recognised_on=days(0), by=chairman
    )
    covenant.refresh_from_db()
    assert covenant.state == "in_force" and covenant.recognised_on == days(0)


def test_a_refusal_sends_the_text_back_for_a_new_version(officer, chairman, village):
    covenant = adopted(officer, village)
    services.covenant_submit(covenant=covenant, submitted_on=days(0), by=officer)
    refused(lambda: services.covenant_refuse(covenant=covenant, reason=" ", by=chairman))
    services.covenant_refuse(covenant=covenant, reason="Điều 7 đặt mức phạt tiền trái luật.", by=chairman)
    version = services.covenant_revise(
        covenant=covenant, text=TEXT + "\nĐiều 7 (sửa).", note="Bỏ mức phạt tiền", by=officer
    )
    assert version.number == 2
    services.covenant_redraft(covenant=covenant, by=officer)
    covenant.refresh_from_db()
    assert covenant.state == "draft"


def test_an_amendment_replaces_the_covenant_in_force_when_it_is_recognised(officer, chairman, village):
    old = in_force(officer, chairman, village)
    assert set(refused(lambda: drafted(officer, village))) == {"village"}  # amend, do not start over
    new = services.covenant_amend(
        covenant=old, title="Hương ước (sửa đổi)", text=TEXT + "\nĐiều 9 mới.", note="Thêm Điều 9", by=officer
    )
    assert new.replaces == old and new.state == "draft"
    services.covenant_to_vote(covenant=new, by=officer)
    services.covenant_adoption_record(
        covenant=new, households=100, present=80, yes=70, voted_on=days(0), by=officer
    )
    services.covenant_submit(covenant=new, submitted_on=days(0), by=officer)
    old.refresh_from_db()
    assert old.state == "in_force"  # until the amendment is recognised
    services.covenant_recognise(covenant=new, decision_ref="20/QĐ-UBND", recognised_on=days(0), by=chairman)
    old.refresh_from_db()
    assert old.state == "superseded" and old.ended_on == days(0)


def test_suspension_and_abolition_need_a_reason(officer, chairman, village):
    covenant = in_force(officer, chairman, village)
    refused(lambda: services.covenant_suspend(covenant=covenant, reason="", by=chairman))
    services.covenant_suspend(covenant=covenant, reason="Điều 5 trái quy định", by=chairman)
    services.covenant_resume(covenant=covenant, by=chairman)
    services.covenant_abolish(covenant=covenant, reason="Thôn sáp nhập", by=chairman)
    covenant.refresh_from_db()
    assert covenant.state == "abolished" and covenant.ended_on == days(0)
    with pytest.raises(DomainError):
        services.covenant_resume(covenant=covenant, by=chairman)


def _vote(village, *, matter=3, passed=True) -> Vote:
    counted = timezone.now() - dt.timedelta(days=1)
    return Vote.objects.create(
        village=village,
        unit_path=village.path,
        commune_path=village.parent.path,
        matter=matter,
        form="meeting",
        title="Biểu quyết hương ước",
        question="Thông qua hương ước",
        opens_at=counted - dt.timedelta(hours=2),
        closes_at=counted,
        status="counted",
        households=100,
        present=80,
        yes=70 if passed else 30,
        passed=passed,
        counted_at=counted,
        created_by=user("danvan.songlo"),
    )


def test_the_adoption_links_the_village_s_vote_on_its_covenant(officer, village):
    covenant = drafted(officer, village)
    services.covenant_to_vote(covenant=covenant, by=officer)
    errors = refused(
        lambda: services.covenant_adoption_record(
            covenant=covenant, vote=_vote(village, matter=6), by=officer
        )
    )
    assert set(errors) == {"vote"}
    vote = _vote(village)
    services.covenant_adoption_record(covenant=covenant, vote=vote, by=officer)
    covenant.refresh_from_db()
    assert covenant.state == "adopted" and covenant.vote == vote
    assert covenant.adopted_on == timezone.localdate(vote.counted_at)


def test_after_a_consultation_the_vote_waits_for_the_published_summary(officer, village):
    covenant = drafted(officer, village)
    consultation = services.covenant_consult(covenant=covenant, opens=days(0), closes=days(14), by=officer)
    assert consultation.subject == "covenant" and consultation.sections.get().text == TEXT
    covenant.refresh_from_db()
    assert covenant.state == "consultation" and covenant.consultation == consultation
    with pytest.raises(DomainError):
        services.covenant_to_vote(covenant=covenant, by=officer)
    consultation_services.consultation_open(consultation=consultation, by=officer)
    Consultation.objects.filter(pk=consultation.pk).update(
        status="published"
    )  # as if summarised and published
    services.covenant_to_vote(covenant=covenant, by=officer)

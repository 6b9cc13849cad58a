"""Questions: sent on the portal before the deadline (refused after it, or when the dialogue is not planned, with a
clear message and nothing saved), typed in by officers, grouped and assigned to an officer who then answers it
without the module's permission, set aside with a reason; each one an opinion signal; the asker's contacts read only
with a reason, and audited."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.audit.models import Event, SensitiveRead
from gandan.dialogues.models import Commitment, Question
from gandan.dialogues.rules import clean_question_code
from gandan.dialogues.services.commitments import CommitmentFacts
from gandan.dialogues.services.dialogues import dialogue_cancel, dialogue_hold
from gandan.dialogues.services.questions import (
    Asker,
    question_answer,
    question_contacts,
    question_enter,
    question_group,
    question_set_aside,
    question_submit,
)
from gandan.dialogues.tests.factories import (
    EMAIL,
    PHONE,
    entered_question,
    planned,
    portal_question,
    user,
    villages,
)
from gandan.errors import DomainError, NotAllowed
from gandan.kit.history import clock_at
from gandan.opinion.models import Signal

pytestmark = pytest.mark.django_db


def test_a_citizen_sends_a_question_and_gets_a_code(home_commune):
    dialogue = planned(home_commune)
    question = portal_question(dialogue)

    assert question.number == 1
    assert clean_question_code(question.code) == question.code
    assert question.channel == Question.Channel.PORTAL
    assert question.entered_by is None
    assert question.asker_phone == PHONE and question.asker_email == EMAIL
    second = portal_question(dialogue, text="Xin hỏi về chế độ cho người cao tuổi năm nay.")
    assert second.number == 2 and second.code != question.code


def test_every_question_becomes_an_opinion_signal_in_the_askers_village(home_commune):
    question = portal_question(planned(home_commune))
    signal = Signal.objects.get(source_kind="dialogue_question", source_id=str(question.pk))
    assert signal.unit_id == question.village_id
    assert "ngập nước" in signal.text


def test_a_question_after_the_deadline_is_refused_with_the_deadline(home_commune):
    dialogue = planned(home_commune)
    with clock_at(dialogue.questions_until + dt.timedelta(minutes=1)), pytest.raises(DomainError) as refused:
        portal_question(dialogue)
    assert refused.value.code == "questions_closed"
    assert dialogue.questions_until.astimezone().strftime("%d/%m/%Y") in refused.value.message
    assert not Question.objects.filter(dialogue=dialogue).exists()


def test_a_cancelled_dialogue_takes_no_question(home_commune, organiser):
    dialogue = planned(home_commune)
    dialogue_cancel(dialogue=dialogue, reason="Hoãn vì mưa bão.", by=organiser)
    with pytest.raises(DomainError) as refused:
        portal_question(dialogue)
    assert refused.value.code == "questions_closed"


def test_bad_fields_are_all_reported_and_nothing_saved(home_commune, other_commune):
    dialogue = planned(home_commune)
    foreign_village = villages(other_commune)[0]
    with pytest.raises(DomainError) as refused:
        question_submit(
            dialogue=dialogue,
            asker=Asker(name="", village=foreign_village, phone="12345", email="khong-phai-email"),
            text="Hỏi?",
        )
    assert set(refused.value.errors) == {"name", "village", "phone", "email", "text"}
    assert not Question.objects.filter(dialogue=dialogue).exists()
    assert not Signal.objects.filter(source_kind="dialogue_question", text="Hỏi?").exists()


def test_the_portal_needs_the_village(home_commune):
    with pytest.raises(DomainError) as refused:
        question_submit(
            dialogue=planned(home_commune), asker=Asker(name="Lê Văn An"), text="Bao giờ sửa đường liên thôn?"
        )
    assert "village" in refused.value.errors


def test_a_question_asked_in_the_room_waits_for_the_dialogue(home_commune, organiser):
    dialogue = planned(home_commune)
    with pytest.raises(DomainError) as refused:
        entered_question(dialogue, by=organiser, channel=Question.Channel.FLOOR)
    assert "channel" in refused.value.errors
    reception = entered_question(dialogue, by=organiser)
    assert reception.entered_by == organiser and reception.village is None


def test_only_the_organisers_enter_questions(home_commune, desk):
    with pytest.raises(NotAllowed):
        entered_question(planned(home_commune), by=desk)


def test_the_assigned_officer_answers_without_the_module_permission(home_commune, organiser, handler, desk):
    question = portal_question(planned(home_commune))
    assert not handler.can("dialogues.manage")
    with pytest.raises(NotAllowed):
        question_answer(question=question, answer="Trả lời", by=handler)  # not assigned yet
    question_group(question=question, theme="Giao thông", assigned_to=handler, by=organiser)
    question.refresh_from_db()
    assert question.status == Question.Status.ASSIGNED
    with pytest.raises(NotAllowed):
        question_answer(question=question, answer="Trả lời", by=desk)

    answered, commitment = question_answer(
        question=question,
        answer="Xã sẽ sửa đoạn đường ngập.",
        commitment=CommitmentFacts(
            text="Sửa đoạn đường ngập",
            owner="Công chức Địa chính",
            due=timezone.localdate() + dt.timedelta(days=20),
        ),
        by=handler,
    )
    assert answered.status == Question.Status.ANSWERED and answered.answered_by == handler
    assert commitment is not None and commitment.question == answered and commitment.state == "open"


def test_an_answer_with_a_bad_commitment_saves_neither(home_commune, chair):
    question = portal_question(planned(home_commune))
    with pytest.raises(DomainError) as refused:
        question_answer(
            question=question,
            answer="Xã tiếp thu.",
            commitment=CommitmentFacts(text="", owner="", due=None),
            by=chair,
        )
    assert set(refused.value.errors) == {"commitment_text", "owner", "due"}
    question.refresh_from_db()
    assert question.status == Question.Status.RECEIVED and question.answer == ""
    assert not Commitment.objects.filter(question=question).exists()


def test_a_question_is_assigned_only_to_an_officer_of_the_commune(home_commune, organiser):
    question = portal_question(planned(home_commune))
    with pytest.raises(DomainError) as refused:
        question_group(question=question, theme="", assigned_to=user("xuly.tamson"), by=organiser)
    assert refused.value.field == "assigned_to"


def test_a_question_set_aside_needs_a_reason_and_is_then_closed(home_commune, organiser, chair):
    question = portal_question(planned(home_commune))
    with pytest.raises(DomainError):
        question_set_aside(question=question, reason=" ", by=organiser)
    question_set_aside(question=question, reason="Trùng câu hỏi số 1.", by=organiser)
    question.refresh_from_db()
    assert question.status == Question.Status.SET_ASIDE
    with pytest.raises(DomainError):
        question_answer(question=question, answer="Trả lời", by=chair)


def test_reading_the_contacts_needs_a_reason_and_is_audited(home_commune, organiser, handler, desk):
    question = portal_question(planned(home_commune))
    with pytest.raises(DomainError):
        question_contacts(question=question, reason="xem", by=organiser)
    with pytest.raises(NotAllowed):
        question_contacts(question=question, reason="Gọi mời dự buổi khảo sát tuyến đường", by=desk)
    contacts = question_contacts(
        question=question, reason="Gọi mời dự buổi khảo sát tuyến đường", by=organiser
    )
    assert contacts.phone == PHONE and contacts.email == EMAIL
    read = SensitiveRead.objects.get(actor=organiser, object_id=str(question.pk))
    assert read.what == "dialogue_asker_contacts" and read.reason.startswith("Gọi mời")
    assert Event.objects.filter(action="dialogues.question_contact_read", object_id=str(question.pk)).exists()


def test_an_organiser_of_another_commune_cannot_touch_the_question(home_commune, foreign_organiser):
    question = portal_question(planned(home_commune))
    with pytest.raises(NotAllowed):
        question_group(question=question, theme="", assigned_to=None, by=foreign_organiser)
    with pytest.raises(NotAllowed):
        question_contacts(question=question, reason="Muốn biết số điện thoại", by=foreign_organiser)


def test_a_held_dialogue_takes_questions_from_the_room_but_not_from_the_portal(home_commune, organiser):
    dialogue = planned(home_commune)
    with clock_at(dialogue.starts_at + dt.timedelta(hours=1)):
        dialogue_hold(dialogue=dialogue, by=organiser)
        with pytest.raises(DomainError):
            portal_question(dialogue)
        floor = question_enter(
            dialogue=dialogue,
            channel=Question.Channel.FLOOR,
            asker=Asker(name="Hoàng Văn Chiến"),
            text="Chế độ cho người cao tuổi năm nay thế nào?",
            by=organiser,
        )
    assert floor.channel == Question.Channel.FLOOR


def test_the_opinion_board_links_back_to_the_question_for_who_may_open_it(
    home_commune, chair, foreign_organiser
):
    from gandan.dialogues.module import signal_source_links

    question = portal_question(planned(home_commune))
    ids = [str(question.pk)]
    assert signal_source_links(chair, "dialogue_question", ids) == {
        str(question.pk): f"/staff/dialogues/questions/{question.pk}/"
    }
    assert signal_source_links(foreign_organiser, "dialogue_question", ids) == {}
    assert signal_source_links(chair, "petition", ids) == {}

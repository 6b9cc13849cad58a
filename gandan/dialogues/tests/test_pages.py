"""The staff pages: the list (filters, search without diacritics, empty state), scheduling through the form, the
dialogue's page (questions grouped by theme, commitments), the question's page (contacts hidden until read with a
reason), answering with a commitment as the assigned officer, done with evidence, and the minutes as PDF."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from gandan.audit.models import SensitiveRead
from gandan.dialogues.models import Commitment, Dialogue
from gandan.dialogues.services.questions import question_group
from gandan.dialogues.tests.factories import (
    ASKER,
    EMAIL,
    PHONE,
    at,
    held_with_commitment,
    planned,
    portal_question,
)
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def test_the_list_finds_a_dialogue_without_diacritics_and_says_what_to_do_when_empty(home_commune, organiser):
    planned(home_commune, title="Đối thoại về giải phóng mặt bằng đường liên xã")
    page = client_for(organiser).get(reverse("dialogues:list"), {"q": "giai phong mat bang"})
    assert page.status_code == 200
    assert "giải phóng mặt bằng" in page.content.decode()
    empty = client_for(organiser).get(reverse("dialogues:list"), {"q": "khong co gi nhu the nay"})
    assert "Đối thoại về giải phóng" not in empty.content.decode()
    assert 'class="empty"' in empty.content.decode()


def test_the_list_filters_by_status_and_year(home_commune, organiser):
    planned(home_commune, title="Đối thoại chuyên đề môi trường")
    later = planned(home_commune, title="Đối thoại năm sau", starts_at=at(400), questions_until=None)
    client = client_for(organiser)
    planned_page = client.get(reverse("dialogues:list"), {"status": "planned"}).content.decode()
    assert "chuyên đề môi trường" in planned_page
    assert (
        "chuyên đề môi trường"
        not in client.get(reverse("dialogues:list"), {"status": "closed"}).content.decode()
    )
    next_year = timezone.localtime(later.starts_at).year
    by_year = client.get(reverse("dialogues:list"), {"year": next_year}).content.decode()
    assert "Đối thoại năm sau" in by_year and "chuyên đề môi trường" not in by_year


def test_the_organiser_schedules_through_the_form(organiser):
    starts = timezone.localtime() + dt.timedelta(days=20)
    response = client_for(organiser).post(
        reverse("dialogues:new"),
        {
            "kind": "annual",
            "title": "Hội nghị đối thoại năm nay",
            "starts_at": starts.strftime("%d/%m/%Y 08:00"),
            "place": "Hội trường UBND xã",
            "chaired_by": "Chủ tịch UBND xã",
            "questions_until": (starts - dt.timedelta(days=2)).strftime("%d/%m/%Y 17:00"),
            "public": "on",
        },
    )
    dialogue = Dialogue.objects.get(title="Hội nghị đối thoại năm nay")
    assert response.status_code == 302 and response["Location"] == reverse(
        "dialogues:detail", args=[dialogue.pk]
    )
    assert dialogue.public and dialogue.unit == organiser.unit


def test_a_form_with_mistakes_answers_each_field_in_vietnamese(organiser):
    starts = timezone.localtime() + dt.timedelta(days=20)
    data = {"kind": "thematic", "title": "Đối thoại", "place": "Xã", "chaired_by": "Chủ tịch"}
    missing_start = client_for(organiser).post(reverse("dialogues:new"), data)
    assert missing_start.status_code == 422
    assert "bắt buộc" in missing_start.content.decode()
    data["starts_at"] = starts.strftime("%d/%m/%Y 08:00")
    missing_topic = client_for(organiser).post(reverse("dialogues:new"), data)
    assert missing_topic.status_code == 422
    assert "Nhập nội dung đối thoại" in missing_topic.content.decode()
    assert not Dialogue.objects.filter(title="Đối thoại", unit=organiser.unit).exists()


def test_the_desk_officer_reads_but_cannot_schedule(desk):
    client = client_for(desk)
    assert client.get(reverse("dialogues:list")).status_code == 200
    assert client.get(reverse("dialogues:new")).status_code == 403


def test_the_dialogue_page_groups_questions_by_theme_and_lists_commitments(home_commune, organiser):
    dialogue, question, commitment = held_with_commitment(home_commune)
    question_group(question=question, theme="Giao thông nông thôn", assigned_to=None, by=organiser)
    page = client_for(organiser).get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    assert "Giao thông nông thôn" in page
    assert commitment.text[:40] in page
    assert PHONE not in page and EMAIL not in page


def test_the_question_page_hides_the_contacts_until_read_with_a_reason(home_commune, organiser):
    question = portal_question(planned(home_commune))
    client = client_for(organiser)
    page = client.get(reverse("dialogues:question", args=[question.pk])).content.decode()
    assert PHONE not in page and question.code in page
    shown = client.post(
        reverse("dialogues:question_contacts", args=[question.pk]),
        {"reason": "Mời ông dự buổi khảo sát tuyến đường"},
    )
    assert shown.status_code == 200 and PHONE in shown.content.decode()
    assert SensitiveRead.objects.filter(actor=organiser, object_id=str(question.pk)).exists()
    refused = client.post(reverse("dialogues:question_contacts", args=[question.pk]), {"reason": "xem"})
    assert refused.status_code == 422 and PHONE not in refused.content.decode()


def test_the_assigned_officer_answers_with_a_commitment_through_the_page(home_commune, organiser, handler):
    question = portal_question(planned(home_commune))
    question_group(question=question, theme="", assigned_to=handler, by=organiser)
    due = timezone.localdate() + dt.timedelta(days=40)
    response = client_for(handler).post(
        reverse("dialogues:question_answer", args=[question.pk]),
        {
            "answer": "Xã sẽ làm rãnh thoát nước.",
            "promises": "on",
            "commitment_text": "Làm rãnh thoát nước đoạn đường ngập",
            "owner": "Công chức Địa chính - Xây dựng",
            "owner_user": handler.pk,
            "due": due.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(question=question)
    assert commitment.owner_user == handler and commitment.due == due


def test_an_officer_not_assigned_cannot_open_the_answer_form(home_commune, handler):
    question = portal_question(planned(home_commune))
    assert (
        client_for(handler).get(reverse("dialogues:question_answer", args=[question.pk])).status_code == 403
    )


def test_done_with_evidence_through_the_page(home_commune, organiser, media):
    _d, _q, commitment = held_with_commitment(home_commune)
    response = client_for(organiser).post(
        reverse("dialogues:commitment_done", args=[commitment.pk]),
        {"evidence": "Đã làm xong 300 m rãnh.", "done_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.state == "done"


def test_the_minutes_print_the_questions_answers_and_commitments(home_commune, organiser):
    dialogue, question, commitment = held_with_commitment(home_commune)
    response = client_for(organiser).get(reverse("dialogues:minutes_pdf", args=[dialogue.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    text = " ".join(text.split())
    assert "BIÊN BẢN" in text
    assert "Câu 1." in text and "Trả lời" in text
    assert "Nâng cốt" in text and "Đang thực hiện" in text
    assert PHONE not in text


def test_a_planned_dialogue_has_no_minutes_yet(home_commune, organiser):
    dialogue = planned(home_commune)
    assert client_for(organiser).get(reverse("dialogues:minutes_pdf", args=[dialogue.pk])).status_code == 302


def test_the_commitments_worklist_shows_the_overdue_ones(home_commune, chair):
    _d, _q, commitment = held_with_commitment(home_commune)
    Commitment.objects.filter(pk=commitment.pk).update(due=timezone.localdate() - dt.timedelta(days=1))
    page = client_for(chair).get(reverse("dialogues:commitments"), {"state": "overdue"}).content.decode()
    assert commitment.text[:40] in page and "Quá hạn" in page


def test_the_audit_trail_tells_the_dialogues_events_in_words_and_names_a_question_by_its_code(
    home_commune, chair
):
    _dialogue, question, _commitment = held_with_commitment(home_commune)
    client = client_for(chair)
    answered = client.get(reverse("audit:list"), {"action": "dialogues.question_answer"}).content.decode()
    assert question.code in answered  # the question is named by its code
    assert "Tiếp nhận → Đã trả lời" in answered  # its statuses by their names
    assert question.text not in answered and ASKER not in answered
    created = client.get(reverse("audit:list"), {"action": "dialogues.commitment_create"}).content.decode()
    assert "Cam kết hạn" in created and "Thời hạn" in created


def test_the_audit_trail_names_dialogues_and_commitments_with_their_pages(home_commune, chair):
    dialogue, _question, commitment = held_with_commitment(home_commune)
    page = (
        client_for(chair).get(reverse("audit:list"), {"action": "dialogues.dialogue_hold"}).content.decode()
    )
    assert reverse("dialogues:detail", args=[dialogue.pk]) in page
    page = (
        client_for(chair)
        .get(reverse("audit:list"), {"action": "dialogues.commitment_progress"})
        .content.decode()
    )
    assert reverse("dialogues:commitment", args=[commitment.pk]) in page

"""The staff pages of consultations and covenants, as an officer uses them: the draft form with its sections (a
window that ends before it starts comes back with the message and nothing saved), the opinions typed in and
considered, the refusal to publish too early, the Excel sheet of opinions (no contacts), and a covenant taken from
draft to in force through its step pages — the recognition by the chairman only."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gandan.democracy.models import Comment, Consultation, Covenant
from gandan.democracy.tests.support import chairman, days, officer, opened, villages_of
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db
__all__ = ["chairman", "officer"]  # fixtures


def _draft_data(**extra) -> dict:
    data = {
        "subject": "construction",
        "title": "Dự thảo quy hoạch chi tiết trung tâm xã",
        "introduction": "",
        "opens": days(0).strftime("%d/%m/%Y"),
        "closes": days(15).strftime("%d/%m/%Y"),
        "sections-TOTAL_FORMS": "3",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "60",
        "sections-0-heading": "Phạm vi",
        "sections-0-text": "Khu trung tâm xã, 12 ha.",
        "sections-1-heading": "Chức năng",
        "sections-1-text": "Chợ, trường học, nhà văn hóa.",
    }
    return {**data, **extra}


def test_a_window_ending_before_it_starts_comes_back_with_nothing_saved(officer):
    before = Consultation.objects.count()
    response = client_for(officer).post(
        reverse("democracy:consultation_new"), _draft_data(closes=days(-5).strftime("%d/%m/%Y"))
    )
    assert response.status_code == 422
    assert Consultation.objects.count() == before
    assert 'class="error"' in response.content.decode()


def test_an_officer_prepares_opens_and_answers_a_consultation(officer):
    client = client_for(officer)
    response = client.post(reverse("democracy:consultation_new"), _draft_data())
    made = Consultation.objects.latest("id")
    assert response.status_code == 302 and [s.heading for s in made.sections.all()] == [
        "Phạm vi",
        "Chức năng",
    ]
    client.post(reverse("democracy:consultation_open", args=[made.pk]))
    made.refresh_from_db()
    assert made.status == "open"
    client.post(
        reverse("democracy:comment_new", args=[made.pk]),
        {"channel": "box", "text": "Nên giữ lại cây đa đầu làng.", "contact": "0911222333"},
    )
    comment = Comment.objects.get(consultation=made)
    assert comment.channel == "box" and comment.entered_by == officer
    refused = client.post(reverse("democracy:consultation_publish", args=[made.pk]), follow=True)
    assert "chưa được xem xét" in refused.content.decode() or "considered" in refused.content.decode()
    made.refresh_from_db()
    assert made.status == "open"
    client.post(
        reverse("democracy:comment_consider", args=[made.pk, comment.pk]),
        {"disposition": "accepted", "response": "Giữ nguyên cây đa."},
    )
    comment.refresh_from_db()
    assert comment.disposition == "accepted"
    sheet = client.get(reverse("democracy:consultation_export", args=[made.pk]))
    rows = list(
        load_workbook(io.BytesIO(b"".join(sheet.streaming_content))).active.iter_rows(values_only=True)
    )
    assert any("Nên giữ lại cây đa đầu làng." in row for row in rows)
    assert not any("0911222333" in str(cell) for row in rows for cell in row)


def test_the_summary_page_saves_the_summary(officer):
    made = opened(officer)
    client_for(officer).post(
        reverse("democracy:consultation_summary", args=[made.pk]), {"summary": "Đồng tình", "explanation": ""}
    )
    made.refresh_from_db()
    assert made.summary == "Đồng tình"


def test_a_covenant_goes_from_draft_to_in_force_through_its_pages(officer, chairman, home_commune):
    village = villages_of(home_commune)[2]
    client = client_for(officer)
    client.post(
        reverse("democracy:covenant_new"),
        {"village": village.pk, "title": "Hương ước thôn", "text": "Điều 1. Giữ gìn an ninh trật tự."},
    )
    covenant = Covenant.objects.get(unit_path=village.path)
    client.post(reverse("democracy:covenant_to_vote", args=[covenant.pk]))
    client.post(
        reverse("democracy:covenant_adoption", args=[covenant.pk]),
        {"households": 100, "present": 70, "yes": 60, "voted_on": days(-1).strftime("%d/%m/%Y")},
    )
    client.post(
        reverse("democracy:covenant_submit", args=[covenant.pk]),
        {"submitted_on": days(0).strftime("%d/%m/%Y")},
    )
    covenant.refresh_from_db()
    assert covenant.state == "submitted"
    assert client.get(reverse("democracy:covenant_recognise", args=[covenant.pk])).status_code == 403
    client_for(chairman).post(
        reverse("democracy:covenant_recognise", args=[covenant.pk]),
        {"decision_ref": "21/QĐ-UBND", "recognised_on": days(0).strftime("%d/%m/%Y")},
    )
    covenant.refresh_from_db()
    assert covenant.state == "in_force" and covenant.decision_ref == "21/QĐ-UBND"
    page = client.get(reverse("democracy:covenant", args=[covenant.pk])).content.decode()
    assert "21/QĐ-UBND" in page and "Điều 1. Giữ gìn an ninh trật tự." in page


def test_a_failed_vote_is_said_and_the_covenant_goes_back_to_drafting(officer, home_commune):
    village = villages_of(home_commune)[3]
    client = client_for(officer)
    client.post(
        reverse("democracy:covenant_new"), {"village": village.pk, "title": "Quy ước", "text": "Điều 1."}
    )
    covenant = Covenant.objects.get(unit_path=village.path)
    client.post(reverse("democracy:covenant_to_vote", args=[covenant.pk]))
    response = client.post(
        reverse("democracy:covenant_adoption", args=[covenant.pk]),
        {"households": 100, "present": 40, "yes": 40, "voted_on": days(0).strftime("%d/%m/%Y")},
        follow=True,
    )
    covenant.refresh_from_db()
    assert covenant.state == "draft"
    assert "40" in response.content.decode()


def test_the_list_marks_a_late_dossier(officer, home_commune):
    from gandan.democracy.services import covenants as cov

    village = villages_of(home_commune)[4]
    covenant = cov.covenant_create(village=village, title="Hương ước muộn", text="Điều 1.", by=officer)
    cov.covenant_to_vote(covenant=covenant, by=officer)
    cov.covenant_adoption_record(
        covenant=covenant, households=10, present=8, yes=8, voted_on=days(-30), by=officer
    )
    body = client_for(officer).get(reverse("democracy:covenants") + "?late=on").content.decode()
    assert "Hương ước muộn" in body and "pill-bad" in body

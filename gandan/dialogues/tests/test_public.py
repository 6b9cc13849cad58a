"""The citizen pages: a commune's dialogues, a dialogue with its questions and answers (askers by initials and
village, never their contacts) and the progress of each commitment with its evidence; the question form without any
script (a plain POST) that gives a lookup code, refuses after the deadline and is limited like every online form;
the lookup by code; and a dialogue not shown on the portal is not found."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gandan.dialogues.models import Question
from gandan.dialogues.services.commitments import commitment_done
from gandan.dialogues.services.questions import question_set_aside
from gandan.dialogues.tests.factories import (
    ASKER,
    EMAIL,
    PHONE,
    held_with_commitment,
    planned,
    portal_question,
    villages,
)
from gandan.kit.history import clock_at

pytestmark = pytest.mark.django_db


def _form(village, **changes) -> dict:
    data = {
        "name": "Phạm Thị Hạnh",
        "village": village.pk,
        "phone": "0977 111 222",
        "email": "",
        "text": "Bãi rác ven đê gây ô nhiễm, đề nghị xã xử lý dứt điểm.",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_the_commune_list_shows_its_public_dialogues(home_commune):
    shown = planned(home_commune, title="Đối thoại về môi trường nông thôn")
    hidden = planned(home_commune, title="Đối thoại nội bộ chưa công khai", public=False)
    page = Client().get(reverse("dialogues_public:list"), {"xa": home_commune.code}).content.decode()
    assert shown.title in page and hidden.title not in page
    assert reverse("dialogues_public:ask", args=[shown.pk]) in page
    assert Client().get(reverse("dialogues_public:detail", args=[hidden.pk])).status_code == 404


def test_an_unknown_commune_says_so(db):
    response = Client().get(reverse("dialogues_public:list"), {"xa": "99999"})
    assert response.status_code == 404


def test_the_dialogue_page_names_askers_by_initials_and_never_shows_contacts(home_commune, organiser):
    dialogue, question, commitment = held_with_commitment(home_commune)
    page = Client().get(reverse("dialogues_public:detail", args=[dialogue.pk])).content.decode()
    assert question.text in page and question.answer in page
    assert "N.V.T." in page and question.village.name in page
    assert ASKER not in page and PHONE not in page and EMAIL not in page and question.code not in page
    assert commitment.text in page and "Đã khảo sát và lập dự toán." in page  # its progress note


def test_a_question_set_aside_leaves_the_public_page_but_its_asker_reads_why(home_commune, organiser):
    dialogue = planned(home_commune)
    question = portal_question(dialogue, text="Nhà hàng xóm xây tường lấn sang đất nhà tôi.")
    question_set_aside(
        question=question, reason="Tranh chấp giữa các hộ: đề nghị gửi đơn hòa giải.", by=organiser
    )
    page = Client().get(reverse("dialogues_public:detail", args=[dialogue.pk])).content.decode()
    assert "lấn sang đất" not in page
    own = Client().get(reverse("dialogues_public:question", args=[question.code])).content.decode()
    assert "lấn sang đất" in own and "đề nghị gửi đơn hòa giải" in own


def test_the_form_works_without_any_script_and_gives_a_code(home_commune):
    dialogue = planned(home_commune)
    village = villages(home_commune)[1]
    client = Client()
    form = client.get(reverse("dialogues_public:ask", args=[dialogue.pk])).content.decode()
    assert "<script" not in form.split("<main", 1)[1]
    response = client.post(reverse("dialogues_public:ask", args=[dialogue.pk]), _form(village))
    question = Question.objects.get(dialogue=dialogue)
    assert response.status_code == 302
    assert response["Location"] == reverse("dialogues_public:question", args=[question.code]) + "?moi=1"
    page = client.get(response["Location"]).content.decode()
    assert question.code in page and "Câu hỏi của bạn đã được gửi" in page
    assert question.asker_phone == "0977111222" and question.village == village


def test_the_form_refuses_after_the_deadline_in_plain_vietnamese(home_commune):
    dialogue = planned(home_commune)
    village = villages(home_commune)[0]
    with clock_at(dialogue.questions_until + dt.timedelta(hours=1)):
        page = Client().get(reverse("dialogues_public:ask", args=[dialogue.pk]))
        assert "chỉ nhận câu hỏi đến" in page.content.decode()
        assert '<form method="post"' not in page.content.decode()
        sent = Client().post(reverse("dialogues_public:ask", args=[dialogue.pk]), _form(village))
    assert sent.status_code == 409
    assert "tiếp công dân" in sent.content.decode()
    assert not Question.objects.filter(dialogue=dialogue).exists()


def test_mistakes_are_shown_next_to_their_fields_and_nothing_is_saved(home_commune, other_commune):
    dialogue = planned(home_commune)
    foreign = villages(other_commune)[0]
    response = Client().post(
        reverse("dialogues_public:ask", args=[dialogue.pk]),
        _form(foreign, phone="12345", text="?", consent=""),
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Số điện thoại" in text and "bắt buộc" in text
    assert not Question.objects.filter(dialogue=dialogue).exists()


def test_the_form_is_limited_per_connection(home_commune, settings):
    settings.GANDAN_SUBMITS_PER_ADDRESS = 2
    dialogue = planned(home_commune)
    village = villages(home_commune)[0]
    client = Client()
    url = reverse("dialogues_public:ask", args=[dialogue.pk])
    for n in range(2):
        assert client.post(url, _form(village, phone=f"09771112{n:02d}")).status_code == 302
    third = client.post(url, _form(village, phone="0977111299"))
    assert third.status_code == 429
    assert Question.objects.filter(dialogue=dialogue).count() == 2


def test_the_lookup_finds_a_code_typed_loosely_and_counts_wrong_ones(home_commune, settings):
    question = portal_question(planned(home_commune))
    loose = question.code.replace("-", " ").lower()
    response = Client().get(reverse("dialogues_public:lookup"), {"ma": loose})
    assert response.status_code == 302
    assert response["Location"] == reverse("dialogues_public:question", args=[question.code])
    settings.GANDAN_LOOKUP_FAILURES = 2
    client = Client()
    for _ in range(2):
        assert client.get(reverse("dialogues_public:question", args=["CH-AAAA-AAAA"])).status_code == 404
    assert client.get(reverse("dialogues_public:question", args=["CH-BBBB-BBBB"])).status_code == 429


def test_the_citizen_follows_his_commitment_to_done_with_its_evidence(home_commune, organiser, media):
    _dialogue, question, commitment = held_with_commitment(home_commune)
    url = reverse("dialogues_public:question", args=[question.code])
    before = Client().get(url).content.decode()
    assert commitment.text in before and "Đang thực hiện" in before
    picture = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(picture, format="PNG")
    commitment_done(
        commitment=commitment,
        evidence="Đã nâng cốt 300 m đường và làm rãnh thoát nước.",
        done_on=timezone.localdate(),
        upload=SimpleUploadedFile("anh.png", picture.getvalue()),
        by=organiser,
    )
    after = Client().get(url).content.decode()
    assert "Đã hoàn thành" in after and "Đã nâng cốt 300 m" in after
    evidence = reverse("dialogues_public:evidence", args=[commitment.pk])
    assert evidence in after
    served = Client().get(evidence)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_evidence_is_not_served_before_done_nor_for_a_hidden_dialogue(home_commune, organiser):
    _dialogue, _question, commitment = held_with_commitment(home_commune)
    assert Client().get(reverse("dialogues_public:evidence", args=[commitment.pk])).status_code == 404


def test_the_portal_home_offers_the_dialogues(db):
    assert reverse("dialogues_public:list") in Client().get(reverse("portal:home")).content.decode()

"""The citizen's pages of consultations and covenants: what was opened is public (a draft is not), the comment form
works without script while the consultation is open and is refused with the dates outside it, is limited like every
public form, and a commenter's contact never shows — not even after the summary and the answers are published."""

import pytest
from django.test import Client
from django.urls import reverse

from gandan.democracy.models import Comment
from gandan.democracy.services import consultations as services
from gandan.democracy.services import covenants as covenant_services
from gandan.democracy.tests.support import chairman, days, draft, officer, opened, villages_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_democracy")]
__all__ = ["chairman", "officer"]  # fixtures
CONTACT = "0987654321"


def _page(consultation) -> str:
    return reverse("democracy_public:consultation", args=[consultation.pk])


def _vi() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.cookies["django_language"] = "vi"
    return client


def test_the_list_shows_what_was_opened_never_a_draft(officer):
    shown = opened(officer, title="Dự thảo quy hoạch chợ nông sản")
    hidden = draft(officer, title="Dự thảo nội bộ chưa mở")
    body = Client().get(reverse("democracy_public:consultations")).content.decode()
    assert shown.title in body and hidden.title not in body
    assert Client().get(_page(hidden)).status_code == 404


def test_a_citizen_comments_while_it_is_open_and_is_thanked(officer, home_commune):
    made = opened(officer)
    client = _vi()
    page = client.get(_page(made)).content.decode()
    assert 'name="text"' in page and "<script" not in page.split("<main", 1)[1]
    village = villages_of(home_commune)[1]
    response = client.post(
        _page(made),
        {
            "text": "Đề nghị làm rãnh thoát nước.",
            "village": village.pk,
            "author_name": "Bà Hạnh",
            "contact": CONTACT,
        },
        follow=True,
    )
    assert response.status_code == 200
    comment = Comment.objects.get(consultation=made)
    assert comment.channel == "portal" and comment.village == village and comment.contact == CONTACT
    assert CONTACT not in response.content.decode()


def test_an_empty_opinion_is_refused_on_the_page_with_nothing_saved(officer):
    made = opened(officer)
    response = _vi().post(_page(made), {"text": "  "})
    assert response.status_code == 422
    assert not Comment.objects.filter(consultation=made).exists()


@pytest.mark.parametrize("window", [(2, 9), (-20, -1)])
def test_outside_its_window_the_form_is_gone_and_a_late_post_is_refused_with_the_dates(officer, window):
    made = opened(officer, opens=days(window[0]), closes=days(window[1]))
    client = _vi()
    assert 'name="text"' not in client.get(_page(made)).content.decode()
    response = client.post(_page(made), {"text": "Ý kiến gửi muộn"})
    assert response.status_code == 409
    assert days(window[0]).strftime("%d/%m/%Y") in response.content.decode()
    assert not Comment.objects.filter(consultation=made).exists()


def test_opinions_are_limited_per_connection(officer, settings):
    settings.GANDAN_SUBMITS_PER_ADDRESS = 2
    made = opened(officer)
    client = _vi()
    for n in range(2):
        assert client.post(_page(made), {"text": f"Ý kiến số {n}"}).status_code == 302
    assert client.post(_page(made), {"text": "Ý kiến thứ ba"}).status_code == 429
    assert Comment.objects.filter(consultation=made).count() == 2


def test_after_publication_the_summary_and_each_answer_show_but_no_contact(officer):
    made = opened(officer, opens=days(-10), closes=days(-1))
    comment = services.comment_enter(
        consultation=made, channel="meeting", text="Đề nghị giữ nguyên chợ cũ.", author_name="Ông Tâm",
        contact=CONTACT, by=officer,
    )  # fmt: skip
    services.comment_consider(
        comment=comment, disposition="not_accepted", response="Chợ cũ nằm trên hành lang đê.", by=officer
    )
    services.consultation_summarise(
        consultation=made, summary="Đa số nhân dân đồng tình.", explanation="Tiếp thu.", by=officer
    )
    before = Client().get(_page(made)).content.decode()
    assert "Chợ cũ nằm trên hành lang đê" not in before  # no answer before publication
    services.consultation_publish(consultation=made, by=officer)
    body = Client().get(_page(made)).content.decode()
    assert (
        "Đa số nhân dân đồng tình." in body and "Chợ cũ nằm trên hành lang đê." in body and "Ông Tâm" in body
    )
    assert CONTACT not in body


def test_the_covenant_in_force_shows_with_its_text_and_a_draft_does_not(officer, chairman, home_commune):
    first, second = villages_of(home_commune)[:2]
    text = "Điều 1. Giữ gìn vệ sinh đường làng, ngõ xóm."
    covenant = covenant_services.covenant_create(village=first, title="Hương ước thôn", text=text, by=officer)
    covenant_services.covenant_to_vote(covenant=covenant, by=officer)
    covenant_services.covenant_adoption_record(
        covenant=covenant, households=90, present=70, yes=60, voted_on=days(-3), by=officer
    )
    covenant_services.covenant_submit(covenant=covenant, submitted_on=days(-2), by=officer)
    covenant_services.covenant_recognise(
        covenant=covenant, decision_ref="12/QĐ-UBND", recognised_on=days(0), by=chairman
    )
    pending = covenant_services.covenant_create(village=second, title="Quy ước nháp", text="Nháp", by=officer)
    listing = Client().get(reverse("democracy_public:covenants")).content.decode()
    assert "Hương ước thôn" in listing and "Quy ước nháp" not in listing
    page = Client().get(reverse("democracy_public:covenant", args=[covenant.pk])).content.decode()
    assert text in page and "12/QĐ-UBND" in page
    assert Client().get(reverse("democracy_public:covenant", args=[pending.pk])).status_code == 404


def test_the_portal_home_offers_both_tiles():
    body = Client().get(reverse("portal:home")).content.decode()
    assert reverse("democracy_public:consultations") in body and reverse("democracy_public:covenants") in body

"""Readers' opinions through the pages: a reader sends one (without script), sees the "sent" answer, is stopped with
a clear message after too many from one address; approved opinions and replies are shown escaped with dd/mm/yyyy
HH:MM, the e-mail never; the moderators' queue, an opinion's page and its actions inside their units only; the
province's forbidden words."""

import pytest
from django.urls import reverse

from gandan.news.models import Article, Comment, ForbiddenWord
from gandan.news.services.comments import PER_MINUTE, comment_reply, comment_submit
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

EMAIL = "bi.mat@example.vn"


def page_of(article) -> str:
    """The article's public page, where its opinions and the form are."""
    return reverse("news_public:article", args=[article.pk, article.slug])


def form(**changes):
    values = {
        "name": "Trần Thị Hạnh",
        "email": EMAIL,
        "text": "Đề nghị xã lắp thêm đèn\nở đầu thôn.",
        "website": "",
    }
    values.update(changes)
    return values


def sent(article, **changes):
    values = dict(name="Trần Thị Hạnh", email=EMAIL, text="Ý kiến thử.", address="192.0.2.50")
    values.update(changes)
    return comment_submit(article=article, **values)


def test_a_reader_sends_an_opinion_without_script(client, article):
    page = client.get(page_of(article))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="website"' in html and "hidden" in html  # the honeypot, out of sight
    assert "csrfmiddlewaretoken" in html
    answer = client.post(reverse("news_public:comment", args=[article.pk]), form(), follow=True)
    assert answer.redirect_chain[-1][0] == reverse("news_public:comment_sent", args=[article.pk])
    assert "sẽ hiển thị sau khi được kiểm duyệt" in answer.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.text == "Đề nghị xã lắp thêm đèn\nở đầu thôn."


def test_twenty_opinions_in_a_minute_are_stopped_with_a_clear_message(client, article):
    statuses = [
        client.post(
            reverse("news_public:comment", args=[article.pk]), form(text=f"Ý kiến số {i}")
        ).status_code
        for i in range(20)
    ]
    assert statuses[:PER_MINUTE] == [302] * PER_MINUTE
    assert set(statuses[PER_MINUTE:]) == {429}
    last = client.post(reverse("news_public:comment", args=[article.pk]), form())
    assert "Bạn đã gửi quá nhiều ý kiến" in last.content.decode()
    assert Comment.objects.count() == PER_MINUTE


def test_the_honeypot_answers_like_a_success_and_stores_nothing(client, article):
    answer = client.post(reverse("news_public:comment", args=[article.pk]), form(website="http://x.example"))
    assert answer.status_code == 302
    assert not Comment.objects.exists()


def test_a_forbidden_word_is_shown_as_a_form_error(client, article, province_supervisor):
    ForbiddenWord.objects.create(phrase="đồ ngu", phrase_folded="do ngu", created_by=province_supervisor)
    answer = client.post(reverse("news_public:comment", args=[article.pk]), form(text="Viết DO NGU thế"))
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "từ ngữ không được phép" in html
    assert "do ngu" not in html.lower().replace("viết do ngu thế", "")  # the list is not shown
    assert not Comment.objects.exists()


def test_approved_opinions_show_oldest_first_escaped_with_the_reply_and_never_the_email(
    client, article, moderator
):
    first = sent(article, text="<script>alert(1)</script>\nDòng hai")
    second = sent(article, name="Lê Văn Tư", text="Ý kiến thứ hai")
    waiting = sent(article, name="Người Chờ", text="Chưa duyệt")
    comment_reply(comment=first, reply="UBND xã đã tiếp thu.", by=moderator)
    comment_reply(comment=second, reply="Cảm ơn ông.", by=moderator)
    html = client.get(page_of(article)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Dòng hai" in html
    assert html.index("Trần Thị Hạnh") < html.index("Lê Văn Tư")
    assert "Trả lời của UBND xã Sông Lô" in html
    assert "UBND xã đã tiếp thu." in html
    first.refresh_from_db()
    assert first.created_at.astimezone().strftime("%Y") in html
    assert waiting.name not in html
    assert EMAIL not in html
    for url in (
        reverse("news_public:comment", args=[article.pk]),
        reverse("news_public:comment_sent", args=[article.pk]),
    ):
        assert EMAIL not in client.get(url).content.decode()


def test_the_date_is_shown_day_first_in_local_time(client, article, moderator):
    comment = sent(article)
    comment_reply(comment=comment, reply="Đã nhận.", by=moderator)
    from django.utils import timezone

    shown = timezone.localtime(comment.created_at).strftime("%d/%m/%Y %H:%M")
    assert shown in client.get(page_of(article)).content.decode()


def test_closed_comments_have_no_form_and_say_so(client, article):
    Article.objects.filter(pk=article.pk).update(comments_open=False)
    html = client.get(page_of(article)).content.decode()
    assert 'name="text"' not in html
    assert "không nhận ý kiến" in html
    assert client.post(reverse("news_public:comment", args=[article.pk]), form()).status_code == 409
    assert not Comment.objects.exists()


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.WITHDRAWN])
def test_an_unpublished_article_has_no_opinions_page(client, article, status):
    Article.objects.filter(pk=article.pk).update(status=status)
    assert client.get(page_of(article)).status_code == 404
    assert client.post(reverse("news_public:comment", args=[article.pk]), form()).status_code == 404


def test_a_huge_id_is_not_found(client):
    assert client.get("/tin-tuc/99999999999999999999/y-kien/").status_code == 404


# --- the moderators -------------------------------------------------------------------------------------------------


def test_the_queue_shows_waiting_opinions_first_with_a_count(article, moderator):
    sent(article, name="Đã Duyệt", text="Một")
    older = sent(article, name="Chờ Một", text="Hai")
    Comment.objects.filter(name="Đã Duyệt").update(status=Comment.Status.APPROVED)
    page = client_for(moderator).get(reverse("news:moderation"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="pending-count"' in html
    assert html.index(older.name) < html.index("Đã Duyệt")
    assert EMAIL not in html


def test_the_queue_filters_by_words_without_diacritics(article, moderator):
    sent(article, text="Đường làng bị hỏng nặng")
    sent(article, text="Cảm ơn xã")
    html = client_for(moderator).get(reverse("news:moderation") + "?q=duong+lang").content.decode()
    assert "Đường làng" in html and "Cảm ơn xã" not in html


def test_another_communes_moderator_gets_not_found(article, foreign_moderator):
    comment = sent(article)
    client = client_for(foreign_moderator)
    assert client.get(reverse("news:comment", args=[comment.pk])).status_code == 404
    assert client.post(reverse("news:comment_approve", args=[comment.pk])).status_code == 404
    assert comment.text not in client.get(reverse("news:moderation")).content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_desk_officer_may_not_moderate(article, desk_officer):
    assert client_for(desk_officer).get(reverse("news:moderation")).status_code == 403


def test_approve_reject_and_reply_from_the_pages(article, moderator):
    comment = sent(article)
    client = client_for(moderator)
    page = client.get(reverse("news:comment", args=[comment.pk]))
    assert page.status_code == 200 and EMAIL not in page.content.decode()
    refused = client.post(reverse("news:comment_reject", args=[comment.pk]), {"reason": ""})
    assert refused.status_code == 422
    client.post(reverse("news:comment_approve", args=[comment.pk]))
    assert Article.objects.get(pk=article.pk).comment_count == 1
    client.post(reverse("news:comment_reply", args=[comment.pk]), {"reply": "Xã sẽ xem xét."})
    comment.refresh_from_db()
    assert comment.reply == "Xã sẽ xem xét."
    client.post(reverse("news:comment_reject", args=[comment.pk]), {"reason": "Trùng lặp"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert Article.objects.get(pk=article.pk).comment_count == 0


def test_ticked_rows_are_marked_as_spam_at_once(article, moderator, foreign_moderator):
    rows = [sent(article, address=f"192.0.2.{i}") for i in range(3)]
    answer = client_for(foreign_moderator).post(
        reverse("news:comments_bulk"), {"action": "approve", "ids": [r.pk for r in rows]}
    )
    assert answer.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 3  # none of his
    client_for(moderator).post(
        reverse("news:comments_bulk"), {"action": "spam", "ids": [rows[0].pk, rows[1].pk]}
    )
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 2


def test_the_staff_home_lists_the_oldest_waiting(article, moderator):
    sent(article, name="Phạm Văn Chờ", text="Đang chờ duyệt")
    html = client_for(moderator).get("/staff/").content.decode()
    assert "Ý kiến bạn đọc chờ duyệt" in html
    assert "Phạm Văn Chờ" in html


def test_the_opinion_board_links_back_only_for_moderators(article, moderator, foreign_moderator):
    from gandan.news.module import signal_source_links

    comment = sent(article)
    assert signal_source_links(moderator, "news_comment", [str(comment.pk)]) == {
        str(comment.pk): reverse("news:comment", args=[comment.pk])
    }
    assert signal_source_links(foreign_moderator, "news_comment", [str(comment.pk)]) == {}
    assert signal_source_links(moderator, "petition", [str(comment.pk)]) == {}


# --- forbidden words ------------------------------------------------------------------------------------------------


def test_the_province_adds_and_removes_forbidden_words(province_supervisor):
    client = client_for(province_supervisor)
    assert client.get(reverse("news:words")).status_code == 200
    client.post(reverse("news:words"), {"phrase": "Đồ ngu"})
    again = client.post(reverse("news:words"), {"phrase": "do NGU"})
    assert again.status_code == 409
    assert "đã có trong danh sách" in again.content.decode()
    word = ForbiddenWord.objects.get()
    confirm = client.get(reverse("news:word_remove", args=[word.pk]))
    assert confirm.status_code == 200 and "Đồ ngu" in confirm.content.decode()
    client.post(reverse("news:word_remove", args=[word.pk]))
    assert not ForbiddenWord.objects.exists()


def test_a_commune_moderator_may_not_edit_the_words(moderator):
    assert client_for(moderator).get(reverse("news:words")).status_code == 403

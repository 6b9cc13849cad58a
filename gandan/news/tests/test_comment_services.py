"""Readers' opinions as the services handle them: the limits that stop a flood (per address, per article), the
honeypot, the forbidden words (spelt without diacritics too), links held as spam, and moderation keeping the
article's count and its cache key right; the reader told once by e-mail of a reply."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gandan.audit.models import Event
from gandan.errors import Conflict, DomainError, NotAllowed, Throttled
from gandan.news.models import Article, Comment, ForbiddenWord
from gandan.news.services import comments as svc
from gandan.news.services.comments import (
    comment_approve,
    comment_reject,
    comment_reply,
    comment_spam,
    comment_submit,
    comments_bulk,
)
from gandan.news.services.words import forbidden_word_add, forbidden_word_remove
from gandan.notify.models import Notification
from gandan.opinion.models import Signal

pytestmark = pytest.mark.django_db

TEXT = "Nhà văn hóa rất đẹp, cảm ơn bà con đã đóng góp công sức."


def send(article, *, address="203.0.113.7", **changes):
    values = dict(name="Nguyễn Văn Bình", email="binh@example.vn", text=TEXT)
    values.update(changes)
    return comment_submit(article=article, address=address, **values)


def test_a_sent_opinion_waits_for_moderation_and_is_a_signal(article):
    comment = send(article)
    assert comment.status == Comment.Status.PENDING
    assert comment.unit_path == article.unit_path
    article.refresh_from_db()
    assert article.comment_count == 0  # not shown yet
    signal = Signal.objects.get(source_kind="news_comment", source_id=str(comment.pk))
    assert "bà con" in signal.text
    event = Event.objects.get(action="news.comment_submit", object_id=str(comment.pk))
    assert "binh@example.vn" not in str(event.details) and "Bình" not in str(event.details)


def test_five_a_minute_from_one_address_then_a_clear_refusal(article):
    for _ in range(svc.PER_MINUTE):
        send(article)
    with pytest.raises(Throttled) as caught:
        send(article)
    assert caught.value.status == 429
    assert "chưa được lưu" in caught.value.message and "thử lại sau" in caught.value.message
    assert Comment.objects.filter(article=article).count() == svc.PER_MINUTE
    send(article, address="198.51.100.9")  # another reader is not stopped


def test_the_day_limit_holds_after_the_minute_has_passed(article):
    start = timezone.now()
    sent = 0
    with time_machine.travel(start, tick=False) as clock:
        while sent < svc.PER_DAY:
            for _ in range(min(svc.PER_MINUTE, svc.PER_DAY - sent)):
                send(article)
                sent += 1
            clock.shift(dt.timedelta(minutes=2))
        with pytest.raises(Throttled):
            send(article)
        clock.shift(dt.timedelta(days=1, minutes=1))
        assert send(article) is not None


def test_an_article_with_too_many_waiting_opinions_refuses_more(article, monkeypatch):
    monkeypatch.setattr(svc, "PENDING_PER_ARTICLE", 2)
    send(article, address="192.0.2.1")
    send(article, address="192.0.2.2")
    with pytest.raises(Throttled) as caught:
        send(article, address="192.0.2.3")
    assert caught.value.code == "too_many_pending"
    assert Comment.objects.filter(article=article).count() == 2


def test_the_honeypot_catches_a_robot_silently_and_stores_nothing(article):
    signals = Signal.objects.filter(source_kind="news_comment")
    before = signals.count()  # the demo's readers' opinions
    assert send(article, trap="http://spam.example") is None
    assert Comment.objects.count() == 0
    assert signals.count() == before


def test_a_robot_filling_the_honeypot_is_still_counted(article):
    for _ in range(svc.PER_MINUTE):
        send(article, trap="x")
    with pytest.raises(Throttled):
        send(article)


@pytest.mark.parametrize("written", ["Đồ ngu như bò", "do ngu nhu bo", "ĐỒ NGU", "đồ.ngu", "Đồ   ngú"])
def test_a_forbidden_word_is_refused_however_it_is_spelt(article, province_supervisor, written):
    forbidden_word_add(phrase="đồ ngu", by=province_supervisor)
    with pytest.raises(DomainError) as caught:
        send(article, text=f"Bài viết hay. {written}!")
    assert "text" in caught.value.errors
    assert "do ngu" not in caught.value.message.lower()  # the rule is said, never the list
    assert "đồ ngu" not in caught.value.message.lower()
    assert Comment.objects.count() == 0


def test_a_name_that_merely_contains_the_letters_is_not_refused(article, province_supervisor):
    forbidden_word_add(phrase="ngu", by=province_supervisor)
    assert send(article, name="Nguyễn Thị Ngọc", text="Người dân thôn rất vui mừng.") is not None


def test_many_links_are_held_as_spam(article):
    comment = send(article, text="Xem http://a.example.com và www.b.vn, thêm bit.ly/xyz nữa")
    assert comment.status == Comment.Status.SPAM
    assert comment.reason
    assert send(article, text="Chi tiết tại http://ubnd.songlo.gov.vn").status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "   "}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"text": "x" * 3001}, "text"),
        ({"text": ""}, "text"),
    ],
)
def test_bad_fields_are_refused_with_the_field_named(article, changes, field):
    with pytest.raises(DomainError) as caught:
        send(article, **changes)
    assert field in caught.value.errors
    assert Comment.objects.count() == 0


def test_closed_or_unpublished_articles_take_no_opinion(article):
    Article.objects.filter(pk=article.pk).update(comments_open=False)
    with pytest.raises(Conflict):
        send(article)
    Article.objects.filter(pk=article.pk).update(comments_open=True, status=Article.Status.DRAFT)
    with pytest.raises(Conflict):
        send(article)


def test_approving_counts_and_moves_the_cache_key(article, moderator):
    comment = send(article)
    before = Article.objects.get(pk=article.pk).updated_at
    comment_approve(comment=comment, by=moderator)
    after = Article.objects.get(pk=article.pk)
    assert after.comment_count == 1
    assert after.updated_at > before
    comment_spam(comment=comment, by=moderator)
    assert Article.objects.get(pk=article.pk).comment_count == 0


def test_rejecting_needs_a_reason(article, moderator):
    comment = send(article)
    with pytest.raises(DomainError) as caught:
        comment_reject(comment=comment, reason="  ", by=moderator)
    assert caught.value.field == "reason"
    comment_approve(comment=comment, by=moderator)
    comment_reject(comment=comment, reason="Nội dung không liên quan", by=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED and comment.reason == "Nội dung không liên quan"
    assert Article.objects.get(pk=article.pk).comment_count == 0
    assert Event.objects.filter(action="news.comment_reject", object_id=str(comment.pk)).count() == 1


def test_a_reply_approves_and_tells_the_reader_once(article, moderator, django_capture_on_commit_callbacks):
    comment = send(article)
    comment_reply(comment=comment, reply="UBND xã cảm ơn ý kiến của ông.", by=moderator)
    comment_reply(comment=comment, reply="UBND xã cảm ơn ý kiến của ông (sửa).", by=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.reply.endswith("(sửa).")
    assert Article.objects.get(pk=article.pk).comment_count == 1
    sent = Notification.objects.filter(key=f"news-reply-{comment.pk}")
    assert sent.count() == 1
    assert sent.get().recipient == "binh@example.vn"
    assert "UBND xã cảm ơn" in sent.get().body


def test_no_email_no_notification(article, moderator):
    comment = send(article, email="")
    comment_reply(comment=comment, reply="Cảm ơn.", by=moderator)
    assert not Notification.objects.filter(key=f"news-reply-{comment.pk}").exists()


def test_a_spam_opinion_cannot_be_replied_to(article, moderator):
    comment = send(article)
    comment_spam(comment=comment, by=moderator)
    with pytest.raises(Conflict):
        comment_reply(comment=comment, reply="Cảm ơn.", by=moderator)


def test_another_communes_moderator_and_a_desk_officer_are_refused(article, foreign_moderator, desk_officer):
    comment = send(article)
    with pytest.raises(NotAllowed):
        comment_approve(comment=comment, by=foreign_moderator)
    with pytest.raises(NotAllowed):
        comment_approve(comment=comment, by=desk_officer)


def test_bulk_approve_counts_each_once(article, moderator):
    rows = [send(article, address=f"192.0.2.{i}") for i in range(3)]
    assert comments_bulk(comments=rows, action="approve", by=moderator) == 3
    assert comments_bulk(comments=rows, action="approve", by=moderator) == 0
    assert Article.objects.get(pk=article.pk).comment_count == 3


def test_forbidden_words_are_one_folded_list(province_supervisor, moderator):
    word = forbidden_word_add(phrase="Đồ Ngu", by=province_supervisor)
    assert word.phrase_folded == "do ngu"
    with pytest.raises(Conflict) as caught:
        forbidden_word_add(phrase="do ngu", by=province_supervisor)
    assert caught.value.field == "phrase"
    with pytest.raises(NotAllowed):
        forbidden_word_add(phrase="khác", by=moderator)
    with pytest.raises(DomainError):
        forbidden_word_add(phrase="...", by=province_supervisor)
    forbidden_word_remove(word=word, by=province_supervisor)
    assert not ForbiddenWord.objects.exists()

"""Writing the news through the services: a draft, review, publishing now or later, sending back, withdrawing; who
may do each; hostile input; the search document and the audit trail that follow each change."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from gandan.audit.models import Event
from gandan.errors import DomainError, NotAllowed
from gandan.news.models import Article, Category, Tag
from gandan.news.search import ARTICLE
from gandan.news.services.articles import (
    article_publish,
    article_redraft,
    article_send_back,
    article_submit,
    article_update,
    article_withdraw,
)
from gandan.news.services.categories import category_create, category_update
from gandan.news.tests.support import draft, published
from gandan.search.services import matching_ids

pytestmark = pytest.mark.django_db


def _found(query: str) -> set[int]:
    return set(Article.objects.filter(pk__in=matching_ids(ARTICLE, query)).values_list("pk", flat=True))


def _actions(article) -> list[str]:
    return list(
        Event.objects.filter(object_type="news.article", object_id=str(article.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_draft_is_stored_sanitised_with_tags_and_is_found_without_accents(home_commune, writer):
    article = draft(
        home_commune,
        writer,
        body="<p onclick='x()'>Bà con <b>góp</b> công</p><script>alert(1)</script>",
        tags="Nông thôn mới, nong thon moi, Giao thông",
    )
    assert article.status == Article.Status.DRAFT and article.author == writer
    assert article.body == "<p>Bà con <b>góp</b> công</p>"
    assert article.body_text == "Bà con góp công"
    assert article.slug == "khanh-thanh-nha-van-hoa-thon-dong-thinh"
    # the same tag typed twice (with and without accents) is one tag, found by its folded slug
    assert sorted(article.tags.values_list("slug", flat=True)) == ["giao-thong", "nong-thon-moi"]
    assert (
        article.pk in _found("nha van hoa")
        and article.pk in _found("giao thong")
        and article.pk in _found("gop")
    )
    assert _actions(article) == ["news.article_create"]


def test_a_tag_is_shared_between_articles(home_commune, writer):
    first = draft(home_commune, writer, tags="Nông thôn mới")
    second = draft(home_commune, writer, title="Đường mới", tags="nông thôn MỚI")
    assert Tag.objects.filter(slug="nong-thon-moi").count() == 1
    assert first.tags.get() == second.tags.get()


def test_every_problem_of_the_form_is_reported_at_once_and_nothing_is_saved(home_commune, writer):
    with pytest.raises(DomainError) as caught:
        draft(
            home_commune,
            writer,
            title="  ",
            summary="",
            body="<script>alert(1)</script>",
            tags=",".join(f"thẻ {i}" for i in range(12)),
        )
    assert set(caught.value.errors) == {"title", "summary", "body", "tags"}
    assert not Article.objects.exists()


def test_a_huge_body_or_title_is_refused_not_cut(home_commune, writer):
    with pytest.raises(DomainError) as caught:
        draft(home_commune, writer, title="x" * 301, body="chữ " * 60_000)
    assert set(caught.value.errors) == {"title", "body"}


def test_a_category_of_another_commune_is_refused(home_commune, other_commune, writer, foreign_writer):
    theirs = category_create(unit=other_commune, name="Thông báo", by=foreign_writer)
    with pytest.raises(DomainError) as caught:
        draft(home_commune, writer, category=theirs)
    assert "category" in caught.value.errors


def test_an_officer_cannot_write_for_another_commune(other_commune, writer):
    with pytest.raises(DomainError) as caught:
        draft(other_commune, writer)
    assert caught.value.field == "unit"


def test_an_officer_without_the_permission_cannot_write(home_commune, case_handler):
    with pytest.raises(NotAllowed):
        draft(home_commune, case_handler)


def test_the_whole_life_of_an_article(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    article_send_back(article=article, note="Thêm số tiền bà con đóng góp.", by=publisher)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.review_note == "Thêm số tiền bà con đóng góp."
    article_update(
        article=article,
        title=article.title,
        summary=article.summary,
        body=article.body + "<p>Tổng số tiền: 320 triệu đồng.</p>",
        tags="văn hóa",
        by=writer,
    )
    article_submit(article=article, by=writer)
    article = article_publish(article=article, by=publisher)
    assert article.status == Article.Status.PUBLISHED and article.reviewed_by == publisher
    assert article.publish_at is not None and article.publish_at <= timezone.now()
    assert article.review_note == ""
    article_withdraw(article=article, reason="Sai số liệu.", by=publisher)
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    article_redraft(article=article, by=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert _actions(article) == [
        "news.article_create",
        "news.article_submit",
        "news.article_send_back",
        "news.article_update",
        "news.article_submit",
        "news.article_publish",
        "news.article_withdraw",
        "news.article_redraft",
    ]
    withdrawal = Event.objects.get(object_id=str(article.pk), action="news.article_withdraw")
    assert withdrawal.details["reason"] == "Sai số liệu."


def test_a_writer_may_not_publish_nor_edit_what_is_under_review(home_commune, writer):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    with pytest.raises(NotAllowed):
        article_publish(article=article, by=writer)
    with pytest.raises(NotAllowed) as caught:
        article_update(article=article, title="Sửa", summary="Tóm tắt", body="Thân bài", by=writer)
    assert "leader" in str(caught.value.message) or caught.value.code == "not_allowed"
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and article.title != "Sửa"


def test_a_publisher_corrects_a_published_article_and_its_address_stays(home_commune, writer, publisher):
    article = published(home_commune, writer, publisher)
    before = article.updated_at
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        article_update(
            article=article,
            title="Tiêu đề đã sửa",
            summary=article.summary,
            body="Thân bài mới",
            by=publisher,
        )
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa" and article.slug == "khanh-thanh-nha-van-hoa-thon-dong-thinh"
    assert article.updated_at > before
    assert article.pk in _found("tieu de da sua") and article.pk not in _found("den rat dong")


def test_a_draft_cannot_be_published_without_review(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    with pytest.raises(DomainError) as caught:
        article_publish(article=article, by=publisher)
    assert caught.value.code == "wrong_state"


def test_publishing_at_a_later_time_schedules_it(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    later = timezone.now() + dt.timedelta(days=2)
    article = article_publish(article=article, publish_at=later, by=publisher)
    assert article.status == Article.Status.PUBLISHED and article.publish_at == later


def test_a_scheduled_time_in_the_past_is_refused_with_a_clear_message(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        article_publish(article=article, publish_at=timezone.now() - dt.timedelta(minutes=1), by=publisher)
    assert caught.value.field == "publish_at"
    assert str(caught.value.message) == "Thời điểm đăng phải sau thời điểm hiện tại."
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW and article.publish_at is None


def test_sending_back_and_withdrawing_need_a_reason(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    with pytest.raises(DomainError) as caught:
        article_send_back(article=article, note="  ", by=publisher)
    assert caught.value.field == "note"
    article = article_publish(article=article, by=publisher)
    with pytest.raises(DomainError) as caught:
        article_withdraw(article=article, reason="", by=publisher)
    assert caught.value.field == "reason"
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_officer_of_another_commune_cannot_touch_the_article(
    home_commune, writer, publisher, other_commune_leader
):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    with pytest.raises(NotAllowed):
        article_publish(article=article, by=other_commune_leader)


def test_categories_get_a_folded_address_unique_in_the_commune(
    home_commune, other_commune, writer, foreign_writer
):
    news = category_create(unit=home_commune, name="Tin hoạt động", position=1, by=writer)
    assert news.slug == "tin-hoat-dong" and news.unit_path == home_commune.path
    with pytest.raises(DomainError) as caught:
        category_create(unit=home_commune, name="TIN HOAT DONG", by=writer)
    assert caught.value.field == "name"
    assert (
        category_create(unit=other_commune, name="Tin hoạt động", by=foreign_writer).slug == "tin-hoat-dong"
    )
    renamed = category_update(category=news, name="Hoạt động của xã", position=2, by=writer)
    assert renamed.name == "Hoạt động của xã" and renamed.slug == "tin-hoat-dong" and renamed.position == 2
    with pytest.raises(NotAllowed):
        category_update(category=news, name="Khác", position=0, by=foreign_writer)
    assert Category.objects.filter(unit=home_commune).count() == 1

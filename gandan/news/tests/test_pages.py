"""The staff pages of the news, as an officer uses them: the list of his units' articles with its filters, the editor
(a plain text box: no script needed), the steps of review and publishing, the photos and the categories. Errors are
shown in Vietnamese next to the field, and nothing is half-saved."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.news.models import Article, Category, Photo
from gandan.news.services.articles import article_submit
from gandan.news.services.categories import category_create
from gandan.news.services.photos import photo_add
from gandan.news.tests.support import draft, jpeg_with_gps, published, upload
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_list_shows_the_units_articles_only_and_filters_them(
    home_commune, other_commune, writer, publisher, foreign_writer
):
    mine = published(home_commune, writer, publisher, title="Khánh thành cầu Bến Đò")
    draft(home_commune, writer, title="Họp dân thôn Cao Phong", tags="họp dân")
    draft(other_commune, foreign_writer, title="Tin của xã Tam Sơn")
    client = client_for(writer)
    page = _text(client.get(reverse("news:articles")))
    assert "Khánh thành cầu Bến Đò" in page and "Họp dân thôn Cao Phong" in page
    assert "Tin của xã Tam Sơn" not in page
    found = _text(client.get(reverse("news:articles"), {"q": "cau ben do"}))
    assert "Khánh thành cầu Bến Đò" in found and "Họp dân thôn Cao Phong" not in found
    drafts = _text(client.get(reverse("news:articles"), {"status": "draft", "sort": "title"}))
    assert "Họp dân thôn Cao Phong" in drafts and "Khánh thành cầu Bến Đò" not in drafts
    assert mine.pk


def test_an_empty_list_invites_the_first_article(writer):
    page = _text(client_for(writer).get(reverse("news:articles")))
    assert reverse("news:article_new") in page
    nothing = _text(client_for(writer).get(reverse("news:articles"), {"q": "khong co gi"}))
    assert "news/new/" in nothing


def test_a_writer_writes_plain_paragraphs_and_gets_a_draft(home_commune, writer):
    category = category_create(unit=home_commune, name="Tin hoạt động", by=writer)
    response = client_for(writer).post(
        reverse("news:article_new"),
        {
            "title": "Ra quân dọn vệ sinh",
            "summary": "Cả xã ra quân.",
            "body": "Đoạn một <script>alert(1)</script>\n\nĐoạn hai",
            "category": category.pk,
            "tags": "môi trường, vệ sinh",
            "author_name": "Văn Nam",
            "comments_open": "on",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("news:article", args=[article.pk])
    assert "<script" not in article.body and article.status == Article.Status.DRAFT
    assert article.category == category and article.unit == home_commune
    page = _text(client_for(writer).get(response["Location"]))
    assert "Ra quân dọn vệ sinh" in page and "<script>alert(1)" not in page and "<p>Đoạn hai</p>" in page


def test_the_form_shows_what_to_fix_in_vietnamese_and_saves_nothing(writer):
    response = client_for(writer).post(
        reverse("news:article_new"), {"title": "Tin", "summary": "Tóm tắt", "body": "<script>x</script>"}
    )
    assert response.status_code == 422
    assert "Viết nội dung bài" in response.content.decode()
    assert not Article.objects.exists()


def test_a_writer_cannot_edit_an_article_under_review_and_is_told_why(home_commune, writer):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    client = client_for(writer)
    response = client.get(reverse("news:article_edit", args=[article.pk]))
    assert response.status_code == 302
    page = _text(client.get(response["Location"]))
    assert "lãnh đạo" in page
    response = client.post(
        reverse("news:article_edit", args=[article.pk]), {"title": "Sửa", "summary": "x", "body": "y"}
    )
    article.refresh_from_db()
    assert article.title != "Sửa"


def test_the_publisher_schedules_and_a_past_time_is_refused(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    client = client_for(publisher)
    url = reverse("news:article_publish", args=[article.pk])
    past = timezone.localtime() - dt.timedelta(hours=1)
    response = client.post(url, {"when": "later", "publish_at": past.strftime("%d/%m/%Y %H:%M")})
    assert response.status_code == 422
    assert "Thời điểm đăng phải sau thời điểm hiện tại" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    later = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(url, {"when": "later", "publish_at": later.strftime("%d/%m/%Y %H:%M")})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.publish_at > timezone.now()
    assert "Đã lên lịch" in _text(client.get(reverse("news:article", args=[article.pk])))


def test_a_writer_may_not_open_the_publish_step(home_commune, writer):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    assert client_for(writer).get(reverse("news:article_publish", args=[article.pk])).status_code == 403


def test_sent_back_the_writer_reads_the_note_on_the_article(home_commune, writer, publisher):
    article = draft(home_commune, writer)
    article_submit(article=article, by=writer)
    response = client_for(publisher).post(
        reverse("news:article_send_back", args=[article.pk]), {"note": "Bổ sung số liệu đóng góp."}
    )
    assert response.status_code == 302
    page = _text(client_for(writer).get(reverse("news:article", args=[article.pk])))
    assert "Bổ sung số liệu đóng góp." in page


def test_the_history_names_each_step(home_commune, writer, publisher):
    article = published(home_commune, writer, publisher)
    page = _text(client_for(publisher).get(reverse("news:article", args=[article.pk])))
    assert page.count("<li><small>") >= 3


def test_a_photo_is_added_from_the_page_and_a_disguised_page_is_refused(home_commune, writer, media):
    article = draft(home_commune, writer)
    client = client_for(writer)
    url = reverse("news:photo_new", args=[article.pk])
    refused = client.post(
        url, {"upload": upload(b"<html><script>alert(1)</script>", "anh.jpg"), "caption": "x"}
    )
    assert refused.status_code == 422 and "JPG" in refused.content.decode()
    assert not Photo.objects.exists()
    added = client.post(url, {"upload": upload(jpeg_with_gps(800, 600)), "caption": "Lễ khánh thành"})
    assert added.status_code == 302
    photo = Photo.objects.get()
    thumb = client.get(reverse("news:photo_thumb", args=[article.pk, photo.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"


def test_photos_are_moved_and_removed_from_the_page(home_commune, writer, media):
    article = draft(home_commune, writer)
    first = photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), caption="Một", by=writer)
    second = photo_add(article=article, upload=upload(jpeg_with_gps(40, 30)), caption="Hai", by=writer)
    client = client_for(writer)
    client.post(reverse("news:photo_move", args=[article.pk, second.pk]), {"direction": "up"})
    assert [p.caption for p in article.photos.all()] == ["Hai", "Một"]
    client.post(reverse("news:photo_delete", args=[article.pk, first.pk]))
    assert [p.caption for p in article.photos.all()] == ["Hai"]


def test_a_photo_of_another_article_is_not_found(home_commune, writer, media):
    one, other = draft(home_commune, writer), draft(home_commune, writer, title="Tin khác")
    photo = photo_add(article=one, upload=upload(jpeg_with_gps(40, 30)), by=writer)
    assert client_for(writer).get(reverse("news:photo_edit", args=[other.pk, photo.pk])).status_code == 404


def test_categories_are_added_and_renamed_from_their_page(home_commune, writer):
    client = client_for(writer)
    response = client.post(reverse("news:categories"), {"name": "Thông báo", "position": 2})
    assert response.status_code == 302
    category = Category.objects.get()
    assert (category.slug, category.unit) == ("thong-bao", home_commune)
    duplicate = client.post(reverse("news:categories"), {"name": "THONG BAO", "position": 3})
    assert duplicate.status_code == 422 and "đã có" in duplicate.content.decode()
    client.post(
        reverse("news:category_edit", args=[category.pk]), {"name": "Thông báo của xã", "position": 1}
    )
    category.refresh_from_db()
    assert category.name == "Thông báo của xã" and category.slug == "thong-bao"


def test_an_officer_without_the_permission_is_refused(case_handler):
    assert client_for(case_handler).get(reverse("news:articles")).status_code == 403

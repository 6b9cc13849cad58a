"""The citizen news pages: what a reader sees, what he may not see, and what bad addresses answer."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gandan.news.models import Article
from gandan.news.tests import public_factories as make
from gandan.search.services import index_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def author(commune_leader):
    return commune_leader


def url(article: Article) -> str:
    return reverse("news_public:article", args=[article.pk, article.slug])


def test_an_article_shows_title_date_byline_category_tags_photos_and_body(client, home_commune, author):
    chosen = make.category(home_commune)
    article = make.article(
        home_commune, author, in_category=chosen, tags=("nong thon moi",), author_name="Trần Thị Bình"
    )
    make.photo(article, caption="Bà con dự lễ", credit="Ban Văn hóa xã", size=(1200, 800))
    make.photo(article, caption="Cắt băng khánh thành", position=1)
    page = client.get(url(article)).content.decode()
    assert article.title in page
    assert timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M") in page
    assert "Trần Thị Bình" in page
    assert reverse("news_public:category", args=[chosen.pk, chosen.slug]) in page
    assert reverse("news_public:tag", args=["nong-thon-moi"]) in page
    assert "<strong>thôn Đồng Thịnh</strong>" in page  # the stored, sanitised body as HTML
    assert "<figcaption>Bà con dự lễ" in page and "Ban Văn hóa xã" in page
    cover, second = article.photos.all()
    assert (
        f'src="{reverse("news_public:photo", args=[cover.pk])}" alt="Bà con dự lễ" width="1200" height="800">'
        in page
    )
    assert f'src="{reverse("news_public:photo", args=[second.pk])}"' in page
    assert page.count('loading="lazy"') >= 1
    assert (
        'alt="Bà con dự lễ" width="1200" height="800" loading="lazy"' not in page
    )  # the cover comes at once


def test_without_a_byline_the_commune_signs_the_article(client, home_commune, author):
    article = make.article(home_commune, author)
    assert home_commune.name in client.get(url(article)).content.decode()


def test_text_other_than_the_body_is_escaped(client, home_commune, author):
    article = make.article(home_commune, author, title="<script>alert(1)</script> Tin", summary="<b>x</b>")
    page = client.get(url(article)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>x</b>" not in page


def test_a_link_shared_on_zalo_or_facebook_carries_title_summary_and_the_cover(client, home_commune, author):
    article = make.article(home_commune, author, summary="Nhà văn hóa mới do Nhân dân góp công.")
    cover = make.photo(article, caption="Toàn cảnh")
    page = client.get(url(article)).content.decode()
    assert f'<meta property="og:title" content="{article.title}">' in page
    assert '<meta property="og:description" content="Nhà văn hóa mới do Nhân dân góp công.">' in page
    assert f'<meta property="og:image" content="http://testserver/tin-tuc/anh/{cover.pk}/">' in page
    assert f'<meta property="og:url" content="http://testserver{url(article)}">' in page
    assert '<meta property="og:type" content="article">' in page
    published_time = timezone.localtime(article.publish_at).isoformat(timespec="microseconds")
    assert f'<meta property="article:published_time" content="{published_time[:19]}' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_a_wrong_slug_moves_permanently_to_the_right_address(client, home_commune, author):
    article = make.article(home_commune, author)
    wrong = reverse("news_public:article", args=[article.pk, "ten-cu"])
    response = client.get(wrong + "?trang=2")
    assert response.status_code == 301
    assert response["Location"] == url(article) + "?trang=2"


@pytest.mark.parametrize(
    "status, later",
    [
        (Article.Status.DRAFT, False),
        (Article.Status.REVIEW, False),
        (Article.Status.WITHDRAWN, False),
        (Article.Status.PUBLISHED, True),  # scheduled for tomorrow
    ],
)
def test_an_article_not_published_yet_or_withdrawn_is_not_found(client, home_commune, author, status, later):
    when = timezone.now() + dt.timedelta(days=1) if later else timezone.now() - dt.timedelta(hours=1)
    article = make.article(home_commune, author, status=status, publish_at=when)
    photo = make.photo(article)
    assert client.get(url(article)).status_code == 404
    assert client.get(reverse("news_public:photo", args=[photo.pk])).status_code == 404
    assert client.get(reverse("news_public:thumbnail", args=[photo.pk])).status_code == 404
    assert article.title not in client.get(reverse("news_public:latest")).content.decode()
    assert article.title not in client.get(reverse("news_public:rss")).content.decode()


def test_a_scheduled_article_appears_once_its_time_has_come(client, home_commune, author, time_machine):
    article = make.article(home_commune, author, publish_at=timezone.now() + dt.timedelta(hours=2))
    assert client.get(url(article)).status_code == 404
    time_machine.move_to(timezone.now() + dt.timedelta(hours=3))
    assert client.get(url(article)).status_code == 200


@pytest.mark.parametrize("pk", [0, 2**31, 10**30])
def test_impossible_ids_are_not_found(client, pk):
    assert client.get(f"/tin-tuc/{pk}-tin/").status_code == 404
    assert client.get(f"/tin-tuc/anh/{pk}/").status_code == 404
    assert client.get(f"/tin-tuc/chuyen-muc/{pk}-tin/").status_code == 404


def test_a_published_photo_is_served_inline_and_kept_by_caches(client, home_commune, author):
    article = make.article(home_commune, author)
    photo = make.photo(article)
    big = client.get(reverse("news_public:photo", args=[photo.pk]))
    small = client.get(reverse("news_public:thumbnail", args=[photo.pk]))
    assert big.status_code == small.status_code == 200
    assert big["Content-Type"] == "image/jpeg"
    assert big["Content-Disposition"].startswith("inline")
    assert "max-age=604800" in big["Cache-Control"] and "public" in big["Cache-Control"]
    assert b"".join(big.streaming_content) == photo.image.open("rb").read()
    assert b"".join(small.streaming_content) == photo.thumbnail.open("rb").read()  # the small copy


def test_the_latest_news_lists_the_communes_articles_newest_first_ten_a_page(
    client, home_commune, other_commune, author
):
    mine = [make.article(home_commune, author, title=f"Tin xã nhà số {i:02d}") for i in range(12)]
    other = make.article(other_commune, author, title="Tin của xã bên")
    first = client.get(reverse("news_public:latest")).content.decode()
    assert "Tin xã nhà số 00" in first and "Tin xã nhà số 09" in first
    assert "Tin xã nhà số 10" not in first
    assert first.index("Tin xã nhà số 00") < first.index("Tin xã nhà số 01")  # newest first
    assert other.title not in first
    second = client.get(reverse("news_public:latest") + "?trang=2").content.decode()
    assert "Tin xã nhà số 11" in second and "Tin xã nhà số 00" not in second
    assert len(mine) == 12


@pytest.mark.parametrize("trang", ["abc", "-1", "0", "99999999999999999999", "1\x00"])
def test_a_bad_page_number_shows_a_page_never_an_error(client, home_commune, author, trang):
    article = make.article(home_commune, author)
    assert client.get(reverse("news_public:latest"), {"trang": trang}).status_code == 200
    assert client.get(url(article), {"trang": trang}).status_code == 200


def test_without_a_portal_commune_the_latest_news_of_every_commune_is_shown(
    client, settings, other_commune, author
):
    settings.GANDAN_PORTAL_UNIT = "99999"  # no such commune
    article = make.article(other_commune, author, title="Tin của một xã bất kỳ")
    assert article.title in client.get(reverse("news_public:latest")).content.decode()


def test_a_category_page_lists_its_articles_and_fixes_its_address(client, home_commune, author):
    chosen = make.category(home_commune, name="Thông báo", slug="thong-bao")
    inside = make.article(home_commune, author, in_category=chosen, title="Thông báo lịch tiếp dân")
    outside = make.article(home_commune, author, title="Tin không thuộc chuyên mục")
    address = reverse("news_public:category", args=[chosen.pk, chosen.slug])
    page = client.get(address).content.decode()
    assert inside.title in page and outside.title not in page
    moved = client.get(reverse("news_public:category", args=[chosen.pk, "cu"]))
    assert moved.status_code == 301 and moved["Location"] == address


def test_a_tag_page_lists_the_articles_with_that_tag(client, home_commune, author):
    tagged = make.article(home_commune, author, tags=("nong thon moi",), title="Xã về đích nông thôn mới")
    untagged = make.article(home_commune, author, title="Tin khác hẳn")
    page = client.get(reverse("news_public:tag", args=["nong-thon-moi"])).content.decode()
    assert tagged.title in page and untagged.title not in page
    assert client.get(reverse("news_public:tag", args=["khong-co"])).status_code == 404


def test_search_finds_an_article_typed_without_diacritics(client, home_commune, author):
    found = make.article(home_commune, author, title="Khánh thành đường giao thông nông thôn")
    missed = make.article(home_commune, author, title="Họp dân về lịch tiêm chủng")
    for a in (found, missed):
        index_document("news_article", a.pk, text=f"{a.title} {a.summary}", unit_path=a.unit_path)
    page = client.get(reverse("news_public:search"), {"q": "duong giao thong"}).content.decode()
    assert found.title in page and missed.title not in page
    hidden = make.article(
        home_commune, author, title="Đường giao thông bản nháp", status=Article.Status.DRAFT
    )
    index_document("news_article", hidden.pk, text=hidden.title, unit_path=hidden.unit_path)
    assert hidden.title not in client.get(reverse("news_public:search"), {"q": "duong"}).content.decode()


@pytest.mark.parametrize("q", ["", "a\x00b", "x" * 5000, "<script>", "' OR 1=1 --"])
def test_odd_searches_answer_a_page(client, q):
    response = client.get(reverse("news_public:search"), {"q": q})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_the_feeds_carry_the_latest_articles(client, home_commune, author):
    article = make.article(home_commune, author, title="Tin trong nguồn tin")
    rss = client.get(reverse("news_public:rss"))
    atom = client.get(reverse("news_public:atom"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for feed in (rss, atom):
        body = feed.content.decode()
        assert article.title in body and url(article) in body


def test_the_pages_refuse_a_post(client, home_commune, author):
    article = make.article(home_commune, author)
    assert client.post(url(article)).status_code == 405
    assert client.post(reverse("news_public:latest")).status_code == 405

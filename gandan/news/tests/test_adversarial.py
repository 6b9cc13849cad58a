"""Adversarial checks of the news: another commune's officer on Sông Lô's pages, hostile parameters, an article of
one commune under another commune's address, the e-mail of a reader never public, unpublished articles never
public."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gandan.news.models import Article, Comment
from gandan.news.services.comments import comment_submit
from gandan.news.tests.conftest import article_in
from gandan.portal.rules import commune_slug
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

EMAIL = "an.danh@example.vn"


def prefix(unit) -> str:
    return f"/xa/{commune_slug(unit.name_search)}/"


def test_another_communes_officer_gets_404_on_every_news_page_and_changes_nothing(
    article, foreign_writer, foreign_moderator
):
    comment = comment_submit(article=article, name="An", email=EMAIL, text="Ý kiến.", address="192.0.2.9")
    for user in (foreign_writer, foreign_moderator):
        client = client_for(user)
        for name in (
            "article",
            "article_edit",
            "article_submit",
            "article_publish",
            "article_send_back",
            "article_withdraw",
            "article_redraft",
            "photo_new",
        ):
            url = reverse(f"news:{name}", args=[article.pk])
            assert client.get(url).status_code in (403, 404, 405), (
                url
            )  # 403: the role may not, whatever the id
            assert client.post(url, {"reason": "x", "title": "Bị sửa"}).status_code in (403, 404, 405), url
        for name in ("comment", "comment_approve", "comment_reject", "comment_spam", "comment_reply"):
            url = reverse(f"news:{name}", args=[comment.pk])
            allowed = (404, 405) if user == foreign_moderator else (403, 404, 405)
            assert client.post(url, {"reason": "x", "reply": "Trả lời"}).status_code in allowed, url
            assert client.get(url).status_code in allowed, url
    article.refresh_from_db()
    comment.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.title.startswith("Khánh thành")
    assert comment.status == Comment.Status.PENDING and comment.reply == ""


def test_an_article_of_one_commune_is_not_shown_as_another_communes(article, other_commune, home_commune):
    url = reverse("news_public:article", args=[article.pk, article.slug])
    assert Client().get(prefix(other_commune) + url.lstrip("/")).status_code == 404
    comment = reverse("news_public:comment", args=[article.pk])
    sent = Client().post(
        prefix(other_commune) + comment.lstrip("/"), {"name": "A", "text": "Ý kiến", "website": ""}
    )
    assert sent.status_code == 404 and not Comment.objects.filter(article=article).exists()
    assert Client().get(prefix(home_commune) + url.lstrip("/")).status_code == 200
    assert Client().get(url).status_code == 200  # the site's own address shows every commune's articles


def test_hostile_page_numbers_answer_a_page(article):
    for value in ("0", "-1", "9999999999999999999999", "abc", "1\x00", "1e9"):
        for url in (
            "/tin-tuc/",
            "/tin-tuc/tim/?q=nha",
            reverse("news_public:article", args=[article.pk, article.slug]),
        ):
            sep = "&" if "?" in url else "?"
            assert Client().get(f"{url}{sep}trang={value}").status_code in (200, 404), (url, value)


def test_the_email_of_a_reader_is_never_public(article, moderator):
    from gandan.news.services.comments import comment_approve

    comment = comment_submit(
        article=article, name="An", email=EMAIL, text="Đèn đường hỏng.", address="192.0.2.9"
    )
    comment_approve(comment=comment, by=moderator)
    page = reverse("news_public:article", args=[article.pk, article.slug])
    for url in (page, page, "/tin-tuc/", "/tin-tuc/rss/", "/tin-tuc/atom/", "/tin-tuc/tim/?q=den", "/"):
        body = Client().get(url).content.decode()
        assert EMAIL not in body, url
    assert "Đèn đường hỏng." in Client().get(page).content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.WITHDRAWN},
        {"publish_at": timezone.now() + dt.timedelta(days=1)},
    ],
)
def test_an_unpublished_article_is_never_public(home_commune, moderator, changes):
    hidden = article_in(home_commune, moderator, title="Bí mật chưa đăng", slug="bi-mat", **changes)
    url = reverse("news_public:article", args=[hidden.pk, hidden.slug])
    for address in (url, prefix(home_commune) + url.lstrip("/")):
        assert Client().get(address).status_code == 404
    assert (
        Client()
        .post(reverse("news_public:comment", args=[hidden.pk]), {"name": "A", "text": "B"})
        .status_code
        == 404
    )
    for address in (
        "/tin-tuc/",
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/tin-tuc/tim/?q=bi+mat",
        "/",
        prefix(home_commune),
    ):
        assert "Bí mật chưa đăng" not in Client().get(address).content.decode(), address


SCRIPT = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


class _Live(HTMLParser):
    """Finds what a browser would run: an on* attribute, a javascript: address, a script saying alert."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(data)


def _live_markup(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    return parser.found


def test_hostile_markup_is_never_live_on_any_public_page(home_commune, writer, publisher, moderator):
    from gandan.news.services.articles import article_create, article_publish, article_submit
    from gandan.news.services.categories import category_create
    from gandan.news.services.comments import comment_approve

    chosen = category_create(unit=home_commune, name="Chuyên mục " + SCRIPT[:40], by=writer)
    made = article_create(
        unit=home_commune,
        title="Tin thử " + SCRIPT[:60],
        summary="Tóm tắt " + SCRIPT,
        body="<p>Nội dung</p>" + SCRIPT,
        category=chosen,
        tags=["the-thu", "<b>x</b>"],
        author_name="Tác giả " + SCRIPT[:50],
        by=writer,
    )
    article_submit(article=made, by=writer)
    made = article_publish(article=made, by=publisher)
    comment = comment_submit(
        article=made, name="Tên " + SCRIPT[:30], email=EMAIL, text=SCRIPT, address="192.0.2.7"
    )
    comment_approve(comment=comment, by=moderator)
    page = reverse("news_public:article", args=[made.pk, made.slug])
    urls = [
        page,
        "/tin-tuc/",
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/tin-tuc/tim/?q=tin+thu",
        "/",
        prefix(home_commune),
    ]
    urls.append(reverse("news_public:category", args=[chosen.pk, chosen.slug]))
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert _live_markup(html) == [], url
    assert "Tin thử" in Client().get(page).content.decode()


def test_hostile_opinions_are_refused_with_a_message_and_nothing_saved(client, article):
    url = reverse("news_public:comment", args=[article.pk])
    before = Comment.objects.filter(article=article).count()
    for values in (
        {"name": "An\x00", "text": "Ý kiến"},
        {"name": "An", "text": "Ý kiến\x00"},
        {"name": "An", "text": "x" * 100_000},
        {"name": "A" * 5000, "text": "Ý kiến"},
        {"name": "An", "text": "Ý kiến", "email": "<script>@x"},
    ):
        response = client.post(url, {"website": "", **values})
        assert response.status_code == 422, values
    assert Comment.objects.filter(article=article).count() == before
    # the honeypot: the robot is told "sent", nothing is stored
    client.post(url, {"name": "Robot", "text": "Mua hàng giá rẻ", "website": "http://spam.invalid"})
    assert (
        not Comment.objects.filter(article=article, name="Robot").exclude(status=Comment.Status.SPAM).exists()
    )
    assert not Comment.objects.filter(article=article, status=Comment.Status.APPROVED, name="Robot").exists()


def test_a_huge_or_negative_id_on_every_public_news_address_is_a_404():
    for url in (
        "/tin-tuc/99999999999999999999999-x/",
        "/tin-tuc/9223372036854775808-x/",
        "/tin-tuc/0-x/",
        "/tin-tuc/chuyen-muc/99999999999999999999-x/",
        "/tin-tuc/anh/99999999999999999999/",
        "/tin-tuc/anh/0/",
        "/tin-tuc/99999999999999999999999/y-kien/",
        "/tin-tuc/99999999999999999999999/y-kien/da-gui/",
        "/xa/song-lo/tin-tuc/9223372036854775808-x/",
    ):
        assert Client().get(url).status_code == 404, url
    big = Client().post("/tin-tuc/99999999999999999999999/y-kien/", {"name": "A", "text": "Ý kiến"})
    assert big.status_code == 404


def test_a_summary_with_markup_is_text_in_the_feeds_not_html(home_commune, moderator):
    from xml.etree import ElementTree

    article_in(
        home_commune,
        moderator,
        summary='Tóm tắt <script>alert(1)</script><img src=x onerror="alert(2)"> & co',
    )
    for url, tag in (
        ("/tin-tuc/rss/", "description"),
        ("/tin-tuc/atom/", "{http://www.w3.org/2005/Atom}summary"),
    ):
        root = ElementTree.fromstring(Client().get(url).content)  # noqa: S314 (our own feed)
        html = next(e.text for e in root.iter(tag) if e.text and e.text.startswith("Tóm tắt"))
        assert "<script" not in html and "<img" not in html, url  # what the reader renders as HTML
        assert html.startswith("Tóm tắt &lt;script&gt;alert(1)&lt;/script&gt;"), (
            url
        )  # shown as the text typed


def _bomb() -> bytes:
    """A PNG of 144 megapixels that weighs a few kilobytes."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    "content,name",
    [
        (b"<html><script>alert(1)</script></html>", "anh.jpg"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "anh.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "anh.svg"),
        (b"GIF89a" + b"\x00" * 40, "anh.gif"),
        ("bomb", "bom.png"),
    ],
)
def test_a_file_that_is_not_a_safe_photo_is_refused_on_the_page(home_commune, writer, media, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gandan.news.models import Photo

    draft = article_in(home_commune, writer, status=Article.Status.DRAFT)
    data = _bomb() if content == "bomb" else content
    response = client_for(writer).post(
        reverse("news:photo_new", args=[draft.pk]),
        {"upload": SimpleUploadedFile(name, data), "caption": "Ảnh"},
    )
    assert response.status_code in (400, 413, 422), name
    assert not Photo.objects.filter(article=draft).exists()
    assert not any(media.rglob("*.*")) or not [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "when", ["01/01/2020 08:00", "00/00/0000 00:00", "31/12/9999 23:59", "-1", "abc", "1\x00"]
)
def test_a_publication_time_in_the_past_or_absurd_is_refused_with_a_message(
    home_commune, writer, publisher, when
):
    waiting = article_in(home_commune, writer, status=Article.Status.REVIEW, publish_at=None)
    response = client_for(publisher).post(
        reverse("news:article_publish", args=[waiting.pk]), {"when": "later", "publish_at": when}
    )
    waiting.refresh_from_db()
    if when.startswith("31/12/9999"):  # far, but a time: scheduled, not public
        assert waiting.status in (Article.Status.REVIEW, Article.Status.PUBLISHED)
        url = reverse("news_public:article", args=[waiting.pk, waiting.slug])
        assert Client().get(url).status_code == 404
        return
    assert response.status_code in (200, 400, 422), when
    assert waiting.status == Article.Status.REVIEW


def test_a_case_handler_may_not_open_the_news_desk(case_handler, article):
    client = client_for(case_handler)
    for url in (
        reverse("news:articles"),
        reverse("news:article_new"),
        reverse("news:moderation"),
        reverse("news:words"),
    ):
        assert client.get(url).status_code == 403, url


def test_a_category_of_one_commune_is_a_404_under_another_communes_address(
    home_commune, other_commune, writer
):
    from gandan.news.services.categories import category_create

    chosen = category_create(unit=home_commune, name="Nông thôn mới", by=writer)
    url = reverse("news_public:category", args=[chosen.pk, chosen.slug]).lstrip("/")
    assert Client().get(prefix(other_commune) + url).status_code == 404
    assert Client().get(prefix(home_commune) + url).status_code == 200

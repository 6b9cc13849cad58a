"""The article page at scale: a bounded number of queries whatever the number of opinions, one page of 20 opinions
at a time, and a shared copy (gandan.kit.pagecache) and cached fragments that a newly approved opinion (which moves
the article's `updated_at`) renews.

`news/_comments.html` shows the list part (cached with the article) and the form part (never cached: its CSRF token is
the reader's own)."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gandan.news.models import Comment
from gandan.news.tests import public_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(home_commune, commune_leader):
    made = make.article(home_commune, commune_leader, tags=("nong thon moi", "giao thong"))
    make.photo(made, caption="Ảnh bìa")
    make.photo(made, caption="Ảnh thứ hai", position=1)
    for n in range(3):
        make.article(home_commune, commune_leader, title=f"Tin mới khác {n}")
    return made


def url(article) -> str:
    return reverse("news_public:article", args=[article.pk, article.slug])


def queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as done:
        assert client.get(address).status_code == 200
    return len(done)


def test_more_opinions_cost_no_more_queries(client, article):
    make.approved(article, text="Ý kiến đầu tiên")
    few = queries(client, url(article))
    for n in range(45):
        make.approved(article, text=f"Ý kiến số {n}")
    cache.clear()
    many = queries(client, url(article))
    assert many == few <= 7
    assert queries(client, url(article)) == 1  # the shared copy: one probe of the article's stamp


def test_opinions_come_twenty_a_page_with_links_between_pages(client, article):
    for n in range(25):
        make.approved(article, text=f"Ý kiến số {n:02d}")
    first = client.get(url(article)).content.decode()
    assert "Ý kiến số 19" in first and "Ý kiến số 20" not in first
    assert "?trang=2#y-kien" in first
    second = client.get(url(article), {"trang": "2"}).content.decode()
    assert "Ý kiến số 20" in second and "Ý kiến số 24" in second and "Ý kiến số 19" not in second
    assert client.get(url(article), {"trang": "999999"}).content.decode().count("Ý kiến số 24") == 1


def test_a_newly_approved_opinion_appears_at_once(client, article):
    make.approved(article, text="Ý kiến cũ")
    assert "Ý kiến cũ" in client.get(url(article)).content.decode()
    Comment.objects.create(
        article=article,
        unit_path=article.unit_path,
        name="B",
        text="Ý kiến chờ duyệt",
        created_at=article.created_at,
    )
    make.approved(article, text="Ý kiến vừa được duyệt")
    page = client.get(url(article)).content.decode()
    assert "Ý kiến vừa được duyệt" in page and "Ý kiến chờ duyệt" not in page


def test_each_reader_gets_his_own_form_token_from_a_cached_page(article):
    first, second = Client(), Client()
    one = first.get(url(article))
    two = second.get(url(article))
    token_of = lambda response: response.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]  # noqa: E731
    assert token_of(one) != token_of(two)
    assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value


def test_the_cached_article_follows_the_readers_language(client, article):
    assert "Thẻ:" in client.get(url(article)).content.decode()
    client.cookies["django_language"] = "en"
    assert "Tags:" in client.get(url(article)).content.decode()


def form_tokens(response) -> tuple[str, str]:
    page = response.content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    once = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert csrf and once, "the opinion form carries both tokens"
    return csrf.group(1), once.group(1)


def test_a_reader_served_the_shared_copy_can_send_an_opinion_with_its_form(article):
    Client().get(url(article))  # someone else's visit makes the shared copy
    reader = Client(enforce_csrf_checks=True)
    csrf, once = form_tokens(reader.get(url(article)))
    assert "PageCache" not in csrf + once  # the marks never reach a reader
    sent = reader.post(
        reverse("news_public:comment", args=[article.pk]),
        {
            "name": "Trần Thị Bình",
            "email": "",
            "text": "Đường làng sạch đẹp hơn nhiều.",
            "csrfmiddlewaretoken": csrf,
            "submission_token": once,
        },
    )
    assert sent.status_code == 302
    assert Comment.objects.filter(article=article, text="Đường làng sạch đẹp hơn nhiều.").count() == 1


def test_two_readers_of_the_shared_copy_get_different_one_time_tokens(article):
    _, first = form_tokens(Client().get(url(article)))
    _, second = form_tokens(Client().get(url(article)))
    assert first != second


def test_a_reader_with_a_message_waiting_sees_it_on_the_article(client, article):
    client.get(url(article))  # the shared copy exists, without any message
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(messages.SUCCESS, "Cảm ơn bạn đã gửi ý kiến.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Cảm ơn bạn đã gửi ý kiến." in client.get(url(article)).content.decode()
    assert "Cảm ơn bạn đã gửi ý kiến." not in Client().get(url(article)).content.decode()


def test_the_shared_copy_follows_the_query_and_stays_out_of_other_pages(client, article):
    for n in range(25):
        make.approved(article, text=f"Ý kiến số {n:02d}")
    client.get(url(article))
    assert "Ý kiến số 24" in client.get(url(article), {"trang": "2"}).content.decode()
    odd = client.get(url(article), {"utm_source": "zalo"}).content.decode()
    assert "Ý kiến số 00" in odd and 'value="/tin-tuc/' in odd

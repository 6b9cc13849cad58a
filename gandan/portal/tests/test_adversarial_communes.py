"""Adversarial checks of the commune addresses: odd slugs, site-wide pages under a commune, hostile Host headers
with GANDAN_PORTAL_HOSTS set, the opinion form's CSRF and the language switch under a commune's address."""

import pytest
from django.test import Client
from django.urls import reverse

from gandan.news.models import Comment
from gandan.news.tests.conftest import article_in
from gandan.portal.rules import commune_slug

pytestmark = pytest.mark.django_db


def prefix(unit) -> str:
    return f"/xa/{commune_slug(unit.name_search)}/"


@pytest.mark.parametrize(
    "url",
    [
        "/xa/../",
        "/xa/%00/",
        "/xa/a%00b/",
        "/xa/" + "a" * 5000 + "/",
        "/xa/-/",
        "/xa/SONG-LO/",
        "/xa/song_lo/",
    ],
)
def test_odd_commune_addresses_are_a_404_or_a_redirect_never_an_error(home_commune, url):
    assert Client().get(url).status_code in (301, 302, 404)


def test_site_wide_pages_under_a_commune_go_to_their_own_address(home_commune):
    base = prefix(home_commune)
    for rest, where in (("staff/news/", "/staff/news/"), ("api/v1/", "/api/v1/"), ("admin/", "/admin/")):
        response = Client().get(base + rest)
        assert (response.status_code, response["Location"]) == (302, where)
    post = Client().post(base + "staff/news/1/publish/")
    assert (
        post.status_code == 302 and post["Location"] == "/staff/news/1/publish/"
    )  # nothing done under the prefix


def test_a_hostile_host_header_is_refused_with_hosts_configured(settings, home_commune, other_commune):
    settings.GANDAN_PORTAL_HOSTS = f"songlo.example.vn={home_commune.code}"
    settings.ALLOWED_HOSTS = ["songlo.example.vn", "testserver"]
    ours = Client(HTTP_HOST="songlo.example.vn").get("/")
    assert ours.status_code == 200 and home_commune.name in ours.content.decode()
    for host in (
        "evil.invalid",
        "songlo.example.vn@evil.invalid",
        "songlo.example.vn.evil.invalid",
        "x\r\ny",
    ):
        assert Client(HTTP_HOST=host).get("/").status_code == 400, host
    # an unknown (but allowed) host is the site's own address
    assert Client().get("/").status_code == 200


def test_the_opinion_form_under_a_commune_needs_its_csrf_token(home_commune, commune_leader):
    article = article_in(home_commune, commune_leader)
    url = prefix(home_commune) + reverse("news_public:comment", args=[article.pk]).lstrip("/")
    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(url, {"name": "An", "text": "Ý kiến hợp lệ.", "website": ""})
    assert refused.status_code == 403 and not Comment.objects.filter(article=article).exists()
    page = strict.get(
        prefix(home_commune) + reverse("news_public:article", args=[article.pk, article.slug]).lstrip("/")
    )
    assert f'action="{url}"' in page.content.decode()
    token = strict.cookies["csrftoken"].value
    sent = strict.post(
        url, {"name": "An", "text": "Ý kiến hợp lệ.", "website": "", "csrfmiddlewaretoken": token}
    )
    assert sent.status_code == 302 and sent["Location"].startswith(prefix(home_commune))
    assert Comment.objects.filter(article=article).count() == 1


def test_the_language_switch_under_a_commune_keeps_the_reader_on_the_page(home_commune):
    page = prefix(home_commune) + "tin-tuc/?trang=2"
    client = Client()
    html = client.get(page).content.decode()
    assert f'action="{prefix(home_commune)}i18n/setlang/"' in html and f'value="{page}"' in html
    response = client.post(prefix(home_commune) + "i18n/setlang/", {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert 'lang="en"' in client.get(page).content.decode()
    outside = Client().post("/i18n/setlang/", {"language": "en", "next": "https://evil.invalid/"})
    assert not outside["Location"].startswith("https://evil")

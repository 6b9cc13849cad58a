"""The citizen home offers only what exists: every link on it opens a working page."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.hrefs.append(href)


def _links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return sorted(set(parser.hrefs))


def test_every_link_on_the_citizen_home_opens_a_page():
    client = Client()
    home = client.get("/")
    assert home.status_code == 200
    links = _links_of(home.content.decode())

    broken = {}
    for href in links:
        response = client.get(href, follow=True)  # "Staff login" goes through the login page: fine
        if response.status_code != 200:
            broken[href] = response.status_code
    assert len(links) >= 5, links  # the tiles are there: dossiers, petitions, the calendar, staff login
    assert not broken, broken


def test_the_citizen_home_promises_no_service_it_does_not_link_to():
    html = Client().get("/").content.decode()

    # The home invites citizens to comment on drafts only with the link to the consultations that are open.
    assert "/lay-y-kien/" in html
    text = re.sub(
        r"<[^>]+>", " ", html
    )  # what a citizen reads (block ids such as "block-consultations" aside)
    assert "consultation" not in text.lower()  # Vietnamese only


def test_the_link_check_would_catch_a_tile_to_a_missing_page(monkeypatch):
    """Control: a tile pointing nowhere makes the walk above fail."""
    from gandan.portal import public

    real = public.public_tiles
    monkeypatch.setattr(
        public,
        "public_tiles",
        lambda: [*real(), {"title": "Góp ý dự thảo", "text": "", "url": "/gop-y/khong-co/"}],
    )
    client = Client()
    links = _links_of(client.get("/").content.decode())

    assert "/gop-y/khong-co/" in links
    assert client.get("/gop-y/khong-co/", follow=True).status_code == 404

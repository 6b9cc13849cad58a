"""The news block of a commune's citizen home: its five latest articles with their small photo and date."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from gandan.news.models import Article
from gandan.news.module import public_blocks
from gandan.news.tests import public_factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _vietnamese():
    with override("vi"):  # the citizen's language, whatever an earlier test's request left active
        yield


def test_the_block_shows_the_communes_five_latest_articles(home_commune, other_commune, commune_leader):
    made = [make.article(home_commune, commune_leader, title=f"Tin số {i}") for i in range(7)]
    make.photo(made[0])
    make.article(other_commune, commune_leader, title="Tin xã khác")
    make.article(home_commune, commune_leader, title="Bản nháp", status=Article.Status.DRAFT)
    (block,) = public_blocks(home_commune)
    assert block.key == "news" and block.order == 10
    assert [i.title for i in block.items] == [f"Tin số {i}" for i in range(5)]
    first = block.items[0]
    assert first.url == reverse("news_public:article", args=[made[0].pk, made[0].slug])
    assert first.when == made[0].publish_at
    assert first.image_url == reverse("news_public:thumbnail", args=[made[0].photos.get().pk])
    assert block.items[1].image_url == ""
    assert [str(link.label) for link in block.links] == ["Xem tất cả tin"]
    assert block.links[0].url == reverse("news_public:latest")


def test_a_commune_without_news_says_so(other_commune, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        (block,) = public_blocks(other_commune)
    assert block.items == [] and str(block.empty) == "Chưa có tin nào được đăng."

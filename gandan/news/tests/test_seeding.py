"""The demo's news: articles written, reviewed and published through the services, with drawn photos."""

import io

import pytest
from PIL import Image

from gandan.news.models import Article, Category, Photo
from gandan.news.seeding_news import scene_jpeg, seed_articles

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_articles_with_photos_and_leaves_the_newest_for_review(
    home_commune, writer, publisher, media
):
    made = seed_articles(home_commune, author=writer, publisher=publisher, count=4)
    assert len(made) == 4
    statuses = [a.status for a in Article.objects.filter(unit=home_commune).order_by("created_at")]
    assert statuses == ["published", "published", "published", "review"]
    assert Category.objects.filter(unit=home_commune).count() == 3
    photos = Photo.objects.filter(article__unit=home_commune)
    assert photos.count() == 6 and all(p.caption and p.credit for p in photos)
    assert all(max(p.width, p.height) <= 1600 for p in photos)
    # a second run adds nothing
    assert seed_articles(home_commune, author=writer, publisher=publisher, count=4) == []
    assert Article.objects.filter(unit=home_commune).count() == 4


def test_each_article_gets_its_own_scene():
    first, second = scene_jpeg(1), scene_jpeg(2)
    assert first != second
    assert Image.open(io.BytesIO(first)).size == (1200, 800)

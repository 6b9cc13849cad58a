"""The cast of the news tests: a writer (the desk officer of xã Sông Lô), a publisher (its chairman), the
mass-mobilisation officer (another writer, and the moderator of readers' opinions), the writer and the moderator of
another commune, a published article of Sông Lô; stored files go to a temporary folder."""

import pytest
from django.utils import timezone

from gandan.dialogues.tests.factories import user
from gandan.news.models import Article


@pytest.fixture
def writer(db):
    return user("motcua.songlo")


@pytest.fixture
def publisher(db):
    return user("chutich.songlo")


@pytest.fixture
def foreign_writer(db):
    return user("motcua.tamson")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def article_in(commune, author, **changes) -> Article:
    values = dict(
        unit=commune,
        unit_path=commune.path,
        title="Khánh thành nhà văn hóa thôn Đồng Thịnh",
        slug="khanh-thanh-nha-van-hoa-thon-dong-thinh",
        summary="Nhà văn hóa mới do Nhân dân cùng đóng góp.",
        body="<p>Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa.</p>",
        body_text="Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa.",
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now(),
        author=author,
    )
    values.update(changes)
    return Article.objects.create(**values)


@pytest.fixture
def moderator(db):
    return user("danvan.songlo")


@pytest.fixture
def foreign_moderator(db):
    return user("danvan.tamson")


@pytest.fixture
def article(home_commune, moderator):
    return article_in(home_commune, moderator)


@pytest.fixture(autouse=True)
def fresh_news(request):
    """The demo publishes a dozen articles per commune with readers' opinions; these tests count what they make
    themselves, so each database test starts from communes without any news (its transaction gives them back)."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        yield
        return
    if "transactional_db" in request.fixturenames or "live_site" in request.fixturenames:
        yield
        return
    request.getfixturevalue("db")
    from gandan.news.models import Category, Comment, ForbiddenWord, Photo, Tag

    Comment.objects.all().delete()
    Photo.objects.all().delete()
    Article.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()
    ForbiddenWord.objects.all().delete()
    yield

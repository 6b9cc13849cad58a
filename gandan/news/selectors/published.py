"""What a citizen may read of the news: published articles whose time has come, their photos, tags and approved
readers' opinions. No login, no scope: the only rule is `status = published AND publish_at <= now`, checked here
once for every public page, feed, photo and the citizen home's block."""

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from gandan.kit.params import ID_MAX
from gandan.news.models import Article, Category, Comment, Photo, Tag
from gandan.news.selectors.comments import PUBLIC_FIELDS, PublicComment
from gandan.search.services import filter_queryset
from gandan.sql import db_datetime, table
from gandan.units.models import Unit

SEARCH_KIND = "news_article"  # declared by gandan/news/search.py
COMMENTS_PER_PAGE = 20
QUERY_MAX = 200  # characters of a search; more is no search anyone types

# Only what a list shows; the body (the longest column) is never read for a list.
LIST_FIELDS = (
    "id",
    "unit_id",
    "title",
    "slug",
    "summary",
    "publish_at",
    "category_id",
    "unit_path",
    "status",
)


def _existing_id(pk: int) -> bool:
    return 0 < pk <= ID_MAX  # beyond this no row exists, and SQLite could overflow


def published(unit: Unit | None = None) -> QuerySet[Article]:
    """Every article a citizen may read now (of `unit` when given), newest first; through news_article_latest."""
    rows = Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())
    if unit is not None:
        rows = rows.filter(unit_path=unit.path)
    return rows.order_by("-publish_at", "-id")


def _with_covers(rows: QuerySet[Article]) -> QuerySet[Article]:
    """A list's rows with their photos (one query for the page) to show the cover's small copy."""
    photos = Photo.objects.only("id", "article_id", "width", "height", "position", "caption")
    return rows.only(*LIST_FIELDS).prefetch_related(Prefetch("photos", queryset=photos, to_attr="photo_list"))


def cover_of(article: Article) -> Photo | None:
    """The cover of an article read through a list (its `photo_list` prefetched)."""
    photos = getattr(article, "photo_list", None) or []
    return photos[0] if photos else None


def latest(unit: Unit | None, *, limit: int = 5, exclude: int | None = None) -> list[Article]:
    """The `limit` newest articles of `unit` (of every commune when None), with their cover photos."""
    rows = published(unit)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return list(_with_covers(rows)[:limit])


def list_rows(unit: Unit | None) -> QuerySet[Article]:
    """The articles of the "latest news" page, ready to paginate."""
    return _with_covers(published(unit))


def category_get(pk: int, unit: Unit | None = None) -> Category:
    """A category (of `unit` when given: another commune's is a 404 under that commune's address)."""
    if not _existing_id(pk):
        raise Http404
    rows = Category.objects.select_related("unit")
    if unit is not None:
        rows = rows.filter(unit_path=unit.path)
    try:
        return rows.get(pk=pk)
    except Category.DoesNotExist:
        raise Http404 from None


def category_rows(category: Category) -> QuerySet[Article]:
    rows = published().filter(category=category, unit_path=category.unit_path)
    return _with_covers(rows)


def tag_get(slug: str) -> Tag:
    try:
        return Tag.objects.get(slug=slug)
    except Tag.DoesNotExist:
        raise Http404 from None


def tag_rows(tag: Tag, unit: Unit | None) -> QuerySet[Article]:
    return _with_covers(published(unit).filter(tags=tag))


def search_rows(unit: Unit | None, query: str) -> QuerySet[Article]:
    """The commune's published articles matching `query`, without regard to diacritics (gandan.search)."""
    return _with_covers(filter_queryset(published(unit), SEARCH_KIND, query[:QUERY_MAX]))


def article_get(pk: int, unit: Unit | None = None) -> Article:
    """A published article with its category and commune; 404 for a draft, one waiting for review, a withdrawn one
    and one scheduled for later, exactly as for one that does not exist, and for another commune's article when
    `unit` is given (the commune of the page's address)."""
    if not _existing_id(pk):
        raise Http404
    try:
        return published(unit).select_related("category", "unit").defer("body_text").get(pk=pk)
    except Article.DoesNotExist:
        raise Http404 from None


class ArticleStamp(NamedTuple):
    """What an article page's shared copy is keyed by (gandan.kit.pagecache): a copy made before the article or its
    opinions last changed is never served."""

    pk: int
    slug: str
    updated_at: object  # as the database returns it (text on SQLite): only ever compared and put in a key
    comment_count: int


def article_stamp(pk: int, unit: Unit | None = None) -> ArticleStamp:
    """The stamp of a published article, with the same 404s as `article_get`: one primary-key probe written by hand
    (gandan.sql: this is the hottest public read, and a queryset's compilation cost more than the probe)."""
    if not _existing_id(pk):
        raise Http404
    sql = (
        f"SELECT id, slug, updated_at, comment_count FROM {table(Article)}"  # noqa: S608 - from the model
        " WHERE id = %s AND status = %s AND publish_at <= %s"
    )
    params: list[Any] = [pk, Article.Status.PUBLISHED.value, db_datetime(timezone.now())]
    if unit is not None:
        sql += " AND unit_path = %s"
        params.append(unit.path)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return ArticleStamp(*row)


class ArticleMedia:
    """An article's photos and tags, read only when a template asks (a cached page asks nothing)."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @cached_property
    def photos(self) -> list[Photo]:
        return list(self.article.photos.all())

    @property
    def cover(self) -> Photo | None:
        return self.photos[0] if self.photos else None

    @property
    def others(self) -> list[Photo]:
        return self.photos[1:]

    @cached_property
    def tags(self) -> list[Tag]:
        return list(self.article.tags.all())


@dataclass(frozen=True)
class CommentPage:
    """One page of an article's approved opinions. The total is the article's `comment_count` (kept by the
    comment services), so a page costs one indexed query whatever the number of opinions."""

    article: Article
    number: int
    count: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / COMMENTS_PER_PAGE))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @cached_property
    def comments(self) -> list[PublicComment]:
        """This page's approved opinions as plain records without the e-mail, so no template can show it."""
        start = (self.number - 1) * COMMENTS_PER_PAGE
        rows = Comment.objects.filter(article=self.article, status=Comment.Status.APPROVED)
        page = rows.order_by("created_at", "id").values_list(*PUBLIC_FIELDS)[
            start : start + COMMENTS_PER_PAGE
        ]
        return [PublicComment(*row) for row in page]


def page_of(rows: QuerySet[Article], number: str | None, *, per_page: int) -> Page:
    """The page `number` (?trang=) of a list: anything not a page number is the first page, past the end the last."""
    text = (number or "").strip()
    wanted = int(text) if text.isdigit() and len(text) < 10 else 1
    return Paginator(rows, per_page).get_page(wanted)


def comment_page(article: Article, number: str | None) -> CommentPage:
    """The page `number` (?trang=) of the approved opinions: anything not a page number is the first page, a
    number past the end the last one."""
    count = article.comment_count
    return CommentPage(article=article, number=comment_page_number(count, number), count=count)


def comment_page_number(count: int, number: str | None) -> int:
    pages = max(1, math.ceil(count / COMMENTS_PER_PAGE))
    text = (number or "").strip()
    wanted = int(text) if text.isdigit() and len(text) < 10 else 1
    return min(max(wanted, 1), pages)


def photo_get(pk: int) -> Photo:
    """A photo of a published article; 404 for any other (its article a draft, withdrawn or not yet due)."""
    if not _existing_id(pk):
        raise Http404
    try:
        return Photo.objects.get(
            pk=pk, article__status=Article.Status.PUBLISHED, article__publish_at__lte=timezone.now()
        )
    except Photo.DoesNotExist:
        raise Http404 from None


def photo_type(file) -> str:
    """The type of a stored photo, from its first bytes (stored names carry no extension): JPEG or PNG, which the
    browser shows inline; anything else is offered as bytes to download."""
    try:
        with file.storage.open(file.name, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return "application/octet-stream"  # missing: kit.downloads answers its clear 404 page
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return "application/octet-stream"

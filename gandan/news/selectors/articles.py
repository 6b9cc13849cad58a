"""Reads of the staff side of the news: the articles of the officer's units (filtered by state, category and words,
sorted), one article with its photos and its history, the commune's categories and the communes a writer may write
for. Everything outside the user's units answers 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Now
from django.http import Http404

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.news.models import Article, Category, Photo
from gandan.news.search import ARTICLE
from gandan.search.services import filter_queryset
from gandan.units.models import COMMUNE_KINDS, Unit

SORTS: dict[str, tuple[Any, ...]] = {
    "new": ("-updated_at", "-id"),
    "old": ("updated_at", "id"),
    "published": (F("publish_at").desc(nulls_last=True), "-id"),
    "title": ("title", "id"),
}


@dataclass(frozen=True)
class ArticleFilter:
    status: str = ""
    category: int | None = None
    query: str = ""
    commune_paths: list[str] | None = None
    sort: str = "new"


def articles_for_user(user) -> QuerySet[Article]:
    return scoped(Article.objects.all(), user, path_field="unit_path")


def _with_scheduled(rows: QuerySet[Article]) -> QuerySet[Article]:
    """`scheduled`: published, its time not come yet (the portal does not show it yet)."""
    return rows.annotate(
        scheduled=ExpressionWrapper(
            Q(status=Article.Status.PUBLISHED, publish_at__gt=Now()), output_field=BooleanField()
        )
    )


def article_list(user, filters: ArticleFilter) -> QuerySet[Article]:
    """The articles of the user's units, filtered and sorted, with what the list shows joined."""
    rows = articles_for_user(user)
    if filters.status in Article.Status.values:
        rows = rows.filter(status=filters.status)
    if filters.category is not None:
        rows = rows.filter(category_id=filters.category)
    if filters.commune_paths is not None:
        rows = rows.filter(unit_path__in=filters.commune_paths)
    rows = _with_scheduled(filter_queryset(rows, ARTICLE, filters.query))
    return rows.select_related("category", "unit", "author").order_by(*SORTS.get(filters.sort, SORTS["new"]))


def article_get_for_user(user, pk) -> Article:
    return get_scoped_or_404(
        _with_scheduled(Article.objects.select_related("unit", "category", "author", "reviewed_by")),
        user,
        path_field="unit_path",
        pk=pk,
    )


def photos_of(article: Article) -> QuerySet[Photo]:
    return Photo.objects.filter(article=article).order_by("position", "id")


def photo_get_for_user(user, pk, photo_pk) -> Photo:
    article = article_get_for_user(user, pk)
    try:
        return Photo.objects.select_related("article").get(article=article, pk=photo_pk)
    except (Photo.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def tags_text(article: Article) -> str:
    """The article's tags as the form shows them: "nông thôn mới, giao thông"."""
    return ", ".join(tag.name for tag in article.tags.order_by("name"))


def article_timeline(article: Article) -> QuerySet:
    """What happened to the article, from the audit trail (the article is already in the user's scope)."""
    from gandan.audit.models import Event

    return Event.objects.filter(object_type="news.article", object_id=str(article.pk)).order_by("at", "id")


def writing_communes_for_user(user) -> QuerySet[Unit]:
    """The communes and wards in force in the user's units: where the user may write news."""
    rows = Unit.objects.filter(kind__in=COMMUNE_KINDS, valid_to__isnull=True)
    return scoped(rows, user, path_field="path").order_by("name_search", "id")


def categories_for_user(user) -> QuerySet[Category]:
    return scoped(Category.objects.select_related("unit"), user, path_field="unit_path").order_by(
        "unit__name_search", "position", "name", "id"
    )


def categories_of(unit: Unit) -> QuerySet[Category]:
    return Category.objects.filter(unit=unit).order_by("position", "name", "id")


def category_get_for_user(user, pk) -> Category:
    return get_scoped_or_404(Category.objects.select_related("unit"), user, path_field="unit_path", pk=pk)


def article_titles(user, ids: list[int]) -> dict[int, str]:
    """Titles of the articles among `ids` the user may open (the audit page's names)."""
    return dict(articles_for_user(user).filter(pk__in=ids).values_list("pk", "title"))


def category_names(user, ids: list[int]) -> dict[int, str]:
    return dict(
        scoped(Category.objects.filter(pk__in=ids), user, path_field="unit_path").values_list("pk", "name")
    )

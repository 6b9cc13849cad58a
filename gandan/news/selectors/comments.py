"""Reads of readers' opinions: what the portal shows under an article (approved ones, oldest first, never the
e-mail), the moderators' queue inside their units (404 outside), the staff home's count, the opinion board's way
back to a comment, and the province's forbidden words."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.news.models import Article, Comment, ForbiddenWord
from gandan.search.services import filter_queryset
from gandan.units.models import Unit

MODERATE = "news.moderate"
SEARCH_KIND = "news_comment"

Status = Comment.Status

# What the portal reads of a comment: never the e-mail, the reason or who moderated it.
PUBLIC_FIELDS = ("pk", "name", "text", "reply", "replied_at", "created_at")


@dataclass(frozen=True)
class PublicComment:
    pk: int
    name: str
    text: str
    reply: str
    replied_at: object
    created_at: object


def public_article_get(pk: int, unit: Unit | None = None) -> Article:
    """An article the portal shows (published, its time come; of `unit` when given), or 404."""
    if pk <= 0 or pk > 2**63 - 1:
        raise Http404
    found = (
        Article.objects.select_related("unit")
        .filter(pk=pk, status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())
        .filter(**({"unit_path": unit.path} if unit is not None else {}))
        .first()
    )
    if found is None:
        raise Http404
    return found


def public_comments(article: Article) -> list[PublicComment]:
    """The approved opinions of an article, oldest first, each with its official reply. Plain records without the
    e-mail, so no template can show it by mistake."""
    rows = (
        Comment.objects.filter(article_id=article.pk, status=Status.APPROVED)
        .order_by("created_at", "id")
        .values_list(*PUBLIC_FIELDS)
    )
    return [PublicComment(*row) for row in rows]


def pending_on_article(article: Article) -> int:
    return Comment.objects.filter(article_id=article.pk, status=Status.PENDING).count()


def forbidden_keys() -> list[str]:
    return list(ForbiddenWord.objects.values_list("phrase_folded", flat=True))


# --- the moderators' side -----------------------------------------------------------------------------------------


def comments_for_user(user) -> QuerySet[Comment]:
    return scoped(Comment.objects.all(), user, path_field="unit_path").select_related("article")


def comment_get_for_user(user, pk: int) -> Comment:
    return get_scoped_or_404(
        Comment.objects.select_related("article", "article__unit", "moderated_by", "replied_by"),
        user,
        path_field="unit_path",
        pk=pk,
    )


@dataclass(frozen=True)
class CommentFilter:
    status: str = ""  # a status, or "" for every one (waiting ones first)
    article: int | None = None
    q: str = ""  # words of the name or the text, folded

    @property
    def used(self) -> bool:
        return bool(self.status or self.article or self.q.strip())


def comment_list(user, filters: CommentFilter | None = None) -> QuerySet[Comment]:
    """The queue: waiting opinions first (oldest first: they have waited longest), then the others, newest first."""
    filters = filters or CommentFilter()
    rows = comments_for_user(user)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.article:
        rows = rows.filter(article_id=filters.article)
    if filters.q.strip():
        rows = filter_queryset(rows, SEARCH_KIND, filters.q)
    if filters.status == Status.PENDING:
        return rows.order_by("created_at", "id")
    waiting = Case(When(status=Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.annotate(waiting=waiting).order_by("waiting", "-created_at", "-id")


def pending_count(user) -> int:
    return comments_for_user(user).filter(status=Status.PENDING).count()


def pending_oldest(user, n: int) -> list[Comment]:
    return list(comments_for_user(user).filter(status=Status.PENDING).order_by("created_at", "id")[:n])


def selected_comments(user, ids: list[int]) -> list[Comment]:
    """The comments among `ids` inside the user's units (others are silently left out)."""
    return list(comments_for_user(user).filter(pk__in=ids[:200]).order_by("created_at", "id"))


def comment_links(user, ids: list[str]) -> dict[str, str]:
    """For the comments among `ids` (as the opinion signals keep them) that `user` may moderate, their page."""
    if not user.can(MODERATE):
        return {}
    wanted = [int(i) for i in ids if str(i).isdigit() and len(str(i)) <= 10]
    if not wanted:
        return {}
    found = comments_for_user(user).filter(pk__in=wanted).values_list("pk", flat=True)
    return {str(pk): reverse("news:comment", args=[pk]) for pk in found}


def forbidden_words() -> QuerySet[ForbiddenWord]:
    return ForbiddenWord.objects.select_related("created_by").order_by("phrase_folded")


def forbidden_word_get(pk: int) -> ForbiddenWord:
    found = ForbiddenWord.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if found is None:
        raise Http404
    return found

"""The news module's declaration: the commune's articles and the readers' opinions under them (docs/portal.md)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.modules import Module
from gandan.news.home import home_sections  # noqa: F401  (the staff home's sections)

MODULE = Module(
    key="news",
    name=gettext_lazy("News"),
    menu_url="news:articles",
    permission="news.write",
    has_api=False,
    has_public=True,
)


def audit_actions() -> dict:
    return {
        "news.article_create": _("Wrote a news article"),
        "news.article_update": _("Corrected a news article"),
        "news.article_submit": _("Sent a news article for review"),
        "news.article_publish": _("Published a news article"),
        "news.article_send_back": _("Sent a news article back to its writer"),
        "news.article_withdraw": _("Withdrew a news article"),
        "news.article_redraft": _("Took a withdrawn news article up again"),
        "news.photo_add": _("Added a photo to a news article"),
        "news.photo_update": _("Corrected a news photo's caption"),
        "news.photo_move": _("Moved a news photo"),
        "news.photo_delete": _("Removed a news photo"),
        "news.category_create": _("Added a news category"),
        "news.category_update": _("Changed a news category"),
        "news.comment_submit": _("A reader sent an opinion on an article"),
        "news.comment_approve": _("Approved a reader's opinion"),
        "news.comment_reject": _("Rejected a reader's opinion"),
        "news.comment_spam": _("Marked a reader's opinion as spam"),
        "news.comment_reply": _("Replied to a reader's opinion"),
        "news.word_add": _("Added a forbidden word"),
        "news.word_remove": _("Removed a forbidden word"),
    }


def audit_statuses() -> dict:
    from gandan.news.models import Article

    return {"news": dict(Article.Status.choices)}


_ARTICLE_TYPES = ("news.article", "news.category")


def audit_object_types() -> list[str]:
    return list(_ARTICLE_TYPES)


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The articles (by title) and categories among `ids` that `user` may open, with their staff page."""
    if object_type not in _ARTICLE_TYPES or not user.can("news.write"):
        return {}
    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    if not numbers:
        return {}
    from django.urls import reverse

    from gandan.news.selectors.articles import article_titles, category_names

    if object_type == "news.article":
        found = article_titles(user, numbers)
        return {str(pk): (title, reverse("news:article", args=[pk])) for pk, title in found.items()}
    names = category_names(user, numbers)
    return {str(pk): (name, reverse("news:categories")) for pk, name in names.items()}


def audit_details(action: str, details: dict) -> list[tuple] | None:
    from gandan.news.audit_words import details as worded

    return worded(action, details)


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a reader's opinion (gandan.opinion.sources) to its moderation page, for
    those who may moderate it."""
    if source_kind != "news_comment":
        return {}
    from gandan.news.selectors.comments import comment_links

    return comment_links(user, ids)


def public_blocks(unit) -> list:
    """The citizen home's news block: the commune's five latest articles, with their small photo and date."""
    from django.urls import reverse

    from gandan.news.selectors import published
    from gandan.portal.blocks import ITEMS_SHOWN, BlockItem, BlockLink, PublicBlock

    items = []
    for article in published.latest(unit, limit=ITEMS_SHOWN):
        cover = published.cover_of(article)
        items.append(
            BlockItem(
                title=article.title,
                url=reverse("news_public:article", args=[article.pk, article.slug]),
                when=article.publish_at,
                image_url=reverse("news_public:thumbnail", args=[cover.pk]) if cover else "",
            )
        )
    return [
        PublicBlock(
            key="news",
            title=_("News"),
            order=10,
            items=items,
            links=[BlockLink(label=_("See all news"), url=reverse("news_public:latest"))],
            empty=_("No news has been published yet."),
        )
    ]

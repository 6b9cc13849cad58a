"""`{% opinion_form form as form %}`: the form of news/_comments.html — the bound one a refused post brought back, or an
empty one. The approved opinions themselves come from the article page (one page of them, `comments`).
`{% article_url article %}`: the article's public address (empty while the portal's article page is not mounted)."""

from django import template
from django.urls import NoReverseMatch, reverse

from gandan.news.forms_comments import CommentForm

register = template.Library()


@register.simple_tag
def opinion_form(form=None):
    return form or CommentForm()


@register.simple_tag
def article_url(article) -> str:
    try:
        return reverse("news_public:article", kwargs={"pk": article.pk, "slug": article.slug})
    except NoReverseMatch:
        return ""


@register.filter
def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: "Xã Sông Lô" → "xã Sông Lô" (the kind's word is not a proper name)."""
    return name[:1].lower() + name[1:] if name else ""

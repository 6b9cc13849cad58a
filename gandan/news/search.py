"""What makes the commune's news searchable without diacritics (gandan.search): an article is indexed with its title,
summary, the plain text of its body and its tags, by the services that write it and by `search_reindex`. The staff
list searches every article of the officer's units; the portal filters the same kind and shows only what is
published (`filter_queryset(rows, ARTICLE, q)`). An article is public by nature: nothing in it is protected."""

from gandan.news.models import Article
from gandan.news.search_comments import COMMENT_KINDS
from gandan.search.registry import Document, Indexed
from gandan.search.services import index_document

ARTICLE = "news_article"


def article_document(article: Article) -> Document:
    tags = " ".join(tag.name for tag in article.tags.all())
    text = f"{article.title}\n{article.summary}\n{article.body_text}\n{tags}"
    return article.pk, article.unit_path, text


def article_index(article: Article) -> None:
    """Index (or re-index) one article; call it in the transaction that writes it."""
    object_id, unit_path, text = article_document(article)
    index_document(ARTICLE, object_id, text=text, unit_path=unit_path)


SEARCH_KINDS = [
    Indexed(kind=ARTICLE, rows=lambda: Article.objects.prefetch_related("tags"), document=article_document),
    *COMMENT_KINDS,
]

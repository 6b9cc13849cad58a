"""The readers' opinions as the search indexes them (kind "news_comment"): the name and the text, never the e-mail.
Used by the moderators' queue (words typed with or without diacritics)."""

from gandan.news.models import Comment
from gandan.search.registry import Indexed


def comment_document(comment: Comment) -> tuple[int, str, str]:
    return comment.pk, comment.unit_path, f"{comment.name}\n{comment.text}"


COMMENT_KINDS = [
    Indexed(kind="news_comment", rows=lambda: Comment.objects.all(), document=comment_document),
]

"""Records of readers' opinions for the shared page tables (gandan/tests/test_staff_pages.py, walk_records.py): a
published article of the commune with one opinion waiting for moderation (sent through the service), and one
forbidden word of the province. Safe to call twice: the second call finds what the first made."""

from django.utils import timezone

from gandan.accounts.models import User
from gandan.news.models import Article, Comment, ForbiddenWord
from gandan.news.services.comments import comment_submit
from gandan.news.services.words import forbidden_word_add

TITLE = "Ra quân làm đường giao thông nông thôn"


def comment_records(commune) -> dict:
    author = User.objects.get(username="danvan.songlo")
    article = Article.objects.filter(unit=commune, title=TITLE).first()
    if article is None:
        article = Article.objects.create(
            unit=commune,
            unit_path=commune.path,
            title=TITLE,
            slug="ra-quan-lam-duong-giao-thong-nong-thon",
            summary="Bà con các thôn cùng ra quân làm đường.",
            body="<p>Bà con các thôn cùng ra quân làm đường bê tông.</p>",
            body_text="Bà con các thôn cùng ra quân làm đường bê tông.",
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now(),
            author=author,
        )
    comment = Comment.objects.filter(article=article).first() or comment_submit(
        article=article,
        name="Hoàng Văn Đức",
        email="duc.hoang@example.vn",
        text="Đề nghị xã làm thêm rãnh thoát nước hai bên đường.",
        address="192.0.2.201",
    )
    word = ForbiddenWord.objects.first() or forbidden_word_add(
        phrase="đồ mất dạy", by=User.objects.get(username="giamsat.phutho")
    )
    return {"commented_article": article, "news_comment": comment, "forbidden_word": word}

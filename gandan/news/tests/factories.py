"""Records of the news module for other modules' tests (the unit-key walk, the scope matrix)."""

from django.utils import timezone

from gandan.news.models import Article, Category, Comment


def published_with_comment(commune, author) -> Article:
    """A category, a published article in it and one approved reader's opinion, in `commune`."""
    category, _ = Category.objects.get_or_create(
        unit=commune, slug="tin-hoat-dong", defaults={"unit_path": commune.path, "name": "Tin hoạt động"}
    )
    article = Article.objects.create(
        unit=commune,
        unit_path=commune.path,
        title="Khánh thành nhà văn hóa thôn Đồng Thịnh",
        slug="khanh-thanh-nha-van-hoa-thon-dong-thinh",
        summary="Nhà văn hóa mới do Nhân dân cùng đóng góp.",
        body="<p>Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa.</p>",
        body_text="Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa.",
        category=category,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now(),
        author=author,
    )
    Comment.objects.create(
        article=article,
        unit_path=article.unit_path,
        name="Nguyễn Văn An",
        email="an@example.vn",
        text="Cảm ơn bà con đã đóng góp.",
        status=Comment.Status.APPROVED,
        created_at=timezone.now(),
    )
    return article

"""Records of the citizen news pages for tests and the page walk: published articles with photos, tags, a
category and approved readers' opinions, made directly (the editor's services are tested on their own)."""

import datetime as dt
import io
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from gandan.news.models import Article, Category, Comment, Photo, Tag

_numbers = itertools.count(1)


def jpeg(width: int = 8, height: int = 6, colour: str = "teal") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


def category(unit, *, name: str = "Tin hoạt động", slug: str = "tin-hoat-dong") -> Category:
    found, _ = Category.objects.get_or_create(
        unit=unit, slug=slug, defaults={"name": name, "unit_path": unit.path}
    )
    return found


def article(
    unit,
    author,
    *,
    title: str = "",
    status: str = Article.Status.PUBLISHED,
    publish_at: dt.datetime | None = None,
    in_category: Category | None = None,
    tags: tuple[str, ...] = (),
    summary: str = "Bà con thôn Đồng Thịnh cùng góp công làm đường.",
    body: str = "<p>Sáng nay, <strong>thôn Đồng Thịnh</strong> khánh thành nhà văn hóa.</p>",
    author_name: str = "",
) -> Article:
    n = next(_numbers)
    title = title or f"Khánh thành nhà văn hóa thôn Đồng Thịnh số {n}"
    made = Article.objects.create(
        unit=unit,
        unit_path=unit.path,
        title=title,
        slug=f"khanh-thanh-nha-van-hoa-{n}",
        summary=summary,
        body=body,
        body_text=body,
        category=in_category,
        status=status,
        publish_at=publish_at if publish_at is not None else timezone.now() - dt.timedelta(minutes=n),
        author=author,
        author_name=author_name,
    )
    for name in tags:
        tag, _ = Tag.objects.get_or_create(slug=name.replace(" ", "-"), defaults={"name": name})
        made.tags.add(tag)
    return made


def photo(of: Article, *, caption: str = "", credit: str = "", position: int = 0, size=(1200, 800)) -> Photo:
    made = Photo(article=of, caption=caption, credit=credit, position=position, width=size[0], height=size[1])
    made.image.save("anh.jpg", ContentFile(jpeg(64, 48)), save=False)
    made.thumbnail.save("nho.jpg", ContentFile(jpeg(32, 24, "orange")), save=False)
    made.save()
    return made


def approved(
    of: Article, *, text: str = "Cảm ơn bà con đã đóng góp.", name: str = "Nguyễn Văn An"
) -> Comment:
    """An approved opinion, counted and dated as the comment services do (comment_count, updated_at)."""
    made = Comment.objects.create(
        article=of,
        unit_path=of.unit_path,
        name=name,
        email="doc.gia@example.vn",
        text=text,
        status=Comment.Status.APPROVED,
        created_at=timezone.now(),
    )
    of.comment_count = Comment.objects.filter(article=of, status=Comment.Status.APPROVED).count()
    of.save(update_fields=["comment_count", "updated_at"])
    return made


def walk_article(commune, author) -> dict[str, object]:
    """For the page walk and the browser test: a published article with a cover photo, a second photo, a tag and
    a category in `commune`; made once (found again on a second call)."""
    title = "Ngày hội Đại đoàn kết toàn dân tộc ở thôn Đồng Thịnh"  # the demo's own has another village
    found = Article.objects.filter(unit=commune, title=title).first()
    if found is None:
        chosen = category(commune)
        found = article(
            commune,
            author,
            title=title,
            in_category=chosen,
            summary="Bà con thôn Đồng Thịnh vui ngày hội, trao quà cho các hộ khó khăn.",
            body="<p>Sáng 18/11, thôn Đồng Thịnh tổ chức Ngày hội Đại đoàn kết toàn dân tộc.</p>"
            "<p>Ủy ban nhân dân xã trao 20 suất quà cho các hộ khó khăn.</p>",
        )
        found.tags.set([Tag.objects.get_or_create(slug="dai-doan-ket", defaults={"name": "đại đoàn kết"})[0]])
        photo(found, caption="Bà con thôn Đồng Thịnh dự ngày hội", credit="Ban Văn hóa xã", size=(1200, 800))
        photo(found, caption="Trao quà cho các hộ khó khăn", position=1, size=(800, 600))
        approved(found)
        from gandan.search.services import index_document

        text = f"{found.title} {found.summary} {found.body_text}"
        index_document("news_article", found.pk, text=text, unit_path=found.unit_path)
    assert found.category is not None
    tag = found.tags.get()
    return {
        "public_article": found.pk,
        "public_article_slug": found.slug,
        "public_category": found.category.pk,
        "public_category_slug": found.category.slug,
        "news_tag": tag.slug,
    }

"""The records the staff pages' walk opens (gandan/tests/test_staff_pages.py, gandan/tests/walk_records.py): a
category of xã Sông Lô and an article waiting for review in it, with one photo, written through the services. Found
again on a second call (the browser walk asks twice)."""

from gandan.dialogues.tests.factories import user
from gandan.news.models import Article, Category
from gandan.news.services.articles import article_create, article_submit
from gandan.news.services.categories import category_create
from gandan.news.services.photos import photo_add
from gandan.news.tests.support import jpeg_with_gps, upload

TITLE = "Ra quân làm đường giao thông nông thôn (kiểm tra trang)"


def news_records(commune) -> dict:
    writer = user("motcua.songlo")
    category = Category.objects.filter(unit=commune, slug="tin-hoat-dong").first() or category_create(
        unit=commune, name="Tin hoạt động", position=1, by=writer
    )
    article = Article.objects.filter(unit=commune, title=TITLE).first()
    if article is None:
        article = article_create(
            unit=commune,
            title=TITLE,
            summary="Bà con thôn Đồng Thịnh góp ngày công làm đường.",
            body="Sáng Chủ nhật, hơn 200 người dân ra quân làm đường.\n\nĐoạn đường dài 1,2 km.",
            category=category,
            tags="giao thông, nông thôn mới",
            by=writer,
        )
        photo_add(
            article=article,
            upload=upload(jpeg_with_gps(640, 480)),
            caption="Bà con làm đường",
            credit="Văn Nam",
            by=writer,
        )
        article_submit(article=article, by=writer)
    return {
        "news_article": article,
        "news_photo": article.photos.order_by("pk")[0],
        "news_category": category,
    }

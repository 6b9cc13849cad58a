"""A reader on a 360-px phone opens an article shared with him: the cover photo loads with its caption and credit,
nothing scrolls sideways, the other photo waits until scrolled to, and the page reads the same with JavaScript off."""

import json

import pytest

from gandan.kit.english import english_sentences

pytestmark = pytest.mark.browser

MAKE = (
    "import json\n"
    "from gandan.accounts.models import User\n"
    "from gandan.news.tests.public_factories import walk_article\n"
    "from gandan.units.models import Unit\n"
    "commune = Unit.objects.get(code='08848', valid_to__isnull=True)\n"
    "print(json.dumps(walk_article(commune, User.objects.get(username='chutich.songlo'))))"
)


@pytest.fixture(scope="module")
def shared(site_shell):
    return json.loads(site_shell(MAKE).splitlines()[-1])


def address(base: str, shared: dict) -> str:
    return f"{base}/tin-tuc/{shared['public_article']}-{shared['public_article_slug']}/"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_phone_reads_an_article_with_its_photo(browser, live_site, shared, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(address(live_site, shared))
    assert page.locator("h1").inner_text().startswith("Ngày hội Đại đoàn kết")
    cover = page.locator("figure.news-cover img")
    cover.wait_for()
    assert page.evaluate(
        "(() => { const i = document.querySelector('figure.news-cover img'); return i.complete && i.naturalWidth; })()"
    )
    box = cover.bounding_box()
    assert box is not None and 300 <= box["width"] <= 360 and box["height"] > 150  # full width, 3:2
    caption = page.locator("figure.news-cover figcaption").inner_text()
    assert "Bà con thôn Đồng Thịnh dự ngày hội" in caption and "Ảnh: Ban Văn hóa xã" in caption
    assert page.locator("figure.news-photo img[loading=lazy]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert english_sentences(page.locator("body").inner_text()) == []
    og_image = page.locator("meta[property='og:image']").get_attribute("content")
    assert og_image and og_image.startswith(live_site + "/tin-tuc/anh/")
    with page.expect_navigation():
        page.locator(".news-tags a").first.click()
    assert "Ngày hội Đại đoàn kết" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_the_news_lists_fit_a_phone(phone, live_site, shared):
    pages = [
        "/tin-tuc/",
        f"/tin-tuc/chuyen-muc/{shared['public_category']}-{shared['public_category_slug']}/",
        f"/tin-tuc/the/{shared['news_tag']}/",
        "/tin-tuc/tim/?q=ngay+hoi+dai+doan+ket",
    ]
    for path in pages:
        phone.goto(live_site + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert phone.locator("main").inner_text().strip(), path
        assert english_sentences(phone.locator("body").inner_text()) == [], path
    phone.goto(live_site + "/tin-tuc/")
    assert phone.locator(".news-list img.news-thumb").count() >= 1

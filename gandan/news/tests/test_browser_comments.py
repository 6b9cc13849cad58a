"""Journey of issue 16, in a real browser against the real server (gunicorn, the demo database): the commune's desk
officer writes an article with a photo (carrying a GPS position) and sends it for review, the chairman publishes it;
a reader on a 360-px phone sees it with its photo and caption, with JavaScript off, sends an opinion on a published article of xã Sông Lô and is told it
waits for moderation; the commune's moderator approves it and replies; the opinion and the reply appear under the
article, the reader's e-mail does not; then twenty opinions sent in a row from the same connection are stopped with a
clear message and nothing more is saved."""

import io

import pytest
from PIL import Image

from gandan.dialogues.tests.test_browser_journey import laptop_page, login, narrow, no_error

pytestmark = pytest.mark.browser

EMAIL = "hanh.tran.hanhtrinh@example.vn"
OPINION = "Nhà văn hóa khang trang quá! Đề nghị xã lắp thêm đèn chiếu sáng ở cổng nhà văn hóa."
REPLY = "UBND xã tiếp thu; đèn chiếu sáng sẽ được lắp trong tháng tới."
SENT = "Ý kiến của bạn đã được gửi và sẽ hiển thị sau khi được kiểm duyệt"
REFUSED = "Bạn đã gửi quá nhiều ý kiến"
TITLE = "Thôn Đồng Thịnh khánh thành nhà văn hóa mới"
CAPTION = "Bà con thôn Đồng Thịnh dự lễ khánh thành"


def photo_with_gps(path) -> None:
    """A phone photo as a citizen's camera writes it: JPEG with the GPS position of the place in its EXIF."""
    picture = Image.new("RGB", (1600, 1200), (90, 140, 60))
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 17.0, 30.0), 3: "E", 4: (105.0, 25.0, 12.0)})
    picture.save(path, "JPEG", exif=exif.tobytes())


def write_and_publish(browser, live_site, tmp_path, artifacts) -> str:
    """The desk officer writes the article with its photo and sends it; the chairman publishes it now. Returns the
    article's number."""
    writer = laptop_page(browser)
    login(writer, live_site, "motcua.songlo")
    writer.goto(live_site + "/staff/news/new/")
    writer.fill("input[name=title]", TITLE)
    writer.fill("textarea[name=summary]", "Nhà văn hóa mới do Nhân dân và Nhà nước cùng đóng góp xây dựng.")
    writer.fill(
        "textarea[name=body]",
        "Sáng nay, thôn Đồng Thịnh khánh thành nhà văn hóa mới.\n\nBà con đã góp hơn 300 ngày công.",
    )
    with writer.expect_navigation():
        writer.locator("main form button[type=submit]").first.click()
    no_error(writer)
    number = writer.url.rstrip("/").split("/")[-1]
    assert number.isdigit(), writer.url
    writer.goto(f"{live_site}/staff/news/{number}/photos/new/")
    photo = tmp_path / "anh-dien-thoai.jpg"
    photo_with_gps(photo)
    writer.set_input_files("input[name=upload]", str(photo))
    writer.fill("input[name=caption]", CAPTION)
    writer.fill("input[name=credit]", "Ban Văn hóa xã")
    with writer.expect_navigation():
        writer.locator("main form button[type=submit]").first.click()
    no_error(writer)
    with writer.expect_navigation():
        writer.locator("form[action$='/submit/'] button").click()
    no_error(writer)

    chairman = laptop_page(browser)
    login(chairman, live_site, "chutich.songlo")
    chairman.goto(f"{live_site}/staff/news/{number}/publish/")
    with chairman.expect_navigation():
        chairman.locator("main form button[type=submit]").first.click()
    no_error(chairman)
    chairman.screenshot(path=str(artifacts / "news-published-staff.png"), full_page=True)
    return number


def test_an_editor_publishes_a_reader_comments_the_moderator_replies_and_a_flood_is_stopped(
    live_site, browser, site_shell, artifacts, tmp_path
):
    article = write_and_publish(browser, live_site, tmp_path, artifacts)
    form_url = f"{live_site}/tin-tuc/{article}/y-kien/"

    # 1. A reader on a phone without JavaScript finds the article with its photo and sends an opinion.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(live_site + "/tin-tuc/")
    with phone.expect_navigation():
        phone.get_by_role("link", name=TITLE).first.click()
    narrow(phone)
    assert phone.locator("h1").inner_text() == TITLE
    figure = phone.locator("figure").first
    assert CAPTION in figure.inner_text()
    source = figure.locator("img").get_attribute("src")
    shown = phone.request.get(live_site + source)
    assert shown.status == 200
    assert not Image.open(io.BytesIO(shown.body())).getexif().get_ifd(0x8825)  # no GPS position published
    phone.goto(form_url)
    narrow(phone)
    phone.fill("input[name=name]", "Trần Thị Hạnh")
    phone.fill("input[name=email]", EMAIL)
    phone.fill("textarea[name=text]", OPINION)
    assert not phone.locator("input[name=website]").is_visible()  # the honeypot is out of sight
    with phone.expect_navigation():
        phone.locator("#y-kien form button[type=submit]").click()
    no_error(phone)
    assert SENT in phone.locator("#comment-sent").inner_text()
    narrow(phone)
    phone.goto(form_url)
    assert OPINION not in phone.content()  # not shown before moderation

    # 2. The commune's moderator finds it in the queue, approves it and replies.
    officer = laptop_page(browser)
    login(officer, live_site, "danvan.songlo")
    officer.goto(live_site + "/staff/news/y-kien/?status=pending")
    assert EMAIL not in officer.content()
    with officer.expect_navigation():
        officer.locator("table.list a", has_text=OPINION[:40]).first.click()
    assert EMAIL not in officer.content()
    with officer.expect_navigation():
        officer.locator("form[action$='/duyet/'] button").click()
    no_error(officer)
    assert "Đã duyệt" in officer.locator("#comment-status").inner_text()
    officer.fill("textarea[name=reply]", REPLY)
    with officer.expect_navigation():
        officer.locator("form[action$='/tra-loi/'] button").click()
    no_error(officer)
    officer.screenshot(path=str(artifacts / "news-comment-moderated.png"), full_page=True)

    # 3. The opinion and the reply appear for every reader; the e-mail does not.
    phone.goto(form_url)
    narrow(phone)
    shown = phone.locator("#y-kien").inner_text()
    assert OPINION in shown and REPLY in shown
    assert "Trả lời của UBND xã Sông Lô" in shown
    assert EMAIL not in phone.content()
    phone.screenshot(path=str(artifacts / "news-comment-phone.png"), full_page=True)

    # 4. Twenty opinions in a row from the same connection: stopped with a clear message, nothing more saved.
    answers = []
    for i in range(20):
        phone.goto(form_url)
        phone.fill("input[name=name]", "Người gửi liên tục")
        phone.fill("textarea[name=text]", f"Ý kiến gửi liên tục số {i + 1}")
        with phone.expect_navigation():
            phone.locator("#y-kien form button[type=submit]").click()
        answers.append("sent" if phone.locator("#comment-sent").count() else phone.content())
    sent = sum(1 for a in answers if a == "sent")
    assert sent == 4  # five a minute from one address, the first opinion above included
    assert all(REFUSED in a for a in answers[sent:])
    assert "vui lòng thử lại sau" in phone.locator(".msg-error").inner_text().lower()
    narrow(phone)
    phone.screenshot(path=str(artifacts / "news-comment-flood-phone.png"), full_page=True)
    saved = site_shell(
        f"from gandan.news.models import Comment\nprint(Comment.objects.filter(article_id={article}).count())"
    )
    assert saved.splitlines()[-1] == "5"  # the reader's, and four of the twenty
    context.close()

"""Journey (c) of issue 15, in a real browser against the real server (gunicorn, the demo database): the commune's
organiser schedules the year's dialogue; a citizen on a 360-px phone, with JavaScript off, sends a question before it
and gets his lookup code; the dialogue takes place; the chairman answers with a commitment; the organiser records its
progress, then marks it done with evidence; the citizen follows his code to the commitment done, with its evidence,
and finds it on the dialogue's public page."""

import re

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

TITLE = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân (hành trình thử)"
QUESTION = "Đường bê tông thôn em bị nứt vỡ, trời mưa ngập bùn, học sinh đi học rất vất vả. Bao giờ xã sửa?"
PROMISE = "Sửa chữa 400 m đường bê tông bị nứt vỡ, làm rãnh thoát nước."
EVIDENCE = (
    "Đã đổ bê tông lại 400 m đường và làm rãnh thoát nước hai bên; nghiệm thu có Ban Thanh tra nhân dân."
)


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def laptop_page(browser):
    return browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()


def day(page, days: int, time: str = "") -> str:
    """dd/mm/yyyy `days` from today in the browser's clock (Vietnam), with `time` when given."""
    text = page.evaluate(
        f"(() => {{ const d = new Date(); d.setDate(d.getDate() + {days}); const p = n => String(n).padStart(2, '0'); "
        "return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear(); })()"
    )
    return f"{text} {time}" if time else text


def no_error(page):
    errors = page.locator(".msg-error, p.error[role=alert], .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def submit(page):
    with page.expect_navigation():
        page.locator("main form.card button[type=submit]").last.click()
    no_error(page)


def narrow(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width} px)"


def test_a_citizen_follows_his_question_to_a_commitment_done(live_site, browser, site_shell, artifacts):
    # 1. The organiser schedules the dialogue, taking questions on the portal until two days before it.
    officer = laptop_page(browser)
    login(officer, live_site, "danvan.songlo")
    officer.goto(live_site + "/staff/dialogues/new/")
    officer.check("input[name=kind][value=annual]")
    officer.fill("input[name=title]", TITLE)
    officer.fill("input[name=starts_at]", day(officer, 10, "08:00"))
    officer.fill("input[name=questions_until]", day(officer, 8, "17:00"))
    officer.fill("input[name=place]", "Hội trường UBND xã Sông Lô")
    officer.fill("input[name=chaired_by]", "Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ xã")
    submit(officer)
    officer.wait_for_url(re.compile(r".*/staff/dialogues/\d+/$"))
    dialogue_id = officer.url.rstrip("/").rsplit("/", 1)[1]

    # 2. A citizen on a phone without JavaScript finds it on the portal and sends a question before it.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True, java_script_enabled=False
    )
    phone = context.new_page()
    phone.goto(live_site + "/doi-thoai/?xa=08848")
    phone.locator(f"a[href='/doi-thoai/{dialogue_id}/gui-cau-hoi/']").click()
    phone.wait_for_url(
        f"**/doi-thoai/{dialogue_id}/gui-cau-hoi/"
    )  # measured on the form, not on the page it left
    phone.wait_for_load_state()
    narrow(phone)
    phone.fill("input[name=name]", "Nguyễn Văn Bình")
    village = phone.locator("select[name=village] option").nth(2).get_attribute("value")
    phone.select_option("select[name=village]", village)
    phone.fill("input[name=phone]", "0912 345 678")
    phone.fill("textarea[name=text]", QUESTION)
    phone.check("input[name=consent]")
    submit(phone)
    code = phone.locator("#question-code").inner_text().strip()
    assert re.fullmatch(r"CH-[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    narrow(phone)
    phone.screenshot(path=str(artifacts / "dialogues-question-sent-phone.png"), full_page=True)

    # 3. The dialogue takes place (its day is moved to yesterday: time passes), and the organiser records it held.
    site_shell(
        "import datetime as dt\nfrom django.utils import timezone\nfrom gandan.dialogues.models import Dialogue\n"
        f"d = Dialogue.objects.get(pk={dialogue_id})\n"
        "Dialogue.objects.filter(pk=d.pk).update(starts_at=timezone.now() - dt.timedelta(days=1), "
        "questions_until=timezone.now() - dt.timedelta(days=3))"
    )
    officer.goto(live_site + f"/staff/dialogues/{dialogue_id}/")
    with officer.expect_navigation():
        officer.locator(f"form[action$='/staff/dialogues/{dialogue_id}/held/'] button").click()
    no_error(officer)
    assert "Đã tổ chức" in officer.content()

    # 4. The chairman answers the question, and the answer promises action: a commitment due in a month.
    chair = laptop_page(browser)
    login(chair, live_site, "chutich.songlo")
    chair.goto(live_site + f"/staff/dialogues/{dialogue_id}/")
    chair.locator("#questions a[href*='/staff/dialogues/questions/']").first.click()
    chair.wait_for_url(re.compile(r".*/staff/dialogues/questions/\d+/$"))
    assert QUESTION[:40] in chair.content()
    assert "0912345678" not in chair.content()  # the asker's phone stays hidden
    chair.locator("a[href$='/answer/']").click()
    chair.fill("textarea[name=answer]", "UBND xã tiếp thu; tuyến đường được sửa chữa trong tháng tới.")
    chair.check("input[name=promises]")
    chair.fill("textarea[name=commitment_text]", PROMISE)
    chair.fill("input[name=owner]", "Công chức Địa chính - Xây dựng")
    chair.fill("input[name=due]", day(chair, 30))
    submit(chair)
    assert PROMISE in chair.content()

    # 5. The organiser records its progress, then marks it done with the evidence.
    officer.goto(live_site + f"/staff/dialogues/{dialogue_id}/")
    officer.locator("#commitments a[href*='/staff/dialogues/commitments/']").first.click()
    officer.wait_for_url(re.compile(r".*/staff/dialogues/commitments/\d+/$"))
    commitment_url = officer.url
    officer.locator("a[href$='/progress/']").click()
    officer.fill("textarea[name=note]", "Đã khảo sát, lập dự toán; nhà thầu tập kết vật liệu.")
    submit(officer)
    officer.goto(commitment_url)
    officer.locator("a[href$='/done/']").click()
    officer.fill("textarea[name=evidence]", EVIDENCE)
    officer.fill("input[name=done_on]", day(officer, 0))
    submit(officer)
    assert "Đã hoàn thành" in officer.content()

    # 6. The citizen follows his code to the commitment done, with the evidence, on the phone.
    phone.goto(live_site + "/doi-thoai/hoi/")
    phone.fill("input[name=ma]", code.lower().replace("-", " "))
    with phone.expect_navigation():
        phone.locator("main form button[type=submit]").click()
    page = phone.content()
    assert "Đã trả lời" in page and PROMISE in page
    assert "Đã hoàn thành" in page and EVIDENCE[:40] in page
    assert "Đã khảo sát, lập dự toán" in page  # the progress note, kept in its history
    narrow(phone)
    phone.screenshot(path=str(artifacts / "dialogues-commitment-done-phone.png"), full_page=True)

    # The dialogue's public page shows the same, the asker by his initials only, never his phone.
    phone.goto(live_site + f"/doi-thoai/{dialogue_id}/")
    public = phone.content()
    assert QUESTION[:40] in public and EVIDENCE[:40] in public
    assert "N.V.B." in public and "Nguyễn Văn Bình" not in public and "0912" not in public
    narrow(phone)
    context.close()

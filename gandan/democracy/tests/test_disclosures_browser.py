"""Public disclosures in a real browser, against the real server (gunicorn, the demo database): the commune chairman
publishes the budget estimate with its channels, letting the form compute the law's dates; a citizen's phone finds it
on the commune's public page with its end date; the compliance view shows it posted, and — once its days on the
boards have passed (the record moved back in time in the live database) — ended, and gone from the public page."""

import re

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

TITLE = "Dự toán thu, chi ngân sách xã năm 2027 (hành trình kiểm thử)"


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def vn_day(page, days_ago: int) -> str:
    return page.evaluate(
        f"(() => {{ const d = new Date(Date.now() - {days_ago} * 86400000); const p = n => String(n).padStart(2, '0'); "
        "return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear(); })()"
    )


def no_error(page):
    errors = page.locator(".msg-error, p.error[role=alert], .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def test_the_budget_estimate_is_published_shown_to_citizens_and_followed_to_its_end(
    live_site, browser, phone, artifacts, site_shell
):
    # 1. The chairman records the budget estimate decided three days ago, posted since the day after.
    official = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()
    login(official, live_site, "chutich.songlo")
    official.goto(live_site + "/staff/democracy/disclosures/new/")
    official.select_option("select[name=item]", "2")
    official.fill("input[name=title]", TITLE)
    official.fill("textarea[name=summary]", "Tổng thu 14,2 tỷ đồng; tổng chi 14,2 tỷ đồng.")
    official.fill("input[name=decision_ref]", "25/NQ-HĐND")
    official.fill("input[name=decided_on]", vn_day(official, 3))
    official.fill("input[name=start]", vn_day(official, 2))
    official.check("input[name=channels][value=village_heads]")
    # The form computes the law's dates without saving: the end is the 30th day of the posting.
    official.locator("button[name=suggest]").click()
    official.wait_for_load_state()
    end = official.input_value("input[name=end]")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", end) and "Hạn công khai" in official.content()
    official.locator("main form button[type=submit]").first.click()
    official.wait_for_url(re.compile(r".*/staff/democracy/disclosures/\d+/$"))
    no_error(official)
    page = official.content()
    assert "Đang niêm yết" in page and "Điều 11 khoản 2" in page and end in page
    pk = official.url.rstrip("/").rsplit("/", 1)[1]

    # 2. A citizen's phone, without logging in, finds it on the commune's page with its end date and channels.
    phone.goto(live_site + "/cong-khai/xa/08848/?q=du toan thu chi ngan sach 2027 hanh trinh")
    card = phone.locator("li.card", has_text=TITLE)
    assert f"niêm yết đến {end}" in card.inner_text()
    card.locator("a").first.click()
    phone.wait_for_url(f"**/cong-khai/{pk}/")
    shown = phone.content()
    assert f"niêm yết đến {end}" in shown
    assert "Nhà văn hóa thôn" in shown and "Qua trưởng thôn thông báo tại các cuộc họp" in shown
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the public page scrolls sideways on a phone ({width} px)"
    phone.screenshot(path=str(artifacts / "democracy-disclosure-phone.png"), full_page=True)

    # 3. The compliance view shows it posted.
    official.goto(live_site + "/staff/democracy/?show=running")
    assert TITLE in official.content()

    # 4. Forty days later (the record moved back in the live database): ended, and off the public page.
    site_shell(
        "import datetime as dt\n"
        "from gandan.democracy.models import Disclosure\n"
        f"d = Disclosure.objects.get(pk={pk})\n"
        "back = dt.timedelta(days=40)\n"
        "Disclosure.objects.filter(pk=d.pk).update(decided_on=d.decided_on - back, deadline=d.deadline - back, "
        "start=d.start - back, end=d.end - back)\n"
    )
    official.goto(live_site + "/staff/democracy/?show=ended")
    row = official.locator("tr", has_text=TITLE)
    assert row.count() == 1 and "Hết thời gian niêm yết" in row.inner_text()
    official.goto(live_site + "/staff/democracy/?show=running")
    assert TITLE not in official.content()
    official.screenshot(path=str(artifacts / "democracy-compliance.png"), full_page=True)
    phone.goto(live_site + "/cong-khai/xa/08848/?q=hanh trinh kiem thu")
    assert TITLE not in phone.content()

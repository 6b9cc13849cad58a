"""Consultations in a real browser, against the real server: a citizen on a phone with JavaScript off reads an open
draft and sends an opinion; the officer finds it, is told an answer needs its explanation, and answers it; the
published consultation and the covenants in force read on the phone, never wider than its screen, never showing a
commenter's contact."""

import json

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture(scope="module")
def records(site_shell) -> dict:
    code = (
        "import json\nfrom gandan.units.models import Unit\nfrom gandan.democracy.tests.walk import democracy_records\n"
        "print(json.dumps(democracy_records(Unit.objects.get(code='08848', valid_to__isnull=True))))"
    )
    return json.loads(site_shell(code).splitlines()[-1])


def test_a_citizen_comments_from_a_phone_without_script_and_the_officer_answers(live_site, browser, records):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False, has_touch=True
    )
    phone = context.new_page()
    phone.goto(f"{live_site}/lay-y-kien/{records['consultation']}/")
    assert phone.evaluate(WIDTH) <= 360
    phone.fill("textarea[name=text]", "Đề nghị làm kè bằng đá hộc, có bậc lên xuống cho bà con giặt giũ.")
    phone.fill("input[name=contact]", "0966555444")
    with phone.expect_navigation():
        phone.locator("form button[type=submit]").click()
    assert "Cảm ơn bạn" in phone.content()
    assert "0966555444" not in phone.content()
    assert phone.evaluate(WIDTH) <= 360

    officer = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    officer.goto(live_site + "/accounts/login/")
    officer.fill("input[name=username]", "danvan.songlo")
    officer.fill("input[name=password]", DEMO_PASSWORD)
    officer.locator("form button[type=submit]").click()
    officer.wait_for_url("**/staff/")
    officer.goto(f"{live_site}/staff/democracy/consultations/{records['consultation']}/?channel=portal")
    officer.locator("table a[href*='/comments/']").last.click()
    officer.check("input[name=disposition][value=not_accepted]")
    with officer.expect_navigation():
        officer.locator("form.card button[type=submit]").click()
    assert officer.locator("p.error").count() == 1  # an opinion not accepted needs its explanation
    officer.check("input[name=disposition][value=partly]")
    officer.fill("textarea[name=response]", "Làm bậc lên xuống; kè bằng bê tông theo thiết kế được duyệt.")
    with officer.expect_navigation():
        officer.locator("form.card button[type=submit]").click()
    assert "Tiếp thu một phần" in officer.content()

    phone.goto(f"{live_site}/lay-y-kien/{records['public_consultation']}/")
    assert "Nhân dân đồng tình với dự thảo." in phone.content()
    assert phone.evaluate(WIDTH) <= 360
    phone.goto(f"{live_site}/huong-uoc/")
    assert "Điều 1. Giữ gìn đường làng sạch đẹp." in phone.content()
    assert phone.evaluate(WIDTH) <= 360
    context.close()

"""The foundation's journey in a real browser: a commune leader logs in and browses their commune's units."""

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_citizen_on_a_phone_sees_the_commune_home_in_vietnamese(live_site, phone, artifacts):
    phone.goto(live_site + "/")
    assert phone.locator("html").get_attribute("lang") == "vi"
    assert "Xã Sông Lô" in phone.locator("h1").inner_text()
    assert "Phú Thọ" in phone.locator("h1").inner_text()
    assert phone.get_by_text("Thôn Bến Đò", exact=True).is_visible()
    # Nothing wider than the phone: no sideways scrolling on a 360-px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=artifacts / "public-home-phone.png", full_page=True)


def test_leader_logs_in_and_browses_only_their_communes_units(live_site, laptop, artifacts):
    page = laptop
    page.goto(live_site + "/")
    page.locator("header a[href='/staff/']").click()
    page.fill("input[name=username]", "chutich.songlo")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    assert page.locator("h1").count() == 1
    page.locator("nav.menu a[href='/staff/units/']").click()
    page.wait_for_url("**/staff/units/")
    table = page.locator("table").inner_text()
    assert "Thôn Bến Đò" in table
    assert "Thôn Đồng Bùa" not in table  # a village of xã Tam Sơn, another commune
    # Search without diacritics.
    page.fill("input[name=q]", "ben do")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Thôn Bến Đò" in rows.first.inner_text()
    with page.expect_navigation():
        rows.first.locator("a").click()
    assert page.locator("h1").inner_text() == "Thôn Bến Đò"
    page.screenshot(path=artifacts / "staff-unit-detail.png", full_page=True)
    # Another commune's unit is not even visible by guessing its URL.
    response = page.goto(live_site + "/staff/units/1/")
    assert response.status == 404


def test_wrong_password_is_explained_and_keeps_the_username(live_site, laptop):
    laptop.goto(live_site + "/accounts/login/")
    laptop.fill("input[name=username]", "chutich.songlo")
    laptop.fill("input[name=password]", "not-the-password")
    with laptop.expect_navigation():
        laptop.locator("form button[type=submit]").click()
    assert laptop.locator("[role=alert]").is_visible()
    assert laptop.input_value("input[name=username]") == "chutich.songlo"

"""The staff home and the inbox in a real browser: each fits a 360-px phone and a 1366-px laptop, and an inbox item
opened leads to its record and leaves the unread badge."""

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


@pytest.mark.parametrize("username", ["motcua.songlo", "chutich.songlo", "giamsat.phutho"])
def test_the_home_fits_a_phone(live_site, phone, artifacts, username):
    log_in(phone, live_site, username)

    assert phone.locator("section.home-section").count() >= 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=artifacts / f"staff-home-{username.split('.')[0]}-phone.png", full_page=True)


def test_the_desk_opens_a_notification_and_lands_on_the_dossier(live_site, site_shell, laptop, artifacts):
    code = (
        site_shell(
            "from gandan.accounts.models import User\n"
            "from gandan.dossiers.models import Dossier\n"
            "from gandan.notify.services import inbox_post\n"
            "u = User.objects.get(username='motcua.songlo')\n"
            "d = Dossier.objects.filter(unit_path=u.unit.path).order_by('id').first()\n"
            "inbox_post(recipients=[u], kind='result_ready', text=f'Kết quả hồ sơ {d.code} đã có', "
            "link=f'/staff/dossiers/{d.pk}/', obj=d)\n"
            "print(d.code)"
        )
        .strip()
        .splitlines()[-1]
    )  # the shell may print its own lines first
    log_in(laptop, live_site, "motcua.songlo")
    laptop.screenshot(path=artifacts / "staff-home-desk-laptop.png", full_page=True)
    badge = laptop.locator("header .badge")
    unread = int(badge.inner_text())

    laptop.locator("header a.inbox-link").click()
    laptop.wait_for_url("**/staff/inbox/")
    assert laptop.evaluate("document.documentElement.scrollWidth") <= 1366
    with laptop.expect_navigation():
        laptop.get_by_role("button", name=f"Kết quả hồ sơ {code} đã có").first.click()

    assert code in laptop.locator("h1").inner_text()
    after = laptop.locator("header .badge")
    assert (after.count() == 0 and unread == 1) or int(after.inner_text()) == unread - 1

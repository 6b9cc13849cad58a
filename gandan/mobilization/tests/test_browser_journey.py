"""Mass mobilisation in a real browser, against the real server (gunicorn, the demo database): the mass-mobilisation
officer registers a "dân vận khéo" model, the party secretary reviews and recognises it, another village replicates
it, and a citizen's phone finds both on the public showcase, linked to each other; then the officer ends the term of
a team's leader and the coverage view flags that village."""

import re

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

NAME = "Dân vận khéo trong làm đường giao thông nội đồng thử nghiệm"


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def staff(browser):
    return browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()


def today_vn(page) -> str:
    return page.evaluate(
        "(() => { const d = new Date(); const p = n => String(n).padStart(2, '0'); "
        "return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear(); })()"
    )


def no_error(page):
    errors = page.locator(".msg-error, p.error[role=alert], .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def choose(page, name: str, index: int):
    """Pick the `index`-th real option of a select (0 = the first after any empty one)."""
    options = page.locator(f"select[name={name}] option")
    values = [v for v in options.evaluate_all("os => os.map(o => o.value)") if v]
    page.select_option(f"select[name={name}]", values[index])
    return values[index]


def review_and_recognise(leader, base, model_url: str, level: str, decision: str):
    leader.goto(base + model_url)
    leader.locator(f"a[href$='{model_url}review/']").click()
    # Wait for the review page itself: reading its score fields before it has loaded finds none (a race CI met).
    leader.wait_for_url(re.compile(r".*/review/$"))
    leader.locator("input[name^=score_]").first.wait_for()
    for field in leader.locator("input[name^=score_]").all():
        field.fill(field.get_attribute("max") or "10")
    leader.check("input[name=recommend]")
    with leader.expect_navigation():
        leader.locator("form button[type=submit]").click()
    no_error(leader)
    leader.locator(f"a[href$='{model_url}recognise/']").click()
    leader.wait_for_url(re.compile(r".*/recognise/$"))
    leader.select_option("select[name=level]", level)
    leader.fill("input[name=decision]", decision)
    leader.fill("input[name=on]", today_vn(leader))
    with leader.expect_navigation():
        leader.locator("form button[type=submit]").click()
    no_error(leader)
    assert "Đã công nhận" in leader.content()


def test_a_model_is_registered_recognised_replicated_and_shown_and_a_team_without_leader_is_flagged(
    live_site, browser, phone, artifacts
):
    # 1. The officer registers the model for a village of his commune, and starts carrying it out.
    officer = staff(browser)
    login(officer, live_site, "danvan.songlo")
    officer.goto(live_site + "/staff/mobilization/models/new/")
    officer.fill("input[name=name]", NAME)
    officer.select_option("select[name=field]", "economy")
    first_village = choose(officer, "village", 0)
    officer.fill("input[name=owner_name]", "Tổ dân vận và Chi hội Nông dân")
    officer.fill("input[name=place]", "Cánh đồng Mả Trám, xã Sông Lô")
    officer.fill("input[name=period_start]", today_vn(officer))
    officer.fill("textarea[name=description]", "Vận động các hộ góp đất, góp công làm 1,2 km đường nội đồng.")
    officer.fill("textarea[name=results]", "1,2 km đường bê tông; 86 hộ góp 2.400 ngày công.")
    officer.locator("main form button[type=submit]").last.click()
    officer.wait_for_url(re.compile(r".*/staff/mobilization/models/\d+/$"))
    no_error(officer)
    model_url = officer.url.removeprefix(live_site)
    with officer.expect_navigation():
        officer.locator(f"form[action$='{model_url}start/'] button").click()
    no_error(officer)
    assert "Đang triển khai" in officer.content()

    # 2. The party secretary reviews it against the criteria and recognises it at commune level.
    leader = staff(browser)
    login(leader, live_site, "bithu.songlo")
    review_and_recognise(leader, live_site, model_url, "commune", "45/QĐ-UBND")

    # 3. Another village replicates it: the officer copies it into a second village.
    officer.goto(live_site + model_url)
    officer.locator(f"a[href$='{model_url}replicate/']").click()
    officer.wait_for_url(re.compile(r".*/replicate/$"))
    villages = [
        v
        for v in officer.locator("select[name=village] option").evaluate_all("os => os.map(o => o.value)")
        if v and v != first_village
    ]
    officer.select_option("select[name=village]", villages[0])
    officer.fill("input[name=owner_name]", "Tổ dân vận thôn bạn")
    if officer.locator("input[name=period_start]").count():
        officer.fill("input[name=period_start]", today_vn(officer))
    officer.fill("textarea[name=description]", "Học cách làm của thôn bạn, làm 800 m đường nội đồng.")
    officer.locator("main form button[type=submit]").last.click()
    officer.wait_for_url(re.compile(r".*/staff/mobilization/models/\d+/$"))
    no_error(officer)
    copy_url = officer.url.removeprefix(live_site)
    assert copy_url != model_url
    assert "Nhân rộng từ" in officer.content()
    with officer.expect_navigation():
        officer.locator(f"form[action$='{copy_url}start/'] button").click()
    review_and_recognise(leader, live_site, copy_url, "grassroots", "46/QĐ-UBND")

    # 4. A citizen on a phone, without logging in, finds both on the showcase by typing without diacritics.
    phone.goto(live_site + "/dan-van-kheo/?q=duong giao thong noi dong thu nghiem")
    listed = phone.locator("main a[href^='/dan-van-kheo/']").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    model_id, copy_id = model_url.rstrip("/").rsplit("/", 1)[1], copy_url.rstrip("/").rsplit("/", 1)[1]
    assert f"/dan-van-kheo/{model_id}/" in listed and f"/dan-van-kheo/{copy_id}/" in listed
    phone.goto(live_site + f"/dan-van-kheo/{model_id}/")
    assert "Đã được nhân rộng tại" in phone.content()
    assert phone.locator(f"a[href='/dan-van-kheo/{copy_id}/']").count() >= 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the showcase scrolls sideways on a phone ({width} px)"
    phone.screenshot(path=str(artifacts / "mobilization-showcase-phone.png"), full_page=True)
    phone.goto(live_site + f"/dan-van-kheo/{copy_id}/")
    assert "Nhân rộng từ" in phone.content()
    assert phone.locator(f"a[href='/dan-van-kheo/{model_id}/']").count() >= 1

    # 5. The leader of a complete team leaves: the coverage view flags the village as having no team leader.
    officer.goto(live_site + "/staff/mobilization/teams/?order=name")
    complete = officer.locator("tr", has=officer.locator(".pill-ok")).first
    village = complete.locator("td").first.inner_text().strip()
    complete.locator("a[href*='/staff/mobilization/teams/']").first.click()
    leader_row = officer.locator("tr", has_text="Tổ trưởng").first
    leader_row.locator("a[href$='/end/']").click()
    officer.fill("input[name=on]", today_vn(officer))
    with officer.expect_navigation():
        officer.locator("main form button[type=submit]").last.click()
    no_error(officer)
    officer.goto(live_site + "/staff/mobilization/teams/?gaps=on")
    flagged = officer.locator("tr", has_text=village)
    assert "Chưa có tổ trưởng" in flagged.inner_text()
    officer.screenshot(path=str(artifacts / "mobilization-coverage.png"), full_page=True)

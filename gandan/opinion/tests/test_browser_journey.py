"""Hearing public opinion early, in a real browser against the real server (gunicorn, demo database, the task worker
run as `gandan worker` runs it): citizens of three villages of xã Sông Lô write about one quarry's blasting — online
petitions and statements in the reception book, within a day and a half; the worker groups them into one issue and
raises an alert; the chairman sees it on top of the board, acknowledges it, assigns it with a deadline and links a
petition; the petition is answered through the petitions pages and the alert closes by itself, with its history."""

import re

import pytest

from gandan.petitions.tests.test_browser_journeys import act, login, now_vn, staff, today_vn

pytestmark = pytest.mark.browser

COMMUNE = "Xã Sông Lô"
QUARRY = "mỏ đá Núi Đanh"
# Online petitions received through the petitions services, each placed in its village (the public form asks only
# for the commune): (village, hours ago, subject, content).
PLACED = [
    (
        "Thôn Bãi Sậy",
        32,
        "Mỏ đá Núi Đanh nổ mìn làm nứt nhà dân",
        "Từ đầu tháng mỏ đá Núi Đanh nổ mìn rất mạnh, nhà chúng tôi ở thôn Bãi Sậy bị nứt tường, "
        "bụi đá bám đầy mái nhà.",
    ),
    (
        "Thôn Bến Đò",
        27,
        "Bụi đá và nổ mìn từ mỏ đá Núi Đanh",
        "Mỏ đá Núi Đanh nổ mìn và xe chở đá làm bụi mù mịt thôn Bến Đò, nhiều nhà bị nứt tường, trẻ em ho nhiều.",
    ),
    (
        "Thôn Đồng Cả",
        21,
        "Nhà nứt vì mỏ đá Núi Đanh nổ mìn",
        "Mỗi lần mỏ đá Núi Đanh nổ mìn nhà ở thôn Đồng Cả rung lắc, tường nứt, bụi đá bay vào nhà. "
        "Đề nghị xã kiểm tra việc nổ mìn.",
    ),
]
# Statements written in the reception book by the desk officer: (minutes ago, name, address, statement).
STATEMENTS = [
    (
        400,
        "Đinh Văn Khải",
        "Thôn Đồng Cả, xã Sông Lô",
        "Ông Khải trình bày: mỏ đá Núi Đanh nổ mìn làm nứt nhà, bụi đá phủ kín vườn, "
        "đề nghị UBND xã kiểm tra việc nổ mìn của mỏ đá.",
    ),
    (
        200,
        "Phùng Thị Hằng",
        "Thôn Bến Đò, xã Sông Lô",
        "Bà Hằng phản ánh: bụi đá từ mỏ đá Núi Đanh và nổ mìn làm nứt tường nhà, người dân rất bức xúc "
        "vì đã kiến nghị nhiều lần.",
    ),
]


@pytest.fixture(autouse=True)
def _without_demo_signals():
    """Not here: this journey uses the live site's own database, not the test database (which it must not touch
    while Playwright's event loop runs)."""


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]  # `gandan shell` may print its own lines first


def _petitions_placed(site_shell) -> list[str]:
    code = (
        "import datetime as dt\n"
        "from django.utils import timezone\n"
        "from gandan.petitions.services import petition_receive\n"
        "from gandan.units.models import Unit\n"
        "commune = Unit.objects.get(code='08848', valid_to__isnull=True)\n"
        "codes = []\n"
        f"for i, (village, hours, subject, content) in enumerate({PLACED!r}):\n"
        "    place = Unit.objects.get(parent=commune, name=village, valid_to__isnull=True)\n"
        "    p = petition_receive(unit=commune, channel='online', place=place,\n"
        "        persons=[{'name': f'Người dân {i}', 'address': village + ', xã Sông Lô',"
        " 'phone': f'09870000{i:02d}'}],\n"
        "        parts=[{'kind': 'reflection', 'subject': subject, 'content': content}],\n"
        "        at=timezone.now() - dt.timedelta(hours=hours))[0]\n"
        "    codes.append(p.code)\n"
        "print(' '.join(codes))"
    )
    return _last_line(site_shell(code)).split()


def _run_worker(site_shell) -> None:
    """The background worker as `gandan worker` runs it in production, until its queue is empty."""
    site_shell("from gandan.cli import main\nmain(['worker', '--batch', '--no-startup-delay', '-v', '0'])")


def test_a_quarry_in_three_villages_rises_is_taken_up_and_closes_with_its_petition(
    live_site, browser, site_shell, phone, artifacts
):
    # 1. A citizen of Bãi Sậy sends a reflection on her phone through the public form.
    phone.goto(live_site + "/kien-nghi/gui/")
    phone.select_option("select[name=unit]", label=COMMUNE)
    phone.locator("input[name=kind][value=reflection]").check()
    phone.fill("input[name=subject]", "Nổ mìn ở mỏ đá Núi Đanh làm nứt nhà")
    phone.fill(
        "textarea[name=content]",
        "Mỏ đá Núi Đanh nổ mìn hằng ngày, bụi đá phủ kín nhà cửa, tường nhà tôi ở thôn Bãi Sậy bị nứt. "
        "Đề nghị xã kiểm tra việc nổ mìn của mỏ đá.",
    )
    phone.fill("input[name=name]", "Nông Thị Mơ")
    phone.fill("input[name=address]", "Thôn Bãi Sậy, xã Sông Lô")
    phone.fill("input[name=phone]", "0977 246 135")
    phone.check("input[name=consent]")
    with phone.expect_navigation():
        phone.locator("main form[enctype] button[type=submit]").click()
    online_code = re.search(r"DT-\d{5}-\d{2}-\d{5}", phone.content()).group(0)

    # 2. Three more online petitions, each about its own village, arrived over the day and a half before.
    placed_codes = _petitions_placed(site_shell)
    assert len(placed_codes) == 3

    # 3. At the desk, two citizens' statements go into the reception book (no petition made of them).
    desk = staff(browser)
    login(desk, live_site, "motcua.songlo")
    for minutes_ago, name, address, statement in STATEMENTS:
        desk.goto(live_site + "/staff/petitions/reception/records/new/")
        desk.fill("input[name=at]", now_vn(desk, minutes_ago))
        desk.fill("input[name=citizen_name]", name)
        desk.fill("input[name=citizen_address]", address)
        desk.select_option("select[name=kind]", "reflection")
        desk.fill("textarea[name=content]", statement)
        with desk.expect_navigation():
            desk.locator("main form button[type=submit]").last.click()
        errors = desk.locator("[role=alert], .msg-error")
        assert errors.count() == 0, errors.all_inner_texts()

    # 4. The worker groups what arrived and raises the alert (and the leaders' digest).
    _run_worker(site_shell)

    # 5. The chairman's board: one issue about the quarry, among the alerted issues at the top (the demo's eight
    # weeks of opinion have their own alerts: every row above the quarry's carries one too).
    leader = staff(browser)
    login(leader, live_site, "chutich.songlo")
    leader.goto(live_site + "/staff/opinion/")
    rows = leader.locator("main table tbody tr")
    position = next(i for i, text in enumerate(rows.all_inner_texts()) if QUARRY.lower() in text.lower())
    for above in range(position):
        assert rows.nth(above).locator("td").nth(5).inner_text().strip(), (
            "a row without an alert above the quarry"
        )
    top = rows.nth(position)
    cells = top.locator("td")
    # At least the six of this journey in the last 7 days, rising (the demo's own quarry complaints may join them).
    recent = cells.nth(4).inner_text()
    assert int(recent.split()[0]) >= 6 and "↑" in recent, recent
    assert cells.nth(5).inner_text().strip() in {"Cảnh báo", "Khẩn"}  # the alert's level
    quarry_rows = [t for t in rows.all_inner_texts() if "núi đanh" in t.lower()]
    assert len(quarry_rows) == 1, quarry_rows
    for village in ("Thôn Bãi Sậy", "Thôn Bến Đò", "Thôn Đồng Cả"):
        assert village in quarry_rows[0]
    leader.screenshot(path=artifacts / "opinion-board-laptop.png")  # what the screen shows first
    chairman_phone = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True, timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()
    login(chairman_phone, live_site, "chutich.songlo")
    chairman_phone.goto(live_site + "/staff/opinion/")
    assert QUARRY.lower() in chairman_phone.locator("main table tbody").inner_text().lower()
    assert chairman_phone.evaluate("document.documentElement.scrollWidth") <= 360
    chairman_phone.screenshot(path=artifacts / "opinion-board-phone.png")
    # The trends open at the latest week and the totals, each topic's name still in view (not at the oldest week).
    chairman_phone.goto(live_site + "/staff/opinion/trends/")
    heads = chairman_phone.locator("table.trends thead th")
    latest, total, topic = (
        heads.nth(heads.count() - 2).bounding_box(),
        heads.nth(heads.count() - 1).bounding_box(),
        chairman_phone.locator("table.trends tbody th").first.bounding_box(),
    )
    assert latest and total and topic
    assert latest["x"] >= 0 and total["x"] + total["width"] <= 360, (latest, total)
    assert topic["x"] >= 0 and topic["x"] + topic["width"] <= latest["x"] + 1, (topic, latest)
    assert chairman_phone.evaluate("document.documentElement.scrollWidth") <= 360
    chairman_phone.screenshot(path=artifacts / "opinion-trends-phone.png")
    chairman_phone.context.close()

    # 6. The issue holds all six signals (the petitions' and the book's), masked, and its alert.
    top.locator("td a").first.click()
    leader.wait_for_url("**/staff/opinion/issues/*/")
    signals = leader.locator("main table tbody tr")
    assert signals.count() == 6, signals.all_inner_texts()
    texts = " ".join(signals.all_inner_texts())
    assert "0977" not in texts and "Nông Thị Mơ" not in texts
    leader.locator("main ul.plain a[href*='/staff/opinion/alerts/']").first.click()
    leader.wait_for_url("**/staff/opinion/alerts/*/")
    alert_url = leader.url
    page = leader.content()
    why = leader.locator("main section").first.inner_text()
    assert "6 ý kiến trong 3 ngày" in why and "3 thôn cùng phản ánh" in why, why  # why, in words
    assert "Mới phát sinh" in page

    # 7. Acknowledge, assign to the mobilisation officer with a deadline, link the petition sent from the phone.
    leader.get_by_role("link", name="Tiếp nhận", exact=True).click()
    leader.fill("textarea[name=note]", "Đã nắm tình hình, giao kiểm tra ngay")
    leader.locator("main form button[type=submit]").click()
    leader.wait_for_url(alert_url)
    officer = _last_line(
        site_shell(
            "from gandan.accounts.models import User\nprint(User.objects.get(username='danvan.songlo').pk)"
        )
    )
    leader.get_by_role("link", name="Giao xử lý", exact=True).click()
    leader.select_option("select[name=assignee]", value=officer)
    due = today_vn(leader, 7)
    leader.fill("input[name=due]", due)
    leader.fill("textarea[name=note]", "Phối hợp với mỏ đá kiểm tra việc nổ mìn, báo cáo trước hạn")
    leader.locator("main form button[type=submit]").click()
    leader.wait_for_url(alert_url)
    assert f"hạn {due}" in leader.content()
    leader.get_by_role("link", name="Liên kết đơn").first.click()
    leader.fill("input[name=code]", online_code)
    leader.locator("main form button[type=submit]").click()
    leader.wait_for_url(alert_url)
    linked = leader.locator("main a[href*='/staff/petitions/']", has_text=online_code)
    assert linked.count() == 1

    # 8. The petition is answered through the petitions pages: assigned, taken up, answered.
    with leader.expect_navigation():
        linked.click()
    case_url = leader.url
    act(leader, "assign", {"assignee": "Trần Văn Nam"})
    handler = staff(browser)
    login(handler, live_site, "xuly.songlo")
    handler.goto(case_url)
    act(handler, "accept")
    act(
        handler,
        "decide",
        {"resolution": "Đã yêu cầu mỏ đá Núi Đanh dừng nổ mìn, kiểm định và hỗ trợ sửa chữa các nhà bị nứt."},
    )

    # 9. The alert has closed by itself, and its history tells the whole story.
    leader.goto(alert_url)
    facts = leader.locator("dl.facts").inner_text()
    assert "Đã đóng" in facts
    history = leader.locator("main table tbody").inner_text()
    for step in ("Mới phát sinh", "Đã tiếp nhận", "Được giao", "Liên kết đơn", "Tự đóng"):
        assert step in history, step
    assert "Đã nắm tình hình, giao kiểm tra ngay" in history
    assert history.count(online_code) >= 2  # linked, then the case that settled it
    assert "đã xong" in leader.locator("main").inner_text()  # the linked petition, settled
    assert leader.get_by_role("link", name="Tiếp nhận", exact=True).count() == 0
    leader.screenshot(path=artifacts / "opinion-alert-closed.png", full_page=True)

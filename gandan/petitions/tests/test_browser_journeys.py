"""Petitions in a real browser, against the real server (gunicorn, demo database): a complaint from a reception
session to its decision and the citizen's lookup; a denunciation sent online, seen redacted by the verifier and
opened, with a reason, by the resolver."""

import re

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def act(page, action, fields=None, checks=()):
    """Open the action's panel on the case page, fill its form and send it; no error may come back."""
    form = page.locator(f"form[action$='/act/{action}/']")
    form.locator("xpath=..").locator("summary").click()
    for name, value in (fields or {}).items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(index=1) if value is None else field.select_option(label=value)
        else:
            field.fill(value)
    for name in checks:
        form.locator(f"[name='{action}-{name}']").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    errors = page.locator(".msg-error, p.error[role=alert]")
    assert errors.count() == 0, errors.all_inner_texts()


def staff(browser):
    # The site's time zone, so that "today" and "now" in the forms are the server's, whatever the machine's.
    return browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()


def now_vn(page, minutes_ago=2):
    return page.evaluate(
        f"(() => {{ const d = new Date(Date.now() - {minutes_ago} * 6e4); const p = n => String(n).padStart(2, '0'); "
        "return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear() + ' ' + p(d.getHours()) + ':' "
        "+ p(d.getMinutes()); })()"
    )


def today_vn(page, days=0, time=""):
    value = page.evaluate(
        f"(() => {{ const d = new Date(Date.now() + ({days}) * 864e5); return String(d.getDate()).padStart(2, '0') "
        "+ '/' + String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear(); })()"
    )
    return f"{value} {time}".strip()


def test_reception_complaint_is_assigned_accepted_heard_decided_and_looked_up(
    live_site, browser, phone, artifacts
):
    # 1. At the reception desk the officer writes the citizen's complaint in the book, creating the petition.
    desk = staff(browser)
    login(desk, live_site, "motcua.songlo")
    desk.goto(live_site + "/staff/petitions/reception/records/new/")
    desk.fill("input[name=at]", now_vn(desk))
    desk.fill("input[name=citizen_name]", "Hoàng Văn Thụ")
    desk.fill("input[name=citizen_address]", "Thôn Đồng Thịnh, xã Sông Lô")
    desk.fill("input[name=phone]", "0912 888 456")
    desk.select_option("select[name=kind]", "complaint")
    desk.fill(
        "textarea[name=content]",
        "Tôi khiếu nại quyết định thu hồi 120 mét vuông đất vườn của gia đình tôi "
        "để làm đường liên thôn, vì chưa được bồi thường cây trồng trên đất.",
    )
    desk.check("input[name=create_petition]")
    with desk.expect_navigation():
        desk.locator("main form button[type=submit]").last.click()
    errors = desk.locator("[role=alert]")
    assert errors.count() == 0, errors.all_inner_texts()
    code = re.search(r"DT-\d{5}-\d{2}-\d{5}", desk.content()).group(0)
    desk.screenshot(path=artifacts / "petition-reception-record.png", full_page=True)

    # 2. The chairman assigns it to the handler.
    leader = staff(browser)
    login(leader, live_site, "chutich.songlo")
    leader.goto(live_site + "/staff/petitions/?worklist=new")
    leader.get_by_role("link", name=code).click()
    act(leader, "assign", {"assignee": "Trần Văn Nam"})
    case_url = leader.url

    # 3. The handler accepts it, holds the dialogue and decides.
    handler = staff(browser)
    login(handler, live_site, "xuly.songlo")
    handler.goto(live_site + "/staff/petitions/?worklist=mine")
    handler.get_by_role("link", name=code).click()
    act(handler, "accept")
    assert handler.locator("a[href*='/documents/']").count() == 1  # the acceptance notice
    # Held, so at a time already past (the service refuses a "held" dialogue still ahead).
    act(
        handler,
        "dialogue",
        {
            "scheduled_at": now_vn(handler),
            "place": "Trụ sở UBND xã Sông Lô",
            "notified_on": today_vn(handler, -6),
            "minutes": "Ông Thụ trình bày; cán bộ địa chính giải thích phương án bồi thường.",
        },
        checks=["held"],
    )
    act(
        handler,
        "decide",
        {"resolution": "Bổ sung bồi thường cây trồng trên diện tích đất thu hồi.", "number": "25/QĐ-UBND"},
    )
    pdf = handler.request.get(
        live_site + handler.locator("a[href*='/documents/']").last.get_attribute("href")
    )
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    handler.screenshot(path=artifacts / "petition-decided.png", full_page=True)
    assert handler.url == case_url

    # 4. The citizen looks it up on a phone: status and steps, nothing personal.
    phone.goto(live_site + "/kien-nghi/tra-cuu/")
    phone.fill("input[name=code]", code)
    phone.fill("input[name=phone_last4]", "8456")
    with phone.expect_navigation():
        phone.locator("main form button[type=submit]").click()
    assert code in phone.content()
    assert "8456" not in phone.url  # the digits were posted: the address is the signed link
    assert "Hoàng Văn Thụ" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=artifacts / "petition-lookup-phone.png", full_page=True)


def test_online_denunciation_verifier_sees_redacted_resolver_opens_identity_audited(
    live_site, browser, phone, artifacts
):
    # 1. A citizen denounces online, on a phone, and reads how the identity is protected.
    phone.goto(live_site + "/kien-nghi/gui/")
    assert "bảo vệ" in phone.content()
    phone.locator("input[name=kind][value=denunciation]").check()
    phone.fill("input[name=subject]", "Tố cáo trưởng thôn Cao Phong thu tiền trái quy định")
    phone.fill(
        "textarea[name=content]",
        "Trưởng thôn Cao Phong thu của mỗi hộ 300.000 đồng gọi là tiền làm "
        "đường nhưng không có biên lai, không họp dân.",
    )
    phone.fill("input[name=name]", "Lương Thị Kín")
    phone.fill("input[name=address]", "Thôn Cao Phong, xã Sông Lô")
    phone.fill("input[name=phone]", "0966 123 789")
    phone.check("input[name=consent]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    with phone.expect_navigation():
        phone.locator("main form[enctype] button[type=submit]").click()
    code = re.search(r"DT-\d{5}-\d{2}-\d{5}", phone.content()).group(0)
    phone.screenshot(path=artifacts / "denunciation-submitted-phone.png", full_page=True)

    # 2. The chairman assigns it (he becomes its resolver); the handler accepts it and asks the inspector to verify.
    leader = staff(browser)
    login(leader, live_site, "chutich.songlo")
    leader.goto(live_site + "/staff/petitions/?worklist=new")
    with leader.expect_navigation():
        leader.get_by_role("link", name=code).click()
    assert "Lương Thị Kín" not in leader.content()
    act(leader, "assign", {"assignee": "Trần Văn Nam"})
    case_url = leader.url
    handler = staff(browser)
    login(handler, live_site, "xuly.songlo")
    handler.goto(case_url)
    act(handler, "accept")
    act(
        handler,
        "add_task",
        {"title": "Xác minh việc thu tiền làm đường", "assignee": None, "due": today_vn(handler, 10)},
    )

    # 3. The verifier works on the redacted copy: the content, never the name, and no way to open it.
    verifier = staff(browser)
    login(verifier, live_site, "thanhtra.songlo")
    verifier.goto(case_url)
    assert "300.000 đồng" in verifier.content()
    for secret in ("Lương Thị Kín", "0966", "123 789", "123789"):
        assert secret not in verifier.content()
    assert verifier.locator("form[action$='/identity/']").count() == 0
    verifier.screenshot(path=artifacts / "denunciation-verifier.png", full_page=True)

    # 4. The resolver opens the identity with a reason; the audit trail shows who, when and why.
    leader.goto(case_url)
    leader.fill(
        "form[action$='/identity/'] textarea[name=reason]", "Cần liên hệ người tố cáo để bổ sung chứng cứ"
    )
    with leader.expect_navigation():
        leader.locator("form[action$='/identity/'] button[type=submit]").click()
    assert "Lương Thị Kín" in leader.content()
    leader.screenshot(path=artifacts / "denunciation-identity.png", full_page=True)
    leader.goto(live_site + "/staff/audit/")
    audit = leader.content()
    assert "Cần liên hệ người tố cáo để bổ sung chứng cứ" in audit
    assert code in audit or "denunciator_identity" in audit

"""The one-stop desk's journeys in a real browser, against the real server (gunicorn, demo database)."""

import json
import re

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PROCEDURE = "Cấp Giấy xác nhận tình trạng hôn nhân"


def submit(page, button):
    """Press a form's button and wait for the page it leads to, not the one still shown."""
    with page.expect_navigation():
        button.click()


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def act(page, action, fields=None):
    """Open the action's panel on the dossier page, fill its form and send it."""
    form = page.locator(f"form[action$='/act/{action}/']")
    form.locator("xpath=..").locator("summary").click()
    for name, value in (fields or {}).items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            if value is None:
                field.select_option(index=1)
            else:  # an officer is offered as "name — position": chosen by the name
                option = field.locator("option", has_text=value).first
                field.select_option(value=option.get_attribute("value"))
        else:
            field.fill(value)
    submit(page, form.locator("button[type=submit]"))


def test_citizen_submits_online_desk_accepts_handler_processes_citizen_looks_up_and_rates(
    live_site, browser, phone, artifacts
):
    # 1. A citizen on a phone submits the dossier online.
    phone.goto(live_site + "/")
    phone.locator("a.tile[href='/ho-so/nop/']").click()
    phone.fill("input[name=q]", "tinh trang hon nhan")
    phone.locator("form.filters button").click()
    phone.get_by_text(PROCEDURE).click()
    phone.fill("input[name=applicant_name]", "Nguyễn Thị Hòa")
    phone.fill("input[name=id_number]", "025190012345")
    phone.fill("input[name=applicant_phone]", "0912 345 678")
    phone.fill("input[name=applicant_address]", "Thôn Bến Đò, xã Sông Lô")
    phone.fill("textarea[name=request]", "Xin xác nhận tình trạng hôn nhân để đăng ký kết hôn")
    phone.check("input[name=confirm]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    submit(phone, phone.locator("form[enctype] button[type=submit]"))
    # The confirmation: it worked, the code on one line (no wrap on a 360-px phone), the receipt as a PDF.
    assert "đã được gửi thành công" in phone.locator("h1").inner_text()
    box = phone.locator("#dossier-code")
    code = re.fullmatch(r"\d{5}-\d{6}-\d{4}", box.inner_text()).group(0)
    line_height = box.evaluate("el => parseFloat(getComputedStyle(el).fontSize) * 1.6")
    assert box.bounding_box()["height"] < line_height + 20  # one line, with its padding and border
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    receipt = phone.request.get(live_site + phone.locator("a[href$='.pdf']").get_attribute("href"))
    assert receipt.status == 200 and receipt.body().startswith(b"%PDF")
    phone.screenshot(path=artifacts / "dossier-submitted-phone.png", full_page=True)

    # 2. The desk officer finds it among the new dossiers, accepts it and prints Form 01.
    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(desk, live_site, "motcua.songlo")
    desk.goto(live_site + "/staff/dossiers/?worklist=new")
    desk.get_by_role("link", name=code).click()
    form = desk.locator("form[action$='/act/accept/']")
    form.locator("xpath=..").locator("summary").click()
    for box in form.locator("tr.paper input[name$='_received']").all():  # the citizen brought the papers
        box.check()
    submit(desk, form.locator("button[type=submit]"))
    assert desk.locator("[role=alert]").count() == 0
    pdf = desk.request.get(live_site + desk.locator("a[href$='/form/01.pdf']").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    act(desk, "transfer", {"to_user": "Trần Văn Nam"})
    desk.screenshot(path=artifacts / "dossier-desk.png", full_page=True)
    dossier_url = desk.url

    # 3. The handler processes it.
    handler = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(handler, live_site, "xuly.songlo")
    handler.goto(live_site + "/staff/dossiers/?worklist=mine")
    handler.get_by_role("link", name=code).click()
    act(handler, "complete", {"result_note": "Đã cấp Giấy xác nhận tình trạng hôn nhân"})

    # 4. The desk returns the result.
    desk.goto(dossier_url)
    act(desk, "return_result", {"result_number": "Giấy khai sinh số 125/2026"})

    # 5. The citizen looks it up by code and phone digits, and rates the service.
    phone.goto(live_site + "/ho-so/tra-cuu/")
    phone.fill("input[name=code]", code)
    phone.fill("input[name=phone_last4]", "5678")
    submit(phone, phone.locator("form.card button[type=submit]"))
    assert code in phone.locator("h1").inner_text()
    assert "5678" not in phone.url  # the digits were posted: the address is the signed link
    assert "Nguyễn Thị Hòa" not in phone.content()  # nothing personal on the public page
    assert "025190012345" not in phone.content()
    phone.locator("a[href*='/ho-so/danh-gia/']").click()
    # Wait for the rating page itself, not the lookup still shown.
    phone.locator("form.rating fieldset").first.wait_for()
    for question in phone.locator("form.rating fieldset").all():
        question.locator("input[type=radio]").first.check()
    submit(phone, phone.locator("form.rating button[type=submit]"))
    assert phone.locator("form.rating").count() == 0  # thanked, not sent back with errors
    assert phone.locator("h1").count() == 1
    assert code in phone.content()
    phone.screenshot(path=artifacts / "dossier-rated-phone.png", full_page=True)


def test_overdue_dossier_needs_form_04_and_counts_late(live_site, browser, site_shell, artifacts):
    handler = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(handler, live_site, "xuly.songlo")
    month = handler.evaluate("new Date().toISOString().slice(0, 7)")
    before = json.loads(handler.request.get(f"{live_site}/api/v1/dossiers/indicators?month={month}").text())
    # A dossier received two weeks ago for a 3-working-day procedure is overdue today.
    code = site_shell(
        "import datetime as dt\n"
        "from django.utils import timezone\n"
        "from gandan.accounts.models import User\n"
        "from gandan.dossiers import services\n"
        "from gandan.dossiers.models import Procedure\n"
        "desk = User.objects.get(username='motcua.songlo'); handler = User.objects.get(username='xuly.songlo')\n"
        "at = timezone.now() - dt.timedelta(days=14)\n"
        "d = services.dossier_submit(procedure=Procedure.objects.get(code='1.004194'), unit=desk.unit, channel=1,"
        " applicant_name='Lê Văn Hùng', applicant_phone='0987654321', applicant_address='Thôn Bãi Sậy', by=desk,"
        " at=at, present_component_ids=list(Procedure.objects.get(code='1.004194').components.values_list('id',"
        " flat=True)))\n"
        "d = services.dossier_accept(dossier=d, by=desk, at=at)\n"
        "services.dossier_transfer(dossier=d, by=desk, to_user=handler)\n"
        "print(d.code)"
    ).splitlines()[-1]

    handler.goto(live_site + "/staff/dossiers/?worklist=overdue")
    with handler.expect_navigation():
        handler.get_by_role("link", name=code).click()
    assert handler.locator("p.msg-error[role=alert]").is_visible()  # the overdue banner
    # Completing without an apology is refused, and says why.
    act(handler, "complete")
    assert "04" in handler.locator(".msg-error").first.inner_text()
    # Form 04: the reason and a new appointment.
    new_day = handler.evaluate(
        "(() => { const d = new Date(Date.now() + 3 * 864e5); "
        "return String(d.getDate()).padStart(2, '0') + '/' + String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear(); })()"
    )
    act(
        handler, "apologize", {"reason": "Chờ xác minh thông tin cư trú tại thôn", "new_appointment": new_day}
    )
    pdf = handler.request.get(live_site + handler.locator("a[href$='/form/04.pdf']").get_attribute("href"))
    assert pdf.status == 200
    act(handler, "complete")
    handler.screenshot(path=artifacts / "dossier-apology.png", full_page=True)

    desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(desk, live_site, "motcua.songlo")
    desk.goto(handler.url)
    act(desk, "return_result", {"result_number": "Giấy khai sinh số 125/2026"})
    after = json.loads(desk.request.get(f"{live_site}/api/v1/dossiers/indicators?month={month}").text())
    assert after["counted"] == before["counted"] + 1
    assert after["on_time"] == before["on_time"]  # returned late: counted, not on time


BIRTH = "Đăng ký khai sinh"
PAPERS = ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Văn bản ủy quyền")


def _pdf_text(response) -> str:
    from gandan.tests_support import pdf_flat

    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return pdf_flat(response.body())


def _papers_panel(page, action):
    """Open the action's panel and return its form (whose checklist has one row per paper)."""
    form = page.locator(f"form[action$='/act/{action}/']")
    form.locator("xpath=..").locator("summary").click()
    return form


def test_birth_registration_with_three_papers_checked_at_the_desk_requested_and_accepted(
    live_site, phone, laptop, browser, artifacts
):
    from gandan.kit.tests.files import pdf_bytes

    # 0. The chairman's home: the month's figures before the dossier comes.
    chairman = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(chairman, live_site, "chutich.songlo")
    received_before = _home_count(chairman, live_site, "dossiers-indicators", "Hồ sơ tiếp nhận")

    # 1. On a phone, the grandmother submits the child's birth registration with three scanned papers.
    phone.goto(live_site + "/ho-so/nop/")
    phone.fill("input[name=q]", "khai sinh")
    phone.locator("form.filters button").click()
    phone.get_by_role("link", name=BIRTH, exact=True).click()
    phone.fill("input[name=applicant_name]", "Hoàng Thị Lan")
    phone.fill("input[name=applicant_phone]", "0912 777 888")
    phone.fill("input[name=applicant_address]", "Thôn Bến Đò, xã Sông Lô")
    phone.fill("input[name=app_ten_tre]", "Hoàng Minh Khôi")
    phone.select_option("select[name=app_gioi_tinh]", "Nam")
    birthday = phone.evaluate(
        "(() => { const d = new Date(Date.now() - 10 * 864e5); return String(d.getDate()).padStart(2, '0') + '/' "
        "+ String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear(); })()"
    )
    phone.fill("input[name=app_ngay_sinh]", birthday)
    phone.fill("input[name=app_noi_sinh]", "Trạm Y tế xã Sông Lô")
    phone.fill("input[name=app_dan_toc]", "Kinh")
    phone.fill("input[name=app_quoc_tich]", "Việt Nam")
    phone.fill("input[name=app_ten_me]", "Nguyễn Thị Mai")
    phone.fill("input[name=app_noi_cu_tru_cha_me]", "Thôn Bến Đò, xã Sông Lô")
    phone.select_option("select[name=app_quan_he]", "Bà")
    for name in PAPERS:
        slot = phone.get_by_label(name, exact=False).first
        slot.set_input_files({"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    phone.check("input[name=confirm]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    submit(phone, phone.locator("form[enctype] button[type=submit]"))
    code = re.search(r"\d{5}-\d{6}-\d{4}", phone.locator("main").inner_text()).group(0)

    # 2. The desk officer opens it: every field typed, the three files, each viewable.
    login(laptop, live_site, "motcua.songlo")
    laptop.goto(live_site + "/staff/dossiers/?worklist=new")
    laptop.get_by_role("link", name=code).click()
    assert "Hoàng Minh Khôi" in laptop.locator("dl.facts").inner_text()
    assert birthday in laptop.locator("dl.facts").inner_text()
    files = laptop.locator("ul.files li.file")
    assert files.count() == 3
    for name in PAPERS:
        assert files.filter(has_text=name).count() == 1
    viewed = laptop.request.get(live_site + files.first.locator("a[target=_blank]").get_attribute("href"))
    assert viewed.status == 200 and viewed.headers["content-disposition"].startswith("inline")

    # 3. Two papers are right; the authorisation (the grandmother files for the parents) must be brought: Form 02.
    form = _papers_panel(laptop, "request_supplement")
    third = form.locator("tr.paper", has_text="Văn bản ủy quyền")
    third.locator("input[name$='_applies']").check()
    for (
        name
    ) in PAPERS:  # a file sent is not a paper checked: nothing starts ticked, each file is beside its paper
        row = form.locator("tr.paper", has_text=name)
        assert not row.locator("input[name$='_received']").is_checked()
        assert row.locator("a[target=_blank]").count() == 1
    for name in PAPERS[:2]:  # the officer opened them: these two are right
        form.locator("tr.paper", has_text=name).locator("input[name$='_received']").check()
    form.locator("[name='request_supplement-reason']").fill("Cần bản chính văn bản ủy quyền của cha, mẹ")
    submit(laptop, form.locator("button[type=submit]"))
    assert laptop.locator(".msg-error").count() == 0
    text = _pdf_text(
        laptop.request.get(live_site + laptop.locator("a[href$='/form/02.pdf']").get_attribute("href"))
    )
    items = text.split("nội dung sau:")[1].split("Lý do")[0]
    assert "Văn bản ủy quyền" in items
    assert "Giấy chứng sinh" not in items and "Tờ khai đăng ký khai sinh" not in items
    laptop.screenshot(path=artifacts / "dossier-papers-requested.png", full_page=True)

    # 4. The authorisation comes: papers received, then accepted; Form 01 lists the three papers.
    form = _papers_panel(laptop, "receive_supplement")
    form.locator("tr.paper", has_text="Văn bản ủy quyền").locator("input[name$='_received']").check()
    submit(laptop, form.locator("button[type=submit]"))
    act(laptop, "accept")
    assert laptop.locator(".msg-error").count() == 0
    text = _pdf_text(
        laptop.request.get(live_site + laptop.locator("a[href$='/form/01.pdf']").get_attribute("href"))
    )
    for name in PAPERS:
        assert name in text
    assert "Hoàng Minh Khôi" in text

    # 5. Handed to the handler, who finds it among his dossiers.
    handler = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
    login(handler, live_site, "xuly.songlo")
    in_hands_before = _home_count(handler, live_site, "dossiers-mine", "Đang trong tay tôi")
    act(laptop, "transfer", {"to_user": "Trần Văn Nam"})
    laptop.screenshot(path=artifacts / "dossier-accepted.png", full_page=True)
    handler.goto(live_site + "/staff/dossiers/?worklist=mine")
    handler.get_by_role("link", name=code).click()
    assert "Hoàng Minh Khôi" in handler.locator("dl.facts").inner_text()

    # 6. His home ("Việc của tôi") counts it among the dossiers in his hands and lists it, unless five of them are
    # due earlier (the home lists the five earliest appointments; the demo's dossiers depend on the hour it was
    # loaded); the chairman's month counts it.
    assert _home_count(handler, live_site, "dossiers-mine", "Đang trong tay tôi") == in_hands_before + 1
    listed = handler.locator("#dossiers-mine a.code")
    assert listed.filter(has_text=code).count() == 1 or listed.count() == 5
    handler.screenshot(path=artifacts / "handler-home.png", full_page=True)
    assert _home_count(chairman, live_site, "dossiers-indicators", "Hồ sơ tiếp nhận") == received_before + 1


def _home_count(page, live_site: str, section: str, label: str) -> int:
    """A figure of a section of the staff home, by its label."""
    page.goto(live_site + "/staff/")
    item = page.locator(f"#{section} .home-counts li", has_text=label).first
    return int(re.sub(r"\D", "", item.locator("b").inner_text()))

"""The journey of issue 18, in a real browser against the real server (gunicorn, the demo database): a citizen on a
360-px phone reports a pothole where she stands — her position from the phone, a photo that carries the camera's GPS
position — and gets the report's code; the commune's officer finds it in his queue of new reports, begins the work
and marks it fixed with a note; the public list shows it fixed, and neither the list, the report's page nor the
published photo gives away who reported it or where exactly she stood."""

import io
import re
from urllib.request import urlopen

import pytest
from PIL import Image
from playwright.sync_api import expect

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

DESCRIPTION = (
    "Ổ gà sâu khoảng 20 cm ngay trước cổng trường tiểu học, xe máy đi qua rất dễ ngã (hành trình thử)."
)
FIXED_NOTE = "Đã vá ổ gà bằng bê tông nhựa nguội, cắm biển báo trong 2 ngày chờ khô."
NAME, PHONE = "Trần Thị Hoa", "0987 654 321"
# Her exact position, near a village of xã Sông Lô (gandan/fieldreports/data/places.json): never to be published.
LAT, LONG = 21.413377, 105.385411


def gps_photo() -> bytes:
    """A JPEG as a phone takes it: with the GPS position in its EXIF."""
    image = Image.new("RGB", (640, 480), (120, 110, 100))
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 24.0, 48.16), 3: "E", 4: (105.0, 23.0, 7.48)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def login(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def no_error(page):
    errors = page.locator(".msg-error, p.error[role=alert], .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def narrow(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width} px)"


def test_a_pothole_reported_from_a_phone_is_fixed_in_public_without_its_reporter(
    live_site, browser, artifacts, tmp_path
):
    # 1. On her phone, the citizen chooses the kind of problem, then describes it, takes her position and a photo.
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        has_touch=True,
        geolocation={"latitude": LAT, "longitude": LONG},
        permissions=["geolocation"],
    )
    phone = context.new_page()
    phone.goto(live_site + "/phan-anh/gui/?xa=08848")
    phone.check("input[name=loai][value=duong-hu-hong]")
    with phone.expect_navigation():
        phone.locator("main form button[type=submit]").click()
    narrow(phone)
    phone.check("input[name=q_muc_do][value=lon]")
    phone.fill("textarea[name=description]", DESCRIPTION)
    phone.locator("[data-fr-locate]").click()
    expect(phone.locator("input[name=lat]")).not_to_have_value("")
    photo = tmp_path / "o-ga.jpg"
    photo.write_bytes(gps_photo())
    phone.set_input_files("input[name=photos]", str(photo))
    phone.fill("input[name=name]", NAME)
    phone.fill("input[name=phone]", PHONE)
    phone.locator("main form.card button[type=submit]").last.click()
    phone.wait_for_url(re.compile(r".*/phan-anh/PA-[^/]+/.*"))
    no_error(phone)
    code = re.search(r"PA-\d+-\d{2}-\d{5}", phone.url).group(0)
    assert code in phone.content()
    narrow(phone)
    phone.screenshot(path=str(artifacts / "fieldreports-sent-phone.png"), full_page=True)

    # 2. The commune's officer finds it among the new reports and opens it: the exact place is his to see.
    officer = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    ).new_page()
    login(officer, live_site, "xuly.songlo")
    officer.goto(live_site + "/staff/fieldreports/?worklist=new")
    officer.locator(f"a:has-text('{code}')").first.click()
    officer.wait_for_url(re.compile(r".*/staff/fieldreports/\d+/$"))
    page = officer.content()
    assert DESCRIPTION[:40] in page and "21.4133" in page
    assert NAME not in page  # the reporter's contacts are shown only on request, and that read is audited

    # 3. He begins the work, then marks it fixed with a note the reporter and the public read.
    officer.locator("#act-start summary").click()
    officer.fill("#act-start textarea", "Đã cử công chức giao thông kiểm tra hiện trường.")
    with officer.expect_navigation():
        officer.locator("#act-start button[type=submit]").click()
    no_error(officer)
    officer.locator("#act-fix summary").click()
    officer.fill("#act-fix textarea", FIXED_NOTE)
    confirm = officer.locator("#act-fix input[type=checkbox]")
    if confirm.count():
        confirm.check()
    with officer.expect_navigation():
        officer.locator("#act-fix button[type=submit]").click()
    no_error(officer)
    assert "Đã khắc phục" in officer.content()
    officer.screenshot(path=str(artifacts / "fieldreports-fixed-officer.png"), full_page=True)

    # 4. On the public list of the commune, it shows as fixed; its page tells what was done.
    phone.goto(live_site + "/phan-anh/?xa=08848&tinh-trang=fixed")
    listing = phone.content()
    assert code in listing
    row = phone.locator(f"li:has-text('{code}'), tr:has-text('{code}')").first
    assert "Đã khắc phục" in row.inner_text()
    narrow(phone)
    phone.goto(live_site + f"/phan-anh/{code}/")
    public = phone.content()
    assert "Đã khắc phục" in public and FIXED_NOTE[:30] in public
    for private in (NAME, "0987", "654 321", "0987654321", f"{LAT:.4f}", f"{LONG:.4f}"):
        assert private not in listing and private not in public, private
    narrow(phone)
    phone.screenshot(path=str(artifacts / "fieldreports-fixed-phone.png"), full_page=True)

    # 5. The published photo is the picture without the position the camera wrote into it.
    src = phone.locator("main img").first.get_attribute("src")
    with urlopen(live_site + src) as answer:
        published = Image.open(io.BytesIO(answer.read()))
        assert not published.getexif().get_ifd(0x8825)
        assert published.size == (640, 480)
    context.close()

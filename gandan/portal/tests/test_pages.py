"""The site shell: the public home, the staff home and its menu, health, API docs, language switch, error pages."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client, RequestFactory

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.portal.errors import server_error
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SONG_LO_VILLAGES = [
    "Thôn Bãi Sậy", "Thôn Bến Đò", "Thôn Đồng Cả", "Thôn Đồng Giang", "Thôn Lũng Hạ", "Thôn Tân Phong",
    "Thôn Thượng Lạp",
]  # fmt: skip


def html_of(response) -> str:
    return response.content.decode()


def html_lang(response) -> str:
    found = re.search(r'<html lang="([^"]+)">', html_of(response))
    assert found is not None, "the page has no <html lang>"
    return found.group(1)


# --- Public home ------------------------------------------------------------------------------------------------


def test_the_public_home_shows_song_lo_with_its_province_without_login():
    response = Client().get("/")

    assert response.status_code == 200
    html = html_of(response)
    assert re.search(r"<h1>Xã Sông Lô <span[^>]*>— Phú Thọ</span></h1>", html)
    assert "<title>Xã Sông Lô · Gần Dân</title>" in html


def test_the_public_home_lists_the_villages_in_alphabetical_order():
    shown = re.findall(r"<li>(Thôn [^<]+)</li>", html_of(Client().get("/")))

    assert shown == SONG_LO_VILLAGES


def test_the_public_home_lists_the_former_units_with_their_former_district_and_province():
    html = html_of(Client().get("/"))

    for former in ("Xã Tứ Yên", "Xã Đồng Thịnh", "Xã Đức Bác", "Xã Yên Thạch"):
        assert f'<li>{former} <span class="muted">(Huyện Sông Lô, Tỉnh Vĩnh Phúc)</span></li>' in html
    assert "Thị trấn Tam Sơn" not in html  # another commune's former unit


def test_the_public_home_links_to_the_working_day_calculator():
    assert 'href="/lich-lam-viec/"' in html_of(Client().get("/"))


def test_the_portal_commune_is_chosen_by_setting(settings):
    settings.GANDAN_PORTAL_UNIT = "08824"

    html = html_of(Client().get("/"))

    assert re.search(r"<h1>Xã Tam Sơn <span", html)
    assert "<li>Thôn Bình Hòa</li>" in html and "Thôn Bến Đò" not in html


def test_an_unknown_portal_commune_shows_a_setup_hint_not_an_error(settings):
    settings.GANDAN_PORTAL_UNIT = "99999"

    response = Client().get("/")

    assert response.status_code == 200
    assert '<p class="empty">' in html_of(response)
    assert "GANDAN_PORTAL_UNIT" in html_of(response)


def test_the_public_home_refuses_posts():
    assert Client().post("/").status_code == 405


# --- Staff home -------------------------------------------------------------------------------------------------


def test_the_staff_home_needs_login():
    response = Client().get("/staff/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/staff/"


def widgets(response) -> dict[str, tuple[str, str]]:
    """{link: (value, note)} of the widgets on the staff home."""
    found = re.findall(
        r'<a class="card stat" href="([^"]+)">\s*<span>[^<]*</span>\s*<b>([^<]*)</b>\s*(?:<small>([^<]*)</small>)?',
        html_of(response),
    )
    return {url: (value, note) for url, value, note in found}


def test_the_staff_home_shows_the_units_and_next_day_off_widgets(commune_leader):
    with time_machine.travel(dt.datetime(2026, 2, 10, 8, 0, tzinfo=VN)):
        response = client_for(commune_leader).get("/staff/")

    assert response.status_code == 200
    shown = widgets(response)
    assert shown["/staff/units/"] == ("8", "Xã Sông Lô, Phú Thọ")
    assert shown["/staff/calendar/"][0] == "16/02/2026"
    assert "10/02/2026" in html_of(response)  # today, from the (travelled) clock


def test_the_next_day_off_widget_moves_with_the_date(commune_leader):
    with time_machine.travel(dt.datetime(2026, 4, 28, 8, 0, tzinfo=VN)):
        response = client_for(commune_leader).get("/staff/")

    assert widgets(response)["/staff/calendar/"][0] == "30/04/2026"


def test_the_province_supervisor_counts_the_whole_province(province_supervisor):
    value = widgets(client_for(province_supervisor).get("/staff/"))["/staff/units/"][0]

    assert int(value.replace(".", "").replace(",", "")) > 100


def test_the_staff_menu_shows_only_the_modules_the_role_may_open(commune_leader, desk_officer):
    leader_menu = html_of(client_for(commune_leader).get("/staff/"))
    officer_menu = html_of(client_for(desk_officer).get("/staff/"))

    assert 'href="/staff/audit/"' in leader_menu
    assert 'href="/staff/audit/"' not in officer_menu
    assert 'href="/staff/units/"' in officer_menu and 'href="/staff/calendar/"' in officer_menu


def test_the_menu_marks_the_module_of_the_page(desk_officer):
    client = client_for(desk_officer)

    book = html_of(client.get("/staff/petitions/reception/book/"))
    worklist = html_of(client.get("/staff/petitions/?worklist=all"))

    assert 'href="/staff/petitions/reception/days/" aria-current="page"' in book
    assert 'href="/staff/petitions/" aria-current="page"' not in book
    assert 'href="/staff/petitions/" aria-current="page"' in worklist
    assert 'href="/staff/petitions/reception/days/" aria-current="page"' not in worklist


def test_a_staff_account_without_a_unit_sees_a_warning_and_no_widgets(db):
    user = User.objects.create_user(username="chuaganxa", password="x" * 12, full_name="Chưa Gán Xã")
    UserRole.objects.create(user=user, role=Role.UNIT_LEADER)

    response = client_for(user).get("/staff/")

    assert response.status_code == 200
    assert widgets(response) == {}
    assert 'class="msg msg-warning"' in html_of(response)
    assert 'href="/staff/units/"' not in html_of(response)


# --- Health and API docs ----------------------------------------------------------------------------------------


def test_the_health_endpoint_answers_without_login():
    # Its verdicts are tested in operations/tests/test_health.py: the demo has no worker and no backup yet, which
    # is only worth a warning.
    response = Client().get("/api/v1/health")

    assert response.status_code == 200
    assert response.json()["status"] in ("ok", "warn")
    assert response.json()["database"] == "ok"


def test_the_api_docs_render_from_vendored_files_without_a_cdn():
    response = Client().get("/api/docs")

    assert response.status_code == 200
    html = html_of(response)
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "Gần Dân API" in html


def test_the_openapi_schema_documents_the_calendar_and_units_endpoints():
    paths = Client().get("/api/openapi.json").json()["paths"]

    assert {"/api/v1/health", "/api/v1/calendar/due", "/api/v1/calendar/days", "/api/v1/units/"} <= set(paths)


# --- Language ---------------------------------------------------------------------------------------------------


def test_the_site_speaks_vietnamese_by_default():
    response = Client().get("/")

    assert html_lang(response) == "vi"
    assert 'name="language" value="en"' in html_of(response)


def test_the_language_switch_changes_the_page_language_and_back():
    client = Client()

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/lich-lam-viec/"})
    english = client.get("/lich-lam-viec/")
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    vietnamese = client.get("/")

    assert switched.status_code == 302 and switched["Location"] == "/lich-lam-viec/"
    assert html_lang(english) == "en"
    assert 'name="language" value="vi"' in html_of(english)
    assert html_lang(vietnamese) == "vi"


def test_the_language_switch_does_not_redirect_to_another_site():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_unknown_language_leaves_the_site_in_vietnamese():
    client = Client()
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert html_lang(client.get("/")) == "vi"


# --- Error pages ------------------------------------------------------------------------------------------------


def test_an_unknown_page_gets_the_sites_own_404():
    response = Client().get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    assert html_lang(response) == "vi"
    assert 'href="/"' in html_of(response)


def test_a_unit_outside_my_area_gets_the_same_404_page(other_commune_leader, home_commune):
    response = client_for(other_commune_leader).get(f"/staff/units/{home_commune.pk}/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_the_500_page_is_the_sites_own():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Gần Dân" in html_of(response)
    assert 'href="/"' in html_of(response)


def test_a_form_sent_without_its_csrf_token_is_refused_in_vietnamese():
    response = Client(enforce_csrf_checks=True).post("/kien-nghi/gui/", {"body": "Đường làng ngập nước"})

    assert response.status_code == 403
    assert "403_csrf.html" in [t.name for t in response.templates]
    assert html_lang(response) == "vi"
    assert "Chưa gửi được biểu mẫu" in html_of(response)
    assert "CSRF" not in html_of(response).split("<main", 1)[1]

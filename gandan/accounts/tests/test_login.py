"""Staff login: the page, the lockout after wrong passwords, the password hasher and how long a session lasts.

Wording is checked against the translation catalogue of the page's language (never a hard-coded English or
Vietnamese sentence for text whose source is English), so the tests hold before and after translations are compiled.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan import settings as project_settings
from gandan.accounts.forms import LoginForm
from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.demo import DEMO_PASSWORD

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LOGIN = "/accounts/login/"
USERNAME = "chutich.songlo"


def in_vietnamese(message) -> str:
    """The text as a page rendered in Vietnamese shows it (whatever the state of the compiled catalogue)."""
    with override("vi"):
        return escape(gettext(str(message)) if isinstance(message, str) else str(message))


def attempt(client: Client, password: str, *, username: str = USERNAME):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_login_page_is_served_in_vietnamese_by_default(db):
    response = Client().get(LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Gần Dân" in html  # the site's name is Vietnamese in the source
    assert 'name="username"' in html and 'type="password"' in html and 'name="csrfmiddlewaretoken"' in html
    assert in_vietnamese("Staff login") in html
    assert 'value="en"' in html  # the switch offers the other language


def test_a_right_password_logs_in_and_opens_my_work(db):
    client = Client()

    response = attempt(client, DEMO_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert logged_in(client)
    assert client.get("/staff/").status_code == 200


def test_a_deactivated_officer_is_signed_out_at_the_next_request(db):
    client = Client()
    attempt(client, DEMO_PASSWORD)
    assert client.get("/staff/").status_code == 200

    User.objects.filter(username=USERNAME).update(is_active=False)

    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_signed_in_officer_comes_with_the_unit_and_roles(db, django_assert_num_queries):
    """Nearly every staff request reads the officer's unit (scope, intake): it comes with the user."""
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    client = Client()
    attempt(client, DEMO_PASSWORD)
    request = RequestFactory().get("/staff/")
    request.session = client.session

    granted = frozenset(User.objects.get(username=USERNAME).roles.values_list("role", flat=True))

    with django_assert_num_queries(4):  # the session, then the user, the unit and the roles (one row each)
        user = get_user(request)
        assert user.unit.name == "Xã Sông Lô"
        assert user.role_set == granted and len(granted) >= 1
        assert user.can("dossiers.view") and not user.can("calendar.edit")


def test_an_officer_without_roles_signs_in_and_may_do_nothing(db):
    officer = User.objects.get(username=USERNAME)
    officer.roles.all().delete()
    client = Client()
    attempt(client, DEMO_PASSWORD)

    assert logged_in(client)
    assert client.get("/staff/dossiers/").status_code == 403


def test_a_wrong_password_shows_the_message_in_vietnamese_and_keeps_the_username(db):
    client = Client()

    response = attempt(client, "sai-mat-khau")

    assert response.status_code == 200
    assert not logged_in(client)
    html = response.content.decode()
    assert 'class="msg msg-error" role="alert"' in html
    assert in_vietnamese(LoginForm.error_messages["invalid_login"]) in html
    assert f'value="{USERNAME}"' in html


def test_a_wrong_password_says_why_in_english_for_an_english_browser(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(LOGIN, {"username": USERNAME, "password": "wrong"})

    assert '<html lang="en">' in response.content.decode()
    assert "The username or password is not right" in response.content.decode()


def test_a_logged_in_officer_who_opens_the_login_page_goes_to_my_work(commune_leader):
    client = Client()
    client.force_login(commune_leader)

    response = client.get(LOGIN)

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_login_returns_to_the_page_asked_for(db):
    response = Client().post(f"{LOGIN}?next=/staff/units/", {"username": USERNAME, "password": DEMO_PASSWORD})

    assert response["Location"] == "/staff/units/"


def test_login_never_redirects_to_another_site(db):
    response = Client().post(
        LOGIN, {"username": USERNAME, "password": DEMO_PASSWORD, "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/"


# --- Password guessing: a growing delay per account, never a lock against the officer's own browser ---------------

FREE = 5  # GANDAN_LOGIN_FREE_FAILURES
AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)


def wait_message(seconds: int) -> str:
    with override("vi"):
        return escape(gettext(str(LoginForm.error_messages["throttled"])) % {"seconds": seconds})


def test_the_configured_delay_starts_after_five_wrong_passwords_and_never_exceeds_an_hour():
    assert project_settings.GANDAN_LOGIN_FREE_FAILURES == FREE
    assert project_settings.GANDAN_LOGIN_MAX_DELAY == 3600
    assert "axes" not in project_settings.INSTALLED_APPS  # the lock per (username, address) is gone


def test_after_five_wrong_passwords_an_unknown_browser_must_wait_even_with_the_right_password(db):
    with time_machine.travel(AT, tick=False):
        statuses = [attempt(Client(), f"wrong-{i}").status_code for i in range(FREE)]
        client = Client()
        response = attempt(client, DEMO_PASSWORD)

    assert statuses == [200] * FREE
    assert response.status_code == 429
    assert not logged_in(client)
    assert wait_message(1) in response.content.decode()


def test_120_wrong_passwords_from_30_addresses_delay_the_account_for_an_unknown_browser(db):
    with time_machine.travel(AT, tick=False):
        own = Client(REMOTE_ADDR="192.168.1.20")  # the officer's own browser, signed in earlier today
        assert attempt(own, DEMO_PASSWORD).status_code == 302
        own.post("/accounts/logout/")

        statuses = [
            attempt(Client(REMOTE_ADDR=f"203.0.113.{i % 30}"), f"doan-{i}").status_code for i in range(120)
        ]
        stranger = attempt(Client(REMOTE_ADDR="198.51.100.1"), DEMO_PASSWORD)
        officer = attempt(own, DEMO_PASSWORD)
        assert officer.status_code == 302 and logged_in(own)  # the officer's browser signs in at once

    assert statuses[:FREE] == [200] * FREE and set(statuses[FREE:]) == {
        429
    }  # spread over 30 addresses, still slowed
    assert (
        stranger.status_code == 429
    )  # even the right password waits, from a browser the account does not know


def test_the_delay_grows_with_each_wrong_password_and_ends_by_itself(db):
    from django.test import RequestFactory

    from gandan.accounts.loginguard import login_wait

    stranger = RequestFactory().post(LOGIN, REMOTE_ADDR="198.51.100.1")
    clock = AT
    waits = []
    for i in range(FREE + 4):
        with time_machine.travel(clock, tick=False):
            response = attempt(Client(REMOTE_ADDR=f"203.0.113.{i}"), f"wrong-{i}")
            assert response.status_code == 200, i  # each one came after the previous delay
            waits.append(login_wait(stranger, USERNAME))
        clock += dt.timedelta(seconds=max(waits[-1], 1))

    assert waits == [0, 0, 0, 0, 1, 2, 4, 8, 16]
    with time_machine.travel(clock, tick=False):
        assert attempt(Client(), DEMO_PASSWORD).status_code == 302


def test_a_try_during_the_delay_is_not_counted_and_does_not_check_the_password(db):
    with time_machine.travel(AT, tick=False):
        for i in range(FREE):
            attempt(Client(), f"wrong-{i}")
        for i in range(20):
            assert attempt(Client(), f"again-{i}").status_code == 429
    with time_machine.travel(AT + dt.timedelta(seconds=2), tick=False):
        assert attempt(Client(), DEMO_PASSWORD).status_code == 302  # waited 1 s, not 2^20


def test_a_wrong_password_never_says_whether_the_user_exists(db):
    with time_machine.travel(AT, tick=False):
        known = [attempt(Client(), f"wrong-{i}").content.decode() for i in range(FREE + 1)]
        unknown = [
            attempt(Client(), f"wrong-{i}", username="khongco.songlo").content.decode()
            for i in range(FREE + 1)
        ]
        codes = (
            attempt(Client(), "x", username="khongco.songlo").status_code,
            attempt(Client(), "x").status_code,
        )

    def message(page: str) -> str:
        return page.split('role="alert">', 1)[1].split("</div>", 1)[0]

    assert [message(p) for p in known] == [message(p) for p in unknown]
    assert in_vietnamese(LoginForm.error_messages["invalid_login"]) in known[0]
    assert wait_message(1) in known[-1]
    assert codes == (429, 429)


def test_four_wrong_passwords_do_not_delay_the_account(db):
    client = Client()
    with time_machine.travel(AT, tick=False):
        for i in range(FREE - 1):
            attempt(client, f"wrong-{i}")

        assert attempt(client, DEMO_PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count_of_wrong_passwords(db):
    client = Client()
    with time_machine.travel(AT, tick=False):
        for i in range(FREE - 1):
            attempt(client, f"wrong-{i}")
        assert attempt(client, DEMO_PASSWORD).status_code == 302
        client.post("/accounts/logout/")

        for i in range(FREE - 1):
            attempt(Client(), f"again-wrong-{i}")
        response = attempt(Client(), DEMO_PASSWORD)

    assert response.status_code == 302


def test_the_delay_holds_one_account_only(db):
    with time_machine.travel(AT, tick=False):
        for i in range(FREE):
            attempt(Client(REMOTE_ADDR=f"10.0.0.{i}"), f"wrong-{i}")

        assert attempt(Client(REMOTE_ADDR="10.0.0.9"), DEMO_PASSWORD).status_code == 429
        assert (
            attempt(Client(REMOTE_ADDR="10.0.0.0"), DEMO_PASSWORD, username="bithu.songlo").status_code == 302
        )


def test_a_forged_or_foreign_device_cookie_is_not_trusted(db):
    from gandan.accounts.loginguard import COOKIE

    with time_machine.travel(AT, tick=False):
        other = Client()
        assert (
            attempt(other, DEMO_PASSWORD, username="bithu.songlo").status_code == 302
        )  # trusted for bithu only
        other.post("/accounts/logout/")
        for i in range(FREE):
            attempt(Client(), f"wrong-{i}")
        forged = Client()
        forged.cookies[COOKIE] = "eyJuIjoieCIsInUiOlsiY2h1dGljaC5zb25nbG8iXX0:forged:sig"

        assert attempt(forged, DEMO_PASSWORD).status_code == 429
        assert attempt(other, DEMO_PASSWORD).status_code == 429


def test_the_device_cookie_is_signed_http_only_and_trusted_only_until_it_guesses(db):
    from gandan.accounts.loginguard import COOKIE

    with time_machine.travel(AT, tick=False):
        own = Client()
        response = attempt(own, DEMO_PASSWORD)
        own.post("/accounts/logout/")
        for i in range(FREE):
            attempt(own, f"wrong-{i}")  # a stolen cookie used to guess loses its trust
        for i in range(FREE):
            attempt(Client(), f"wrong-{i}")

        assert attempt(own, DEMO_PASSWORD).status_code == 429

    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert len(cookie.value.split(":")) == 3  # payload:timestamp:signature


@pytest.mark.parametrize("https", [True, False])
def test_the_device_cookie_is_secure_exactly_when_the_session_cookie_is(db, settings, https):
    """Over HTTPS it never travels in clear; on `make run`'s plain HTTP (DEBUG off, GANDAN_HTTPS=0) a Secure cookie
    would be dropped by the browser, and the officer's own laptop would count as an unknown browser at every login."""
    from gandan.accounts.loginguard import COOKIE

    settings.SESSION_COOKIE_SECURE = https
    response = attempt(Client(), DEMO_PASSWORD)
    assert bool(response.cookies[COOKIE]["secure"]) is https


# --- Password hashing -------------------------------------------------------------------------------------------


def test_argon2_is_the_first_hasher_of_the_real_settings():
    # conftest swaps in MD5 for speed; the deployed list is the settings module's own.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_hashed_with_argon2_verifies_and_a_wrong_one_does_not(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS

    encoded = make_password("Mật-khẩu-đủ-dài-2026")

    assert encoded.startswith(f"{Argon2PasswordHasher.algorithm}$")
    assert check_password("Mật-khẩu-đủ-dài-2026", encoded)
    assert not check_password("mật-khẩu-đủ-dài-2026", encoded)


def test_a_new_staff_account_stores_an_argon2_hash_and_can_log_in(settings, home_commune):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user_create(
        username="Moi.SongLo", password="Tam-thoi-2026!", full_name="Cán bộ Mới", unit=home_commune,
        roles=[Role.DESK_OFFICER],
    )  # fmt: skip

    stored = User.objects.get(username="moi.songlo").password

    assert stored.startswith("argon2$")
    assert "Tam-thoi-2026!" not in stored
    assert attempt(Client(), "Tam-thoi-2026!", username="moi.songlo").status_code == 302


# --- Sessions ---------------------------------------------------------------------------------------------------


def test_sessions_last_at_most_one_working_day_and_end_with_the_browser():
    assert project_settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert project_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert project_settings.SESSION_COOKIE_HTTPONLY is True


def test_the_session_cookie_is_a_browser_session_cookie(db):
    response = attempt(Client(), DEMO_PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]


def test_a_session_expires_after_the_cookie_age(db):
    logged_in_at = dt.datetime(2026, 3, 2, 7, 30, tzinfo=VN)
    client = Client()
    with time_machine.travel(logged_in_at, tick=False):
        assert attempt(client, DEMO_PASSWORD).status_code == 302

    just_before = logged_in_at + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(just_before, tick=False):
        assert client.get("/staff/").status_code == 200
    just_after = logged_in_at + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(just_after, tick=False):
        response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Logout -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_logout_refuses_anything_but_post(commune_leader, method):
    client = Client()
    client.force_login(commune_leader)

    response = getattr(client, method)("/accounts/logout/")

    assert response.status_code == 405
    assert client.get("/staff/").status_code == 200  # still logged in


def test_logout_by_post_ends_the_session_and_goes_home(commune_leader):
    client = Client()
    client.force_login(commune_leader)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/staff/").status_code == 302

"""What an attacker on the public pages meets (issue #9, points 5, 7 and 8): links that a code alone cannot forge,
lookups locked per code whatever the address (the owner's link still opens), submissions limited per address and
per phone before anything is stored, and a client address that a forged header cannot choose."""

import re
from typing import Any

import pytest
from django.core import signing
from django.test import Client, RequestFactory, override_settings
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.dossiers import forms as dossier_forms
from gandan.dossiers import services as dossier_services
from gandan.dossiers.models import Dossier, OnlineLevel
from gandan.dossiers.pdf import qr_target
from gandan.dossiers.public import lookup_token
from gandan.dossiers.tests.test_public import NAME, PHONE, make_procedure, received, saved_rows, submission
from gandan.kit.clientip import client_ip
from gandan.petitions import forms as petition_forms
from gandan.petitions import public as petitions_public
from gandan.petitions.models import Petition
from gandan.petitions.tests.test_public import PHONE_SIZED, petition_form
from gandan.petitions.tests.test_public import saved_rows as petition_rows

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def procedure(db):
    return make_procedure(days=3, online=OnlineLevel.FULL)


@pytest.fixture
def dossier(procedure, home_commune, desk_officer):
    return received(procedure, home_commune, desk_officer, name=NAME, phone=PHONE)


@pytest.fixture
def returned(dossier, desk_officer, case_handler):
    dossier_services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    dossier_services.dossier_complete(dossier=dossier, by=case_handler)
    return dossier_services.dossier_return(
        dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026"
    )


@pytest.fixture
def petition(home_commune):
    from gandan.petitions.services import petition_receive

    return petition_receive(
        unit=home_commune, channel="online", by=None,
        parts=[{"kind": "complaint", "subject": "Khiếu nại về đất", "content": "Tôi không đồng ý."}],
        persons=[{"name": NAME, "address": "Thôn Bến Đò", "phone": PHONE}],
    )[0]  # fmt: skip


# --- 5. Tokens: a code and the SECRET_KEY are not enough ------------------------------------------------------------


def test_every_record_has_its_own_random_lookup_secret(
    dossier, petition, procedure, home_commune, desk_officer
):
    other = received(procedure, home_commune, desk_officer, name=NAME, phone=PHONE)

    secrets = {dossier.lookup_secret, other.lookup_secret, petition.lookup_secret}
    assert len(secrets) == 3 and all(len(s) >= 20 for s in secrets)
    assert (
        Dossier.objects.filter(lookup_secret="").count() == 0
    )  # the demo's (bulk-created) dossiers have one too
    assert Petition.objects.filter(lookup_secret="").count() == 0


def test_a_link_forged_by_signing_a_code_with_the_right_key_is_refused(returned, petition):
    """The attack of the probe: the SECRET_KEY known (the demo key) and the code sequential."""
    forged_dossier = signing.dumps(returned.code, salt="gandan.dossiers.lookup")
    forged_petition = signing.dumps(petition.code, salt="gandan.petitions.lookup")
    guessed_secret = signing.dumps([returned.code, "A" * 22], salt="gandan.dossiers.lookup")

    assert Client().get(f"/ho-so/tra-cuu/{forged_dossier}/").status_code == 404
    assert Client().get(f"/ho-so/danh-gia/{forged_dossier}/").status_code == 404
    assert Client().get(f"/ho-so/tra-cuu/{guessed_secret}/").status_code == 404
    assert Client().post(f"/ho-so/danh-gia/{guessed_secret}/", {"overall": "1"}).status_code == 404
    assert Client().get(f"/kien-nghi/tra-cuu/{forged_petition}/").status_code == 404
    assert Client().get(f"/kien-nghi/da-gui/{forged_petition}/").status_code == 404


def test_the_printed_slips_qr_link_opens_the_lookup_and_the_rating(returned):
    path = qr_target(returned).split("://", 1)[1].split("/", 1)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]

    status_page = Client().get(f"/{path}")

    assert status_page.status_code == 200
    assert returned.code in html(status_page)
    rating_link = f"/ho-so/danh-gia/{token}/"
    assert f'href="{rating_link}"' in html(status_page)
    assert Client().get(rating_link).status_code == 200


def test_the_link_shown_after_sending_a_petition_opens_it(home_commune):
    response = Client(**PHONE_SIZED).post("/kien-nghi/gui/", petition_form(home_commune))

    assert response.status_code == 302
    assert Client().get(response["Location"]).status_code == 200
    petition = Petition.objects.latest("id")
    assert Client().get(f"/kien-nghi/tra-cuu/{petitions_public.lookup_token(petition)}/").status_code == 200


def test_the_citizens_notification_still_points_to_the_lookup(returned):
    from gandan.notify.models import Notification

    note = Notification.objects.filter(body__contains=returned.code).latest("id")

    assert "/ho-so/tra-cuu/" in note.body
    assert (
        Client()
        .post("/ho-so/tra-cuu/", follow=True, data={"code": returned.code, "phone_last4": PHONE[-4:]})
        .status_code
        == 200
    )


# --- 8. Lookups: counted per code as well as per address -----------------------------------------------------------


def guess(address: str, path: str, code: str, digits: str):
    client = Client(REMOTE_ADDR=address)
    if path.startswith("/api/"):
        return client.get(path, {"code": code, "phone_last4": digits})
    return client.post(path, {"code": code, "phone_last4": digits}, follow=True)  # the page's form posts


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_the_lookup_form_posts_the_digits_and_the_record_opens_at_its_signed_link_without_them(kind, request):
    """Neither a shared computer's history, nor a proxy's or the server's log, nor a Referer keeps the digits."""
    record = request.getfixturevalue(kind)
    path, link = (
        ("/ho-so/tra-cuu/", f"/ho-so/tra-cuu/{lookup_token(record)}/")
        if kind == "dossier"
        else ("/kien-nghi/tra-cuu/", f"/kien-nghi/tra-cuu/{petitions_public.lookup_token(record)}/")
    )
    typed = {"code": record.code, "phone_last4": PHONE[-4:]}

    form = html(Client().get(path))
    retried = html(
        Client().get(path, {**typed, "phone_last4": "0000"})
    )  # an old bookmark's digits were wrong
    posted = Client().post(path, typed)
    bookmark = Client().get(path, typed)  # the form's address until 12/2026, kept in someone's bookmarks
    prefilled = Client().get(path, {"code": record.code})  # a link naming the code alone

    form_tag = f'<form method="post" action="{path}" class="card" novalidate>'
    assert form_tag + '<input type="hidden" name="csrfmiddlewaretoken"' in form
    assert form_tag in retried  # the retry posts to the bare address, not to the bookmark's with its digits
    # ... and the language switch comes back to it without them (no click puts them back into an address).
    assert f'<input name="next" type="hidden" value="{path}?code={record.code}">' in retried
    assert Client().head(path).status_code == 200  # a link checker's or a monitor's HEAD
    assert (posted.status_code, posted["Location"]) == (302, link)
    assert PHONE[-4:] not in posted["Location"]
    assert (bookmark.status_code, bookmark["Location"]) == (302, link)
    assert prefilled.status_code == 200 and f'name="code" value="{record.code}"' in html(prefilled)
    assert 'role="alert"' not in html(prefilled)  # nothing was looked up, so nothing is wrong


@pytest.mark.parametrize(
    ("kind", "name", "other_name"),
    [("dossier", "last4", "phone_last4"), ("petition", "phone_last4", "last4")],
)
def test_the_api_lookup_takes_the_digits_in_its_body_and_an_older_clients_address_still_works(
    kind, name, other_name, request
):
    """The digits in a POST body stay out of proxies' logs and browsers' histories; the address form, which older
    clients use, answers the same and is marked deprecated in the API's documentation."""
    record = request.getfixturevalue(kind)
    api = f"/api/v1/{kind}s/lookup"

    def posted(client, field):
        return client.post(api, {"code": record.code, field: PHONE[-4:]}, content_type="application/json")

    body = posted(Client(enforce_csrf_checks=True), name)  # an app holds no CSRF cookie
    other = posted(Client(), other_name)  # the other lookup's name for the digits: one client code asks both
    addressed = Client().get(api, {"code": record.code, "phone_last4": PHONE[-4:]})
    schema = Client().get("/api/openapi.json").json()["paths"][api]

    assert body.status_code == addressed.status_code == other.status_code == 200
    assert body.json() == addressed.json() == other.json() and body.json()["code"] == record.code
    assert schema["get"].get("deprecated") is True and not schema["post"].get("deprecated")
    # The GET keeps the operation id it had before the POST existed: a client generated again keeps working.
    assert schema["get"]["operationId"] == f"gandan_{kind}s_api_lookup"
    assert (
        not schema["post"]["parameters"] and schema["post"]["requestBody"]["required"]
    )  # nothing in the address


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_a_half_filled_lookup_says_what_to_mend_and_a_filled_one_that_matches_nothing_says_so(kind, request):
    """A field left empty is the citizen's to mend (422, the field named), not a record that does not exist (404):
    a screen reader, a test or a monitor tells the two apart by the status as a person does by the message."""
    record = request.getfixturevalue(kind)
    path = "/ho-so/tra-cuu/" if kind == "dossier" else "/kien-nghi/tra-cuu/"
    long_code = "X" * 300

    empty_digits = Client().post(path, {"code": record.code, "phone_last4": ""})
    no_code = Client().post(path, {"code": "", "phone_last4": PHONE[-4:]})
    wrong = Client().post(path, {"code": record.code, "phone_last4": "0000"})
    shown_again = Client().get(path, {"code": long_code})

    assert empty_digits.status_code == 422
    assert f'value="{record.code}"' in html(empty_digits)  # what was typed is kept
    assert re.search(r'<input[^>]*name="phone_last4"[^>]*aria-invalid="true"', html(empty_digits))
    assert not re.search(r'<input[^>]*name="code"[^>]*aria-invalid="true"', html(empty_digits))
    what_to_type = (
        "Enter the last 4 digits of your phone or citizen ID number, or the whole number."
        if kind == "dossier"
        else "Enter exactly 4 digits."
    )
    assert escape(vietnamese(what_to_type)) in html(
        empty_digits
    )  # what to type, not "this field is required"
    assert no_code.status_code == 422
    assert wrong.status_code == 404
    # A code in a link is cut to what the field takes before it is shown again, whatever the form.
    form_field = (dossier_forms if kind == "dossier" else petition_forms).LookupForm.base_fields["code"]
    assert f'value="{"X" * form_field.max_length}"' in html(shown_again)
    assert f'value="{"X" * (form_field.max_length + 1)}' not in html(shown_again)
    # A failed lookup may be shown at an old bookmark's address, digits and all: the page's Referer is the origin
    # alone (the browser journeys post the form under this policy: "no-referrer" made its Origin null, refused).
    assert wrong["Referrer-Policy"] == "strict-origin" and shown_again["Referrer-Policy"] == "strict-origin"


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_the_language_switch_drops_the_digits_however_their_name_is_written(kind, request):
    record = request.getfixturevalue(kind)
    path = "/ho-so/tra-cuu/" if kind == "dossier" else "/kien-nghi/tra-cuu/"

    page = html(Client().get(f"{path}?code={record.code}&phone%5Flast4=0000"))  # "_" written as %5F

    assert f'<input name="next" type="hidden" value="{path}?code={record.code}">' in page


def test_a_thousand_parameters_in_an_address_are_refused_plainly_never_a_server_error():
    """Every page writes its own address into the language switch: a query Django refuses to parse (more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters) must not make that, or the error page itself, fail."""
    crowded = "&".join(f"a{i}=1" for i in range(1001))

    home = Client().get(f"/?{crowded}")
    lookup = Client().get(f"/kien-nghi/tra-cuu/?phone_last4=1234&{crowded}")

    assert home.status_code == 200  # the home page reads no parameter
    assert lookup.status_code == 400
    assert 'name="next" type="hidden" value="/kien-nghi/tra-cuu/"' in html(lookup)


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_120_addresses_guessing_one_codes_digits_are_stopped_and_the_owners_link_still_opens(
    kind, request, settings
):
    record = request.getfixturevalue(kind)
    path, link = (
        ("/ho-so/tra-cuu/", f"/ho-so/tra-cuu/{lookup_token(record)}/")
        if kind == "dossier"
        else ("/kien-nghi/tra-cuu/", f"/kien-nghi/tra-cuu/{petitions_public.lookup_token(record)}/")
    )
    limit = settings.GANDAN_LOOKUP_CODE_FAILURES
    right = PHONE[-4:]
    wrong = [f"{n:04d}" for n in range(10000) if f"{n:04d}" != right]

    # 120 addresses over five networks (1,200 took a minute and a half of CI for no more evidence: the lock is one
    # count per code, whatever the number of addresses).
    statuses = [
        guess(f"10.{i // 25}.{i % 25}.1", path, record.code, wrong[i]).status_code for i in range(120)
    ]
    found = guess(
        "10.99.99.99", path, record.code, right
    )  # the attacker's 121st address has the right digits

    assert statuses[:limit] == [404] * limit
    assert set(statuses[limit:]) == {429}  # every later guess refused, whatever the address
    assert found.status_code == 429
    assert '<p class="stat">' not in html(found)  # the status is not shown, even for the right digits
    message = vietnamese(
        "This code is locked for %(minutes)d minutes after too many wrong phone digits. If it is yours, open the "
        "link you were given (on the receipt, its QR code, or the page shown when you sent it), which always works, "
        "or contact the commune's People's Committee."
    )
    assert escape(message.split("%(minutes)d")[1].split(".")[0]) in html(found)
    owner = Client().get(link)
    assert owner.status_code == 200 and record.code in html(owner)


def test_the_api_lookup_is_locked_per_code_too(dossier, settings):
    for i in range(settings.GANDAN_LOOKUP_CODE_FAILURES):
        assert guess(f"10.1.{i}.1", "/api/v1/dossiers/lookup", dossier.code, f"{i:04d}").status_code == 404

    response = guess("10.2.2.2", "/api/v1/dossiers/lookup", dossier.code, PHONE[-4:])

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"


def test_the_code_lock_ends_after_its_window(dossier, settings):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for i in range(settings.GANDAN_LOOKUP_CODE_FAILURES):
            guess(f"10.1.{i}.1", "/ho-so/tra-cuu/", dossier.code, f"{i:04d}")
        assert guess("10.3.3.3", "/ho-so/tra-cuu/", dossier.code, PHONE[-4:]).status_code == 429
    later = start + dt.timedelta(seconds=settings.GANDAN_LOOKUP_CODE_WINDOW + 60)
    with time_machine.travel(later, tick=False):
        assert guess("10.3.3.3", "/ho-so/tra-cuu/", dossier.code, PHONE[-4:]).status_code == 200


def lock(path: str, code: str, settings) -> None:
    for i in range(settings.GANDAN_LOOKUP_CODE_FAILURES):
        guess(f"10.7.{i}.1", path, code, f"{i:04d}")
    assert guess("10.8.8.8", path, code, PHONE[-4:]).status_code == 429


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_a_desk_officer_in_scope_clears_the_lock_and_the_audit_says_who(
    kind, request, settings, desk_officer
):
    from gandan.audit.models import Event

    record = request.getfixturevalue(kind)
    module, path = (
        ("dossiers", "/ho-so/tra-cuu/") if kind == "dossier" else ("petitions", "/kien-nghi/tra-cuu/")
    )
    lock(path, record.code, settings)
    officer = Client()
    officer.force_login(desk_officer)
    page = officer.get(f"/staff/{module}/{record.pk}/")
    assert f'action="/staff/{module}/{record.pk}/unlock-lookup/"' in html(page)

    response = officer.post(f"/staff/{module}/{record.pk}/unlock-lookup/")

    assert response.status_code == 302
    assert guess("10.8.8.8", path, record.code, PHONE[-4:]).status_code == 200
    event = Event.objects.filter(action=f"{module}.lookup_unlock").latest("id")
    assert event.actor_id == desk_officer.pk and event.object_id == str(record.pk)
    assert event.details["failures_cleared"] == settings.GANDAN_LOOKUP_CODE_FAILURES


@pytest.mark.parametrize("kind", ["dossier", "petition"])
def test_an_officer_of_another_commune_cannot_clear_the_lock(kind, request, settings, other_commune_leader):
    record = request.getfixturevalue(kind)
    module, path = (
        ("dossiers", "/ho-so/tra-cuu/") if kind == "dossier" else ("petitions", "/kien-nghi/tra-cuu/")
    )
    lock(path, record.code, settings)
    stranger = Client()
    stranger.force_login(other_commune_leader)

    response = stranger.post(f"/staff/{module}/{record.pk}/unlock-lookup/")

    assert response.status_code in {403, 404}
    assert guess("10.8.8.8", path, record.code, PHONE[-4:]).status_code == 429


# --- 7. Online submissions: per address and per phone, refused before anything is read or stored ---------------------


def post_dossier(client: Client, procedure, **changes):
    return client.post(f"/ho-so/nop/{procedure.pk}/", submission(**changes))


def test_the_11th_dossier_from_one_address_in_an_hour_is_refused_and_nothing_is_stored(procedure, settings):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.GANDAN_SUBMITS_PER_ADDRESS):
        assert post_dossier(client, procedure, applicant_phone=f"09123456{n:02d}").status_code == 302
    before = saved_rows()

    response = post_dossier(client, procedure, applicant_phone="0987654321")

    assert response.status_code == 429
    message = vietnamese(
        "Too many submissions were sent from this connection. Please try again after %(when)s, or bring your "
        "papers to the commune's office."
    )
    assert escape(message.split("%(when)s")[0]) in html(response)
    assert saved_rows() == before
    assert (
        post_dossier(Client(REMOTE_ADDR="203.0.113.10"), procedure).status_code == 302
    )  # a neighbour is not


def test_hostile_files_sent_one_after_another_meet_the_address_limit(procedure, settings):
    """Each refused file cost the server its opening; the probe sent 12 in a row and none was counted. A typo is
    not counted."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gandan.kit.tests.files import FAKE_PDF_HTML

    settings.GANDAN_SUBMITS_PER_ADDRESS = 3
    client = Client(REMOTE_ADDR="203.0.113.77")
    for _ in range(5):  # forms with a mistake in a field cost nothing
        assert post_dossier(client, procedure, applicant_name="").status_code == 200
    for _ in range(3):
        hostile = SimpleUploadedFile("huong-dan.html", FAKE_PDF_HTML, content_type="application/pdf")
        assert post_dossier(client, procedure, attachment=hostile).status_code == 200

    assert post_dossier(client, procedure).status_code == 429


def test_a_refused_submission_never_reads_the_upload(procedure, settings, monkeypatch):
    from gandan.dossiers import forms

    settings.GANDAN_SUBMITS_PER_ADDRESS = 1
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert post_dossier(client, procedure).status_code == 302
    opened = []
    monkeypatch.setattr(forms.OnlineSubmitForm, "full_clean", lambda self: opened.append(self) or None)

    response = post_dossier(client, procedure, applicant_phone="0987654321")

    assert response.status_code == 429
    assert not [f for f in opened if f.is_bound]  # no form was ever validated with what was sent


def test_the_6th_dossier_with_one_phone_in_a_day_is_refused_from_any_address(procedure, settings):
    for n in range(settings.GANDAN_SUBMITS_PER_PHONE):
        assert post_dossier(Client(REMOTE_ADDR=f"198.51.100.{n}"), procedure).status_code == 302
    before = saved_rows()

    response = post_dossier(
        Client(REMOTE_ADDR="198.51.100.200"), procedure, applicant_phone="+84 978 123 456"
    )

    assert response.status_code == 429
    message = vietnamese(
        "Too many submissions were sent with this phone number. Please try again after %(when)s, or bring your "
        "papers to the commune's office."
    )
    assert escape(message.split("%(when)s")[0]) in html(response)
    assert saved_rows() == before


def test_the_6th_petition_with_one_phone_in_a_day_is_refused(home_commune, settings):
    for n in range(settings.GANDAN_SUBMITS_PER_PHONE):
        client = Client(REMOTE_ADDR=f"198.51.100.{n}", **PHONE_SIZED)
        assert client.post("/kien-nghi/gui/", petition_form(home_commune)).status_code == 302
    before = petition_rows()

    response = Client(REMOTE_ADDR="198.51.100.99", **PHONE_SIZED).post(
        "/kien-nghi/gui/", petition_form(home_commune)
    )

    assert response.status_code == 429
    assert petition_rows() == before


def test_a_form_with_mistakes_is_not_counted(procedure, settings):
    settings.GANDAN_SUBMITS_PER_ADDRESS = 1
    client = Client(REMOTE_ADDR="203.0.113.9")

    assert post_dossier(client, procedure, applicant_name="").status_code == 200  # a mistake, nothing sent
    assert post_dossier(client, procedure).status_code == 302


# --- Trusted proxies -------------------------------------------------------------------------------------------------


def meta(remote: str, forwarded: str | None = None):
    extra: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_a_forged_forwarded_header_from_an_untrusted_address_is_ignored():
    with override_settings(GANDAN_TRUSTED_PROXIES=[]):
        assert client_ip(meta("198.51.100.7", "1.2.3.4")) == "198.51.100.7"
    with override_settings(GANDAN_TRUSTED_PROXIES=["10.0.0.1"]):
        assert client_ip(meta("198.51.100.7", "1.2.3.4")) == "198.51.100.7"


@override_settings(GANDAN_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_real_client_is_counted():
    assert client_ip(meta("127.0.0.1", "203.0.113.5")) == "203.0.113.5"
    # The client prepended a lie; the proxies appended the truth: the right-most untrusted entry wins.
    assert client_ip(meta("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.1.2.3")) == "203.0.113.5"
    assert client_ip(meta("127.0.0.1")) == "127.0.0.1"  # no header: the proxy itself
    assert client_ip(meta("127.0.0.1", "not-an-ip")) == "127.0.0.1"


def test_spoofed_headers_do_not_escape_the_lookup_limit(dossier, settings):
    settings.GANDAN_TRUSTED_PROXIES = []
    for i in range(settings.GANDAN_LOOKUP_FAILURES):
        Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}").post(
            "/ho-so/tra-cuu/", follow=True, data={"code": f"08848-260101-{i:04d}", "phone_last4": "1234"}
        )

    response = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="9.9.9.9").post(
        "/ho-so/tra-cuu/", follow=True, data={"code": dossier.code, "phone_last4": PHONE[-4:]}
    )

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_count(dossier, settings):
    settings.GANDAN_TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(settings.GANDAN_LOOKUP_FAILURES):
        Client(HTTP_X_FORWARDED_FOR="203.0.113.5").post(
            "/ho-so/tra-cuu/", follow=True, data={"code": f"08848-260101-{i:04d}", "phone_last4": "1234"}
        )

    blocked = Client(HTTP_X_FORWARDED_FOR="203.0.113.5").post(
        "/ho-so/tra-cuu/", follow=True, data={"code": dossier.code, "phone_last4": PHONE[-4:]}
    )
    other = Client(HTTP_X_FORWARDED_FOR="203.0.113.6").post(
        "/ho-so/tra-cuu/", follow=True, data={"code": dossier.code, "phone_last4": PHONE[-4:]}
    )

    assert blocked.status_code == 429
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("module", "model"),
    [
        ("gandan.dossiers.migrations.0004_lookup_secret", Dossier),
        ("gandan.petitions.migrations.0005_lookup_secret", Petition),
    ],
)
def test_the_migration_gives_every_existing_record_its_own_secret(module, model):
    """Rows from before the migration (here: the demo's, emptied) each get a distinct random secret."""
    import importlib

    from django.apps import apps

    model.objects.update(lookup_secret="")
    importlib.import_module(module).fill(apps, None)

    secrets = list(model.objects.values_list("lookup_secret", flat=True))
    assert len(secrets) >= 2 and "" not in secrets
    assert len(set(secrets)) == len(secrets)


def test_a_receipt_link_is_the_same_whenever_it_is_printed(dossier):
    """No timestamp in the token: a slip printed again next week carries the same QR code, and a test comparing
    the link with the redirect never fails on a second's tick (it did, once, in CI)."""
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        first = lookup_token(dossier)
    with time_machine.travel(dt.datetime(2026, 12, 8, 15, 30, 59, tzinfo=dt.UTC), tick=False):
        again = lookup_token(dossier)

    assert first == again
    assert Client().get(f"/ho-so/tra-cuu/{again}/").status_code == 200

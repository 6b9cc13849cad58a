"""Citizen lookups and confirmations: a dossier received at the desk without a phone (looked up by the ID's last 4
digits, or the slip's QR); one field for the last 4 digits of the phone OR the ID, a whole number typed also
accepted; codes typed with spaces, without dashes or in lower case; the confirmation page after an online
submission and its receipt as a PDF, reachable only through the secret link."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

import gandan
from gandan.core.identifiers import lookup_last4
from gandan.dossiers.models import Dossier
from gandan.dossiers.public import lookup_token
from gandan.dossiers.rules import dossier_code, normalize_code
from gandan.dossiers.tests.factories import make_procedure, received
from gandan.kit.tokens import make_token
from gandan.notify.models import Notification
from gandan.portal.models import ThrottleHit
from gandan.tests_support import client_for

LOOKUP = "/ho-so/tra-cuu/"
API_LOOKUP = "/api/v1/dossiers/lookup"
PHONE, CITIZEN_ID = "0912345678", "025190012345"


# --- The normalisers ------------------------------------------------------------------------------------------
unit_codes = st.text(alphabet="0123456789ABCDEFGHXZ.", min_size=1, max_size=12).filter(lambda u: u[0] != ".")
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
seqs = st.integers(min_value=1, max_value=9999)


@given(unit_codes, days, seqs, st.data())
def test_a_code_typed_with_spaces_without_dashes_or_in_lower_case_is_the_code(unit, day, seq, data):
    code = dossier_code(unit, day, seq)
    unit_part, day_part, seq_part = code.rsplit("-", 2)
    sep1, sep2 = (
        data.draw(st.sampled_from(["-", "", " ", " - "])),
        data.draw(st.sampled_from(["-", "", "  "])),
    )
    typed = f"{data.draw(st.sampled_from(['', ' ', chr(9)]))}{unit_part}{sep1}{day_part}{sep2}{seq_part} "
    if data.draw(st.booleans()):
        typed = typed.lower()

    assert normalize_code(typed) == code
    assert normalize_code(code) == code  # the stored form is its own normal form


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("08848 260109 0001", "08848-260109-0001"),
        ("088482601090001", "08848-260109-0001"),
        ("  08848-260109-0001 ", "08848-260109-0001"),
        ("h40.23-01-260109-0001", "H40.23-01-260109-0001"),  # a dash inside the unit's code stays
        ("hs-2026-001", "HS-2026-001"),  # not shaped like a dossier code: upper case, found nowhere
        ("08848-26\x000109-0001", ""),
    ],
)
def test_the_code_normaliser_on_examples(typed, code):
    assert normalize_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("5678", "5678"),
        (" 5678 ", "5678"),
        ("0912 345 678", "5678"),
        ("0912.345.678", "5678"),
        ("+84 912 345 678", "5678"),
        ("(+84) 912-345-678", "5678"),
        ("025190012345", "2345"),  # a whole citizen ID
        ("025 190 012 345", "2345"),
        ("12345", ""),  # neither 4 digits nor a whole number
        ("12a4", ""),
        ("+5678", ""),
        ("", ""),
        ("١٢٣٤", ""),  # Arabic-Indic digits are digits to Python, not to the lookup
    ],
)
def test_the_lookup_digits_on_examples(typed, digits):
    assert lookup_last4(typed) == digits


@given(st.from_regex(r"0[35789][0-9]{8}", fullmatch=True), st.sampled_from(["{}", "+84{}", "84{}", "{} "]))
def test_a_whole_phone_typed_in_any_form_gives_its_last_4_digits(phone, form):
    typed = form.format(phone[1:] if form.startswith(("+84", "84")) else phone)
    assert lookup_last4(typed) == phone[-4:]


@given(st.from_regex(r"[0-9]{5,8}", fullmatch=True))
def test_five_to_eight_digits_are_never_taken_for_a_number(digits):
    assert lookup_last4(digits) == ""


# --- At the desk, without a phone -------------------------------------------------------------------------------
@pytest.fixture
def procedure(db):
    return make_procedure(days=3)


@pytest.fixture
def no_phone(procedure, home_commune, desk_officer):
    """Received at the desk from a citizen who has no phone."""
    return received(procedure, home_commune, desk_officer, phone="", id_number=CITIZEN_ID)


def test_the_desk_receives_a_dossier_without_a_phone(procedure, desk_officer):
    from gandan.dossiers.tests.test_views import INTAKE, intake_data

    response = client_for(desk_officer).post(INTAKE, intake_data(procedure, applicant_phone=""))

    assert response.status_code == 302
    dossier = Dossier.objects.get(procedure=procedure)
    assert (dossier.applicant_phone, dossier.phone_last4, dossier.identity.id_number) == ("", "", CITIZEN_ID)
    assert not Notification.objects.filter(
        key__startswith=f"dossiers:{dossier.pk}:"
    ).exists()  # nowhere to send
    page = client_for(desk_officer).get(f"/staff/dossiers/{dossier.pk}/").content.decode()
    assert "<dd>—</dd>" in page  # the phone line says there is none


def test_the_api_receives_a_dossier_without_a_phone(procedure, desk_officer):
    body = {
        "procedure_id": procedure.pk,
        "applicant_name": "Lò Thị Pấng",
        "applicant_address": "Bản Khe Cát",
        "id_number": CITIZEN_ID,
        "present_component_ids": [c.pk for c in procedure.components.all()],
    }
    response = client_for(desk_officer).post("/api/v1/dossiers/", body, content_type="application/json")

    assert response.status_code == 201, response.content.decode()
    assert Dossier.objects.get(pk=response.json()["id"]).applicant_phone == ""


def test_a_wrong_phone_is_still_refused_at_the_desk(procedure, desk_officer):
    from gandan.dossiers.tests.test_views import INTAKE, intake_data

    response = client_for(desk_officer).post(INTAKE, intake_data(procedure, applicant_phone="12345"))

    assert response.status_code == 200 and not Dossier.objects.filter(procedure=procedure).exists()


def test_online_the_phone_is_still_required(procedure, home_commune):
    data = {
        "applicant_name": "Lò Thị Pấng",
        "applicant_phone": "",
        "applicant_address": "Bản Khe Cát",
        "sets": "1",
        "confirm": "on",
    }
    response = Client().post(f"/ho-so/nop/{procedure.pk}/", data)

    assert response.status_code == 200 and not Dossier.objects.filter(procedure=procedure).exists()


def test_without_a_phone_the_citizen_looks_up_with_the_ids_last_4_digits(no_phone):
    page = Client().post(LOOKUP, follow=True, data={"code": no_phone.code, "phone_last4": CITIZEN_ID[-4:]})
    api = Client().get(API_LOOKUP, {"code": no_phone.code, "last4": CITIZEN_ID[-4:]})

    assert page.status_code == 200 and no_phone.code in page.content.decode()
    assert api.status_code == 200 and api.json()["code"] == no_phone.code
    assert CITIZEN_ID not in page.content.decode() and CITIZEN_ID not in api.content.decode()


def test_without_a_phone_the_slips_qr_link_still_opens_the_dossier(no_phone):
    assert Client().get(f"{LOOKUP}{lookup_token(no_phone)}/").status_code == 200


@pytest.fixture
def dossier(procedure, home_commune, desk_officer):
    return received(procedure, home_commune, desk_officer, phone=PHONE, id_number=CITIZEN_ID)


@pytest.mark.parametrize(
    "digits",
    ["5678", "2345", "0912 345 678", "+84912345678", "025190012345"],
    ids=["phone-4", "id-4", "whole-phone", "international", "whole-id"],
)
def test_one_field_takes_the_phone_or_the_id_digits_or_the_whole_number(dossier, digits):
    page = Client().post(LOOKUP, follow=True, data={"code": dossier.code, "phone_last4": digits})
    api = Client().get(API_LOOKUP, {"code": dossier.code, "last4": digits})
    old_api = Client().get(API_LOOKUP, {"code": dossier.code, "phone_last4": digits})

    assert (page.status_code, api.status_code, old_api.status_code) == (200, 200, 200)


@pytest.mark.parametrize("typed", ["{spaced}", "{bare}", "{lower}", " {bare_lower} "])
def test_the_code_is_found_however_it_is_typed(dossier, typed):
    unit, day, seq = dossier.code.rsplit("-", 2)
    code = typed.format(
        spaced=f"{unit} {day} {seq}",
        bare=f"{unit}{day}{seq}",
        lower=dossier.code.lower(),
        bare_lower=f"{unit}{day}{seq}".lower(),
    )

    assert Client().post(LOOKUP, follow=True, data={"code": code, "phone_last4": "5678"}).status_code == 200
    assert Client().get(API_LOOKUP, {"code": code, "last4": "5678"}).json()["code"] == dossier.code


def test_wrong_digits_of_either_kind_still_count_towards_the_lock(dossier):
    client = Client()
    unit, day, seq = dossier.code.rsplit("-", 2)
    for attempt in range(5):  # the code's lock: 5 wrong tries, however the code is typed
        typed = dossier.code if attempt % 2 else f"{unit} {day}{seq}".lower()
        assert client.get(API_LOOKUP, {"code": typed, "last4": f"000{attempt}"}).status_code == 404

    response = Client().get(API_LOOKUP, {"code": dossier.code, "last4": "5678"})

    assert response.status_code == 429
    assert ThrottleHit.objects.exists()


def test_a_malformed_number_is_a_typing_mistake_not_a_guess(dossier):
    response = Client().get(API_LOOKUP, {"code": dossier.code, "last4": "123456"})

    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert ThrottleHit.objects.count() == 0


# --- The confirmation page and the receipt -----------------------------------------------------------------------
@pytest.fixture
def sent(procedure, home_commune, media):
    """A citizen's online submission, as the browser sends it; the answer is the redirect to the confirmation."""
    data = {
        "applicant_name": "Lò Thị Pấng",
        "id_number": CITIZEN_ID,
        "applicant_phone": PHONE,
        "applicant_address": "Bản Khe Cát",
        "sets": "1",
        "confirm": "on",
    }
    return Client().post(f"/ho-so/nop/{procedure.pk}/", data)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_after_sending_online_the_page_says_it_worked_and_shows_the_code_on_one_line(sent, procedure):
    dossier = Dossier.objects.get(procedure=procedure)
    page = Client().get(sent["Location"])
    text = page.content.decode()

    assert sent.status_code == 302 and page.status_code == 200
    assert "Hồ sơ của bạn đã được gửi thành công" in text
    assert f'<p class="code-big"><output id="dossier-code">{dossier.code}</output></p>' in text
    assert "4 số cuối của số điện thoại đã khai (hoặc của số định danh cá nhân)" in text
    assert f'href="/ho-so/bien-nhan/{lookup_token(dossier)}.pdf"' in text
    assert CITIZEN_ID not in text and PHONE not in text


def test_the_code_is_styled_to_stay_on_one_line_and_copy_whole():
    css = (Path(gandan.__file__).parent / "static/css/gandan.css").read_text(encoding="utf-8")
    rule = re.search(r"\.code-big output \{([^}]*)\}", css)
    assert rule and "white-space: nowrap" in rule.group(1) and "user-select: all" in rule.group(1)


def test_the_receipt_is_a_pdf_of_the_submission_without_personal_numbers(sent, procedure):
    dossier = Dossier.objects.get(procedure=procedure)

    response = Client().get(f"/ho-so/bien-nhan/{lookup_token(dossier)}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert "PHIẾU XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN" in flat
    assert dossier.code in flat and dossier.procedure.name in flat and "Lò Thị Pấng" in flat
    assert "4 số cuối" in flat
    assert CITIZEN_ID not in flat and PHONE not in flat


def test_the_receipt_and_the_confirmation_need_the_secret_link(sent, procedure):
    dossier = Dossier.objects.get(procedure=procedure)
    token = lookup_token(dossier)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert Client().get(f"/ho-so/bien-nhan/{forged}.pdf").status_code == 404
    assert Client().get(f"/ho-so/da-nop/{forged}/").status_code == 404
    assert Client().get(f"/ho-so/bien-nhan/{dossier.code}.pdf").status_code == 404


def test_a_dossier_received_at_the_desk_has_no_online_receipt(dossier):
    token = lookup_token(dossier)

    assert Client().get(f"/ho-so/bien-nhan/{token}.pdf").status_code == 404
    assert Client().get(f"/ho-so/da-nop/{token}/").status_code == 404


def test_a_receipt_link_signed_with_the_right_key_but_a_guessed_secret_is_refused(sent, procedure):
    """The code is sequential and the demo's key may be known: the random secret of the dossier is what opens it."""
    dossier = Dossier.objects.get(procedure=procedure)
    guessed = make_token(dossier.code, "A" * 22, salt="gandan.dossiers.lookup")

    assert Client().get(f"/ho-so/bien-nhan/{guessed}.pdf").status_code == 404
    assert Client().get(f"/ho-so/da-nop/{guessed}/").status_code == 404

"""The citizen's pages, without login: submitting a dossier online, looking it up by code and phone digits (or the
signed link of the appointment slip), and rating the service once the result is returned."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.core.vntext import fold
from gandan.dossiers import services
from gandan.dossiers.models import Attachment, Dossier, DossierCounter, OnlineLevel, Procedure, Rating, Status
from gandan.dossiers.public import lookup_token
from gandan.dossiers.tests.factories import make_procedure, received, submit
from gandan.kit.tests.files import FAKE_PDF_HTML, jpeg_bytes, pdf_bytes, pdf_of_size, png_bytes
from gandan.opinion.models import Signal
from gandan.portal.models import ThrottleHit

pytestmark = pytest.mark.django_db

CHOOSE = "/ho-so/nop/"
LOOKUP = "/ho-so/tra-cuu/"
NAME, PHONE, ADDRESS, CITIZEN_ID = "Lường Thị Xuân", "0978123456", "Xóm Khe Cát, thôn Bến Đò", "025190067890"
OFFERED = re.compile(r'<a href="/ho-so/nop/(\d+)/"><strong>([^<]+)</strong></a>')
PDF = pdf_bytes()
STORED = re.compile(r"^dossiers/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|jpg|png)$")


def html(response) -> str:
    return response.content.decode()


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def field_errors(response, field: str) -> list[str]:
    block = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html(response), re.S
    )
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary folder, never to the site's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- Submitting online ----------------------------------------------------------------------------------------


def test_the_choice_lists_only_procedures_that_can_be_sent_online():
    response = Client().get(CHOOSE)

    offered = {name for _pk, name in OFFERED.findall(html(response))}
    assert response.status_code == 200
    online = Procedure.objects.filter(valid_to__isnull=True).exclude(online_level=OnlineLevel.NONE)
    assert offered == set(online.values_list("name", flat=True))
    assert "Đăng ký khai sinh" in offered
    assert "Chứng thực chữ ký trong các giấy tờ, văn bản" not in offered  # not online


def test_the_choice_can_be_searched_without_diacritics():
    response = Client().get(CHOOSE, {"q": "tam tru"})

    # First the procedure named so; then the residence field's others, "tạm trú" standing for "cư trú".
    assert [name for _pk, name in OFFERED.findall(html(response))][0] == "Đăng ký tạm trú"


def test_a_procedure_that_is_not_online_cannot_be_submitted():
    offline = Procedure.objects.filter(online_level=OnlineLevel.NONE, valid_to__isnull=True).first()

    assert Client().get(f"{CHOOSE}{offline.pk}/").status_code == 404
    assert Client().post(f"{CHOOSE}{offline.pk}/", submission()).status_code == 404
    assert Client().get(f"{CHOOSE}999999/").status_code == 404


@pytest.fixture
def procedure(db):
    return make_procedure(days=3, online=OnlineLevel.FULL)


def submission(**changes) -> dict:
    data = {
        "applicant_name": NAME,
        "id_number": CITIZEN_ID,
        "applicant_phone": PHONE,
        "applicant_email": "",
        "applicant_address": ADDRESS,
        "request": "",
        "sets": "1",
        "confirm": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def saved_rows() -> tuple[int, int, int]:
    return (
        Dossier.objects.count(),
        Attachment.objects.count(),
        sum(DossierCounter.objects.values_list("last", flat=True)),
    )


@pytest.mark.parametrize(
    ("filename", "content", "content_type", "extension"),
    [
        ("giay-to.pdf", PDF, "application/pdf", ".pdf"),
        ("anh-chup.jpg", jpeg_bytes(), "image/jpeg", ".jpg"),
        ("anh-chup.png", png_bytes(), "image/png", ".png"),
        ("huong-dan.html", PDF, "application/pdf", ".pdf"),  # the name never decides the type
    ],
)
def test_an_online_dossier_is_saved_with_its_scan_and_shows_its_status(
    procedure, home_commune, media, filename, content, content_type, extension
):
    upload = SimpleUploadedFile(filename, content, content_type="text/html")

    response = Client().post(f"{CHOOSE}{procedure.pk}/", submission(attachment=upload))

    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_phone=PHONE, procedure=procedure)
    assert response["Location"] == f"/ho-so/da-nop/{lookup_token(dossier)}/"  # the confirmation page
    assert (dossier.unit, dossier.channel, dossier.status) == (home_commune, 2, Status.NEW)
    attachment = dossier.attachments.get()
    stored = (media / attachment.file.name).read_bytes()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        filename,
        content_type,
        len(stored),
    )
    # A random stored name with the real type's extension; PDFs kept byte for byte, images re-encoded.
    assert STORED.match(attachment.file.name) and attachment.file.name.endswith(extension)
    assert filename.rsplit(".", 1)[0] not in attachment.file.name
    assert stored == content if content_type == "application/pdf" else stored.startswith(content[:2])
    status_page = Client().get(response["Location"])
    assert status_page.status_code == 200
    assert dossier.code in html(status_page)


def test_the_scan_is_optional(procedure):
    response = Client().post(f"{CHOOSE}{procedure.pk}/", submission())

    assert response.status_code == 302
    assert Dossier.objects.get(applicant_phone=PHONE).attachments.count() == 0


NOT_A_SCAN = (
    "This file is not a real PDF, JPG or PNG, or it is damaged and cannot be opened (its name does not count, "
    "only its content). Scan or save the paper again as PDF, JPG or PNG and send that file."
)


@pytest.mark.parametrize(
    ("upload", "msgid"),
    [
        pytest.param(
            SimpleUploadedFile("giay-to.pdf", b"Hello, this is not a PDF"), NOT_A_SCAN, id="text-named-pdf"
        ),
        pytest.param(SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\0" * 60), NOT_A_SCAN, id="program"),
        pytest.param(
            SimpleUploadedFile("huong-dan.html", FAKE_PDF_HTML), NOT_A_SCAN, id="pdf-header-then-script"
        ),
        pytest.param(
            SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64), NOT_A_SCAN, id="jpeg-header-only"
        ),
        pytest.param(
            SimpleUploadedFile("scan.pdf", pdf_of_size(10 * 1024 * 1024 + 1)),
            "The file is larger than 10 MB. Scan at a lower resolution, or send it in parts.",
            id="over-10-mb",
        ),
    ],
)
def test_a_wrong_file_is_refused_next_to_the_field_and_nothing_is_saved(procedure, upload, msgid):
    before = saved_rows()

    response = Client().post(f"{CHOOSE}{procedure.pk}/", submission(attachment=upload))

    assert response.status_code == 200
    assert field_errors(response, "attachment") == [vietnamese(msgid)]
    assert saved_rows() == before


def test_a_file_of_exactly_10_mb_is_accepted(procedure):
    upload = SimpleUploadedFile("scan.pdf", pdf_of_size(10 * 1024 * 1024))

    assert Client().post(f"{CHOOSE}{procedure.pk}/", submission(attachment=upload)).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        pytest.param({"confirm": None}, "confirm", "This field is required.", id="not-confirmed"),
        pytest.param(
            {"applicant_phone": "12345"},
            "applicant_phone",
            "Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678.",
            id="bad-phone",
        ),
        pytest.param(
            {"id_number": "02519006789"},
            "id_number",
            "A citizen ID number has exactly 12 digits, e.g. 025190012345.",
            id="11-digit-id",
        ),
    ],
)
def test_a_wrong_submission_shows_the_error_and_saves_nothing(procedure, changes, field, msgid):
    before = saved_rows()
    upload = SimpleUploadedFile("giay-to.pdf", PDF)

    response = Client().post(f"{CHOOSE}{procedure.pk}/", submission(attachment=upload, **changes))

    assert response.status_code == 200
    assert field_errors(response, field) == [vietnamese(msgid)]
    assert saved_rows() == before


# --- Looking a dossier up -------------------------------------------------------------------------------------


@pytest.fixture
def dossier(procedure, home_commune, desk_officer):
    return received(procedure, home_commune, desk_officer, name=NAME, phone=PHONE, id_number=CITIZEN_ID)


def lookup(client: Client, code: str, digits: str):
    return client.post(LOOKUP, follow=True, data={"code": code, "phone_last4": digits})


def test_the_code_and_the_last_4_digits_open_the_status(dossier):
    response = lookup(Client(), dossier.code, PHONE[-4:])

    assert response.status_code == 200
    assert dossier.code in html(response)
    with override("vi"):
        assert f'<p class="stat"><b>{escape(str(Status.ACCEPTED.label))}</b></p>' in html(response)


def test_the_code_may_be_typed_in_lowercase_with_spaces(dossier):
    assert lookup(Client(), f"  {dossier.code.lower()} ", PHONE[-4:]).status_code == 200


@pytest.mark.parametrize("digits", ["0000", "3465", "9999"])
def test_wrong_digits_answer_404_with_a_clear_message(dossier, digits):
    response = lookup(Client(), dossier.code, digits)

    assert response.status_code == 404
    assert '<p class="stat">' not in html(response)
    assert vietnamese(
        "No dossier matches this code and these digits. Check the code on your appointment slip and the "
        "last 4 digits of the phone or the citizen ID number you gave."
    ) in html(response)


def test_the_digits_must_be_four(dossier):
    response = lookup(Client(), dossier.code, "12a4")

    assert field_errors(response, "phone_last4") == [
        vietnamese("Enter the last 4 digits of your phone or citizen ID number, or the whole number.")
    ]
    assert ThrottleHit.objects.count() == 0  # a typing mistake is not a guess


def other_code(n: int) -> str:
    return f"08848-260101-{n:04d}"  # no such dossier: a wrong guess on another code


def test_after_10_wrong_guesses_the_address_is_refused_even_with_the_right_digits(dossier):
    client = Client()
    for guess in range(10):
        assert lookup(client, other_code(guess), PHONE[-4:]).status_code == 404

    response = lookup(client, dossier.code, PHONE[-4:])

    assert response.status_code == 429
    assert '<p class="stat">' not in html(response)
    with override("vi"):
        message = gettext(
            "Too many wrong attempts from this device. Please wait %(minutes)d minutes and try again."
        )
    assert escape(message % {"minutes": 10}) in html(response)
    other_address = Client(REMOTE_ADDR="10.0.0.7")
    assert lookup(other_address, dossier.code, PHONE[-4:]).status_code == 200


def test_successful_lookups_are_never_counted(dossier):
    client = Client()
    for guess in range(9):
        lookup(client, other_code(guess), PHONE[-4:])
    for _again in range(5):
        assert lookup(client, dossier.code, PHONE[-4:]).status_code == 200

    assert ThrottleHit.objects.count() == 2 * 9  # each failure counts for the address and for the code
    assert lookup(client, dossier.code, PHONE[-4:]).status_code == 200  # the 9 failures alone do not block
    lookup(client, dossier.code, "0000")
    assert lookup(client, dossier.code, PHONE[-4:]).status_code == 429


def test_the_status_page_never_shows_personal_data(procedure, home_commune, desk_officer, case_handler):
    dossier = received(
        procedure,
        home_commune,
        desk_officer,
        name=NAME,
        phone=PHONE,
        id_number=CITIZEN_ID,
        applicant_email="xuan.luong@example.com",
    )
    services.dossier_transfer(
        dossier=dossier, by=desk_officer, to_user=case_handler, note=f"Hồ sơ của bà {NAME}, {PHONE}"
    )
    services.dossier_request_supplement(
        dossier=dossier, by=case_handler, items=["Giấy chứng sinh bản chính"], reason="Bản sao không rõ"
    )
    services.dossier_receive_supplement(dossier=dossier, by=desk_officer)
    services.dossier_request_payment(
        dossier=dossier, by=case_handler, amount=8000, note=f"Bà {NAME} nộp lệ phí"
    )
    services.dossier_record_payment(dossier=dossier, by=desk_officer)
    services.dossier_complete(
        dossier=dossier,
        by=case_handler,
        result_note=f"Đã ký giấy khai sinh cho con bà {NAME}, CCCD {CITIZEN_ID}, {ADDRESS}",
    )
    services.dossier_return(dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026")

    for response in (
        lookup(Client(), dossier.code, PHONE[-4:]),
        Client().get(f"{LOOKUP}{lookup_token(dossier)}/"),
    ):
        page = html(response)
        assert response.status_code == 200
        for personal in (NAME, PHONE, ADDRESS, CITIZEN_ID, "xuan.luong", str(case_handler)):
            assert personal not in page, personal
        # the last digits alone, as a masked number would show them ("***890"); a random CSRF token or a signed
        # address may hold the same three characters inside a longer run of letters and digits, which is no leak
        assert not re.search(rf"(?<![A-Za-z0-9_-]){CITIZEN_ID[-3:]}(?![A-Za-z0-9_-])", page)
        assert fold(NAME) not in fold(page)
        assert "Giấy chứng sinh bản chính" in page  # what the citizen must know is still there


def test_the_signed_link_opens_the_status(dossier):
    response = Client().get(f"{LOOKUP}{lookup_token(dossier)}/")

    assert response.status_code == 200
    assert dossier.code in html(response)


@pytest.mark.parametrize(
    "tamper",
    [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: "X" + t, lambda t: t.split(":")[0]],
)
def test_a_tampered_link_is_404(dossier, tamper):
    assert Client().get(f"{LOOKUP}{tamper(lookup_token(dossier))}/").status_code == 404


def test_a_link_signed_for_another_code_is_404(dossier):
    from django.core import signing

    forged = signing.dumps("08848-260101-9999", salt="gandan.dossiers.lookup")
    assert Client().get(f"{LOOKUP}{forged}/").status_code == 404
    assert (
        Client().get(f"{LOOKUP}{signing.dumps(dossier.code)}/").status_code == 404
    )  # right code, wrong salt


# --- Rating ---------------------------------------------------------------------------------------------------

ANSWERS = {
    "overall": "5",
    "attitude": "4",
    "on_time": "5",
    "duration": "3",
    "contacts": "1",
    "agencies": "2",
    "publicity": "4",
    "ease": "5",
}


@pytest.fixture
def returned(dossier, desk_officer, case_handler):
    services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    services.dossier_complete(dossier=dossier, by=case_handler)
    return services.dossier_return(
        dossier=dossier, by=desk_officer, result_number="Giấy khai sinh số 12/2026"
    )


def rate_url(dossier: Dossier) -> str:
    return f"/ho-so/danh-gia/{lookup_token(dossier)}/"


def test_the_returned_dossier_offers_the_rating_and_stores_the_raw_answers(returned):
    status_page = Client().get(f"{LOOKUP}{lookup_token(returned)}/")
    assert f'href="{rate_url(returned)}"' in html(status_page)

    response = Client().post(rate_url(returned), {**ANSWERS, "comment": ""})

    assert response.status_code == 200
    rating = Rating.objects.get(dossier=returned)
    assert rating.answers == {key: int(value) for key, value in ANSWERS.items()}
    assert rating.overall == 5
    assert rating.unit_path == returned.unit_path
    assert f'href="{rate_url(returned)}"' not in html(Client().get(f"{LOOKUP}{lookup_token(returned)}/"))


@pytest.mark.parametrize("state", ["accepted", "processed"])
def test_a_dossier_not_yet_returned_cannot_be_rated(dossier, desk_officer, case_handler, state):
    if state == "processed":
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
        services.dossier_complete(dossier=dossier, by=case_handler)
    assert 'href="/ho-so/danh-gia/' not in html(Client().get(f"{LOOKUP}{lookup_token(dossier)}/"))

    response = Client().post(rate_url(dossier), ANSWERS)

    assert vietnamese("You can rate the service after the result is returned to you.") in html(response)
    assert not Rating.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize("missing", ["overall", "ease", "contacts"])
def test_every_question_must_be_answered(returned, missing):
    answers = {key: value for key, value in ANSWERS.items() if key != missing}

    response = Client().post(rate_url(returned), answers)

    assert response.context["form"].errors[missing] == [vietnamese("Please choose an answer.")]
    assert vietnamese("Please choose an answer.") in html(response)
    assert not Rating.objects.filter(dossier=returned).exists()


@pytest.mark.parametrize(
    ("question", "answer"), [("overall", "6"), ("contacts", "4"), ("ease", "0"), ("ease", "tốt")]
)
def test_an_answer_outside_the_scale_is_refused(returned, question, answer):
    response = Client().post(rate_url(returned), {**ANSWERS, question: answer})

    assert question in response.context["form"].errors
    assert not Rating.objects.filter(dossier=returned).exists()


def test_a_dossier_is_rated_only_once(returned):
    Client().post(rate_url(returned), ANSWERS)

    response = Client().post(rate_url(returned), {**ANSWERS, "overall": "1"})

    assert vietnamese("This dossier has already been rated. Thank you!") in html(response)
    assert Rating.objects.get(dossier=returned).overall == 5


def test_the_comment_becomes_an_opinion_signal(returned):
    Client().post(rate_url(returned), {**ANSWERS, "comment": "Cán bộ một cửa hướng dẫn rất tận tình"})

    rating = Rating.objects.get(dossier=returned)
    signal = Signal.objects.get(source_kind="dossiers.rating", source_id=str(rating.pk))
    assert signal.text_folded == "can bo mot cua huong dan rat tan tinh"


def test_a_rating_without_a_comment_makes_no_signal(returned):
    Client().post(rate_url(returned), ANSWERS)

    rating = Rating.objects.get(dossier=returned)
    assert not Signal.objects.filter(source_kind="dossiers.rating", source_id=str(rating.pk)).exists()


def test_a_tampered_rating_link_is_404(returned):
    assert Client().get(rate_url(returned)[:-2] + "x/").status_code == 404


def test_a_submitted_dossier_shows_no_rating_and_waits_for_the_desk(procedure, home_commune):
    dossier = submit(procedure, home_commune, channel=2)

    response = Client().get(f"{LOOKUP}{lookup_token(dossier)}/")

    assert vietnamese(
        "The desk will check your dossier within the working day and tell you the appointment."
    ) in html(response)
    assert 'href="/ho-so/danh-gia/' not in html(response)


def test_the_page_and_the_api_show_the_same_lookup(dossier, desk_officer, case_handler):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    services.dossier_transfer(
        dossier=dossier, by=desk_officer, to_user=case_handler, note="Chuyển cho chị Hoa"
    )
    services.dossier_request_supplement(
        dossier=dossier, by=case_handler, items=["Bản sao sổ hộ khẩu"], reason="Thiếu giấy tờ"
    )

    page = lookup(Client(), dossier.code, PHONE[-4:])
    api = Client().get("/api/v1/dossiers/lookup", {"code": dossier.code, "phone_last4": PHONE[-4:]})

    assert page.status_code == api.status_code == 200
    shown = json.loads(json.dumps(page.context["info"], cls=DjangoJSONEncoder))
    assert shown == api.json()
    notes = [step["note"] for step in shown["timeline"] if step["note"]]
    assert any("Bản sao sổ hộ khẩu" in note for note in notes)  # a note written for the citizen, on both
    assert all(escape(note) in html(page) for note in notes)
    assert (
        "chị Hoa" not in html(page) and "chị Hoa" not in api.content.decode()
    )  # an officer's own words, on neither
    assert dossier.lookup_secret not in api.content.decode()


def test_the_page_and_the_api_share_one_lock(dossier):
    client = Client()
    for n in range(5):
        lookup(client, dossier.code, f"{n:04d}")
    locked = client.get("/api/v1/dossiers/lookup", {"code": dossier.code, "phone_last4": PHONE[-4:]})

    assert locked.status_code == 429 and locked.json()["code"] == "too_many_attempts"

"""The citizen's petition pages, without login: sending a petition online from a phone (a denunciator's identity
kept apart from the case), following it with the code and the phone's last 4 digits or the signed link, and the
limits on guessing and on flooding."""

import json
import re
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.audit.models import Event
from gandan.core.vntext import fold
from gandan.kit.tests.files import FAKE_PDF_HTML, pdf_bytes
from gandan.opinion.models import Signal
from gandan.petitions import services
from gandan.petitions.models import (
    Attachment,
    Kind,
    Petition,
    PetitionCounter,
    Petitioner,
    ProtectedIdentity,
    Status,
)
from gandan.petitions.public import lookup_token, redact
from gandan.portal.models import ThrottleHit
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

SUBMIT = "/kien-nghi/gui/"
LOOKUP = "/kien-nghi/tra-cuu/"
NAME, PHONE, ADDRESS = "Lường Thị Xuân", "0978123456", "Xóm Khe Cát, thôn Bến Đò"
EMAIL, CITIZEN_ID = "xuan.luong@example.com", "025190067890"
PDF = pdf_bytes()
PHONE_SIZED: dict[str, Any] = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 13; SM-A145F) Mobile Safari/537.36"
}


def html(response) -> str:
    return response.content.decode()


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def field_errors(response, field: str) -> list[str]:
    """The errors written in the field block that holds the input named `field` (a radio list has no label id)."""
    for block in html(response).split('<div class="field')[1:]:
        if f'name="{field}"' in block:
            return (
                re.findall(r'<p class="error" role="alert">([^<]*)</p>', block)
                if block.startswith(' has-error"')
                else []
            )
    return []


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary folder, never to the site's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def phone_client(address: str = "127.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address, **PHONE_SIZED)


def petition_form(home_commune, **changes) -> dict:
    data = {
        "unit": str(home_commune.pk),
        "kind": "complaint",
        "subject": "Tranh chấp ranh giới đất ở thôn Bến Đò",
        "content": "Gia đình ông Lê Văn Bình lấn chiếm 2 mét đất vườn của gia đình tôi.",
        "name": NAME,
        "address": ADDRESS,
        "phone": PHONE,
        "email": "",
        "id_number": "",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def saved_rows() -> tuple[int, int, int, int]:
    return (
        Petition.objects.count(),
        Attachment.objects.count(),
        ProtectedIdentity.objects.count(),
        sum(PetitionCounter.objects.values_list("last", flat=True)),
    )


# --- The form ---------------------------------------------------------------------------------------------------------


def test_the_form_offers_the_four_kinds_the_communes_in_force_and_the_protection_note(home_commune):
    response = phone_client().get(SUBMIT)

    page = html(response)
    assert response.status_code == 200
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    kinds = re.findall(r'name="kind" value="([a-z_]+)"', page)
    assert kinds == ["complaint", "denunciation", "recommendation", "reflection"]  # never "anonymous"
    options = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page))
    assert options[str(home_commune.pk)] == home_commune.name
    assert re.search(rf'<option value="{home_commune.pk}" selected>', page)  # the portal's commune by default
    assert 'id="protection"' in page
    assert vietnamese("They are never sent to the person you denounce.") in page
    assert 'name="consent"' in page
    assert (
        'id="protection" class="msg msg-warning protect"' in page
    )  # emphasised once "denunciation" is chosen


def test_the_protection_note_stands_out_when_denunciation_is_chosen(home_commune):
    page = html(phone_client().get(SUBMIT, {"kind": "denunciation"}))

    assert 'id="protection" class="msg msg-warning protect protect-on"' in page
    assert re.search(r'value="denunciation"[^>]*checked', page)


def test_only_current_communes_of_the_province_are_offered(home_commune):
    from gandan.units.models import Unit

    page = html(phone_client().get(SUBMIT))

    offered = set(map(int, re.findall(r'<option value="(\d+)"', page)))
    units = Unit.objects.filter(pk__in=offered)
    assert len(offered) > 1
    assert all(u.valid_to is None and u.path.startswith(home_commune.path.split(".")[0] + ".") for u in units)
    assert not Unit.objects.filter(pk__in=offered, kind__in=["village", "province", "district"]).exists()


# --- Sending a petition -------------------------------------------------------------------------------------------------


def test_a_complaint_sent_from_a_phone_gets_its_code_and_the_citizen_is_told_to_keep_it(home_commune):
    client = phone_client()

    response = client.post(SUBMIT, petition_form(home_commune))

    assert response.status_code == 302
    petition = Petition.objects.get(phone_last4=PHONE[-4:], subject__startswith="Tranh chấp ranh giới")
    assert response["Location"] == f"/kien-nghi/da-gui/{lookup_token(petition)}/"
    assert (petition.unit, petition.channel, petition.kind, petition.status) == (
        home_commune,
        "online",
        "complaint",
        Status.RECEIVED,
    )
    assert petition.created_by is None and not petition.protected
    assert petition.petitioners.get().name == NAME
    assert Signal.objects.filter(source_kind="petition", source_id=str(petition.pk)).exists()

    page = html(client.get(response["Location"]))
    assert petition.code in page
    assert (
        vietnamese(
            "Write this code down and keep it with the last 4 digits of the phone number you gave: you "
            "need both to follow your petition."
        )
        in page
    )
    assert NAME not in page and PHONE not in page


def test_a_denunciation_keeps_the_identity_apart_from_everything_else(home_commune, commune_leader):
    content = (
        f"Tôi là {NAME}, số điện thoại 0978 123 456, CCCD {CITIZEN_ID}, ở {ADDRESS}. Tôi tố cáo trưởng thôn "
        "Bến Đò thu tiền làm đường trái quy định."
    )
    upload = SimpleUploadedFile("don-to-cao.pdf", PDF, content_type="application/octet-stream")
    form = petition_form(
        home_commune,
        kind="denunciation",
        subject="Tố cáo trưởng thôn Bến Đò thu tiền trái quy định",
        content=content,
        email=EMAIL,
        id_number=CITIZEN_ID,
        attachment=upload,
    )

    response = phone_client().post(SUBMIT, form)

    assert response.status_code == 302
    petition = Petition.objects.get(kind="denunciation", phone_last4=PHONE[-4:])
    assert petition.protected
    with override("vi"):
        assert petition.petitioner_display == gettext("Denunciator (identity protected)")
    assert not Petitioner.objects.filter(petition=petition).exists()
    identity = ProtectedIdentity.objects.get(petition=petition)
    assert identity.persons[0]["name"] == NAME and identity.persons[0]["id_number"] == CITIZEN_ID
    assert content in identity.original_text  # the letter as written is kept, under protection
    assert "trưởng thôn Bến Đò thu tiền làm đường" in petition.content  # what verifiers need is still there
    assert petition.attachments.get().protected

    personal = (NAME, PHONE, "0978 123 456", CITIZEN_ID, ADDRESS, EMAIL)
    texts = {
        "petition": json.dumps(
            list(Petition.objects.filter(pk=petition.pk).values())[0], default=str, ensure_ascii=False
        ),
        "steps": json.dumps(list(petition.steps.values("actor_name", "note")), ensure_ascii=False),
        "signal": Signal.objects.get(source_kind="petition", source_id=str(petition.pk)).text,
        "audit": json.dumps(
            list(
                Event.objects.filter(object_type="petitions.petition", object_id=str(petition.pk)).values(
                    "actor_name", "object_repr", "details"
                )
            ),
            ensure_ascii=False,
        ),
        "submitted page": html(Client().get(response["Location"])),
        "status page": html(Client().get(f"{LOOKUP}{lookup_token(petition)}/")),
        "api list": client_for(commune_leader).get("/api/v1/petitions/", {"limit": 1000}).content.decode(),
        "api detail": client_for(commune_leader).get(f"/api/v1/petitions/{petition.pk}").content.decode(),
    }
    for where, text in texts.items():
        for value in personal:
            assert value not in text, (where, value)
            assert fold(value) not in fold(text), (where, value)
    assert json.loads(texts["api detail"])["petitioner_display"] == petition.petitioner_display


def test_redaction_finds_what_was_typed_in_any_case_and_spacing():
    person = {"name": NAME, "address": ADDRESS, "phone": PHONE, "email": EMAIL, "id_number": CITIZEN_ID}

    text = redact(
        f"TÔI LÀ {NAME.upper()}, đt 0978.123.456 hoặc +84 978 123 456, {EMAIL}. Trưởng thôn vi phạm.", person
    )

    assert text == "TÔI LÀ ***, đt *** hoặc ***, ***. Trưởng thôn vi phạm."


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        pytest.param({"phone": ""}, "phone", "This field is required.", id="no-phone"),
        pytest.param(
            {"phone": "12345"},
            "phone",
            "Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678.",
            id="bad-phone",
        ),
        pytest.param({"name": " "}, "name", "This field is required.", id="no-name"),
        pytest.param({"address": ""}, "address", "This field is required.", id="no-address"),
        pytest.param({"subject": ""}, "subject", "This field is required.", id="no-subject"),
        pytest.param({"content": ""}, "content", "This field is required.", id="no-content"),
        pytest.param(
            {"kind": "anonymous"},
            "kind",
            "Select a valid choice. %(value)s is not one of the available choices.",
            id="anonymous",
        ),
        pytest.param({"unit": None}, "unit", "This field is required.", id="no-commune"),
        pytest.param({"consent": None}, "consent", "This field is required.", id="no-consent"),
        pytest.param(
            {"id_number": "02519006789"},
            "id_number",
            "A citizen ID number has exactly 12 digits, e.g. 025190012345.",
            id="11-digit-id",
        ),
        pytest.param({"email": "xuan@"}, "email", "Enter a valid email address.", id="bad-email"),
    ],
)
def test_a_wrong_petition_shows_the_error_next_to_the_field_and_saves_nothing(
    home_commune, changes, field, msgid
):
    before = saved_rows()

    response = phone_client().post(SUBMIT, petition_form(home_commune, **changes))

    assert response.status_code == 200
    value = changes.get(field) or ""
    with override("vi"):
        expected = escape(gettext(msgid) % {"value": value} if "%(value)s" in msgid else gettext(msgid))
    assert field_errors(response, field) == [expected]
    assert saved_rows() == before
    assert ThrottleHit.objects.count() == 0  # a mistake is not a petition sent


def test_a_village_or_a_former_commune_cannot_be_chosen(home_commune):
    from gandan.units.models import Unit

    before = saved_rows()
    village = Unit.objects.filter(parent=home_commune, valid_to__isnull=True).first()
    former = Unit.objects.filter(valid_to__isnull=False, kind="commune").first()

    for unit in (village, former):
        response = phone_client().post(SUBMIT, petition_form(home_commune, unit=str(unit.pk)))
        assert field_errors(response, "unit"), unit
    assert saved_rows() == before


@pytest.mark.parametrize(
    ("name", "content"),
    [("don.pdf", b"MZ\x90\x00" + b"\0" * 60), ("huong-dan.html", FAKE_PDF_HTML)],
    ids=["program", "pdf-header-then-script"],
)
def test_a_file_that_is_not_a_scan_is_refused_and_nothing_is_saved(home_commune, name, content):
    before = saved_rows()
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = phone_client().post(SUBMIT, petition_form(home_commune, attachment=upload))

    assert field_errors(response, "attachment") == [
        vietnamese(
            "This file is not a real PDF, JPG or PNG, or it is damaged and cannot be opened (its name does not count, "
            "only its content). Scan or save the paper again as PDF, JPG or PNG and send that file."
        )
    ]
    assert saved_rows() == before


def test_a_refused_file_is_announced_at_the_top_of_the_page_where_a_phone_opens_it(home_commune):
    """The field is far down a phone's screen: the top of the page says what to fix, links to it, and asks for the
    file again (the browser drops it)."""
    upload = SimpleUploadedFile("huong-dan.html", FAKE_PDF_HTML, content_type="application/pdf")

    page = phone_client().post(SUBMIT, petition_form(home_commune, attachment=upload)).content.decode()

    summary = page[page.index('id="form-errors"') :]
    assert page.index('id="form-errors"') < page.index('name="subject"')
    assert 'href="#id_attachment"' in summary
    assert (
        escape(
            vietnamese(
                "If you had chosen a file, choose it again: the browser does not keep it when the page "
                "comes back."
            )
        )
        in summary
    )


def test_sending_is_limited_per_address(home_commune, settings):
    client = phone_client()
    for n in range(settings.GANDAN_SUBMITS_PER_ADDRESS):
        assert client.post(SUBMIT, petition_form(home_commune, phone=f"09123456{n:02d}")).status_code == 302
    before = saved_rows()

    response = client.post(SUBMIT, petition_form(home_commune, phone="0987654321"))

    assert response.status_code == 429
    message = vietnamese(
        "Too many submissions were sent from this connection. Please try again after %(when)s, or bring your "
        "papers to the commune's office."
    )
    assert message.split("%(when)s")[0] in html(response)
    assert saved_rows() == before
    assert phone_client("10.0.0.7").post(SUBMIT, petition_form(home_commune)).status_code == 302


# --- Following a petition -------------------------------------------------------------------------------------------


@pytest.fixture
def online(home_commune):
    """A complaint sent online by Lường Thị Xuân."""
    from gandan.petitions.services import petition_receive

    return petition_receive(
        unit=home_commune,
        channel="online",
        by=None,
        parts=[
            {
                "kind": "complaint",
                "subject": "Khiếu nại quyết định thu hồi đất",
                "content": "Tôi không đồng ý với mức bồi thường.",
            }
        ],
        persons=[{"name": NAME, "address": ADDRESS, "phone": PHONE, "email": EMAIL, "id_number": CITIZEN_ID}],
    )[0]


def lookup(client: Client, code: str, digits: str):
    return client.post(LOOKUP, follow=True, data={"code": code, "phone_last4": digits})


NOT_FOUND = (
    "No petition matches this code and these phone digits. Check the code you were given and the last 4 "
    "digits of the phone you wrote on the petition."
)


def test_the_code_and_the_last_4_digits_open_the_status(online):
    response = lookup(phone_client(), online.code, PHONE[-4:])

    page = html(response)
    assert response.status_code == 200
    assert online.code in page
    with override("vi"):
        assert f'<p class="stat"><b>{escape(str(Status.RECEIVED.label))}</b></p>' in page
        assert escape(str(Kind.COMPLAINT.label)) in page
    assert f"<dd>{timezone.localtime(online.received_at):%d/%m/%Y}</dd>" in page
    assert f"<dd><strong>{online.statutory_due:%d/%m/%Y}</strong></dd>" in page


def test_the_code_may_be_typed_in_lowercase_with_spaces(online):
    assert lookup(Client(), f"  {online.code.lower()} ", PHONE[-4:]).status_code == 200


@pytest.mark.parametrize("which", ["wrong-digits", "unknown-code", "other-petitions-digits"])
def test_wrong_digits_and_an_unknown_code_get_the_same_answer(online, receive, which):
    other = receive(persons=[{"name": "Nguyễn Văn Tám", "address": "Thôn Cao Phong", "phone": "0911222333"}])
    code, digits = {
        "wrong-digits": (online.code, "0000"),
        "unknown-code": ("DT-08848-26-99999", PHONE[-4:]),
        "other-petitions-digits": (online.code, "2333"),
    }[which]
    assert other.phone_last4 == "2333"

    response = lookup(Client(), code, digits)

    assert response.status_code == 404
    assert '<p class="stat">' not in html(response)
    assert vietnamese(NOT_FOUND) in html(response)


@pytest.mark.parametrize("params", [{"code": "DT-08848-26-00001"}, {"phone_last4": "3456"}])
def test_both_the_code_and_the_digits_are_needed(online, params):
    response = Client().post(LOOKUP, params)

    missing = "phone_last4" if "code" in params else "code"
    said = (
        "Enter exactly 4 digits." if missing == "phone_last4" else "This field is required."
    )  # what to type
    assert response.status_code == 422
    assert field_errors(response, missing) == [vietnamese(said)]
    assert '<p class="stat">' not in html(response)
    assert ThrottleHit.objects.count() == 0  # a form left half empty is not a guess


def test_the_digits_must_be_four(online):
    response = lookup(Client(), online.code, "12a4")

    assert field_errors(response, "phone_last4") == [vietnamese("Enter exactly 4 digits.")]
    assert ThrottleHit.objects.count() == 0


def test_the_status_page_never_shows_personal_data_or_officers(
    online, desk_officer, commune_leader, case_handler
):
    services.petition_assign(
        petition=online, by=commune_leader, assignee=case_handler, note=f"Xác minh với bà {NAME}, {PHONE}"
    )
    services.petition_accept(petition=online, by=case_handler)
    services.petition_decide(
        petition=online,
        by=case_handler,
        resolution=f"Giữ nguyên quyết định; trả lời bà {NAME}, CCCD {CITIZEN_ID}, {ADDRESS}",
    )

    for response in (
        lookup(Client(), online.code, PHONE[-4:]),
        Client().get(f"{LOOKUP}{lookup_token(online)}/"),
    ):
        page = html(response)
        assert response.status_code == 200
        for personal in (
            NAME,
            PHONE,
            ADDRESS,
            CITIZEN_ID,
            EMAIL,
            "xuan.luong",
            str(case_handler),
            str(commune_leader),
            str(desk_officer),
            "Giữ nguyên quyết định",
        ):
            assert personal not in page, personal
        assert fold(NAME) not in fold(page)
        steps = re.findall(r"<li><time[^>]*>[^<]*</time> — ([^<]*)</li>", page)
        with override("vi"):
            assert steps == [
                escape(gettext(label)) for label in ("Received", "Accepted for resolution", "Resolved")
            ]


def test_a_guided_petition_names_the_competent_body(online, desk_officer):
    services.petition_guide(
        petition=online,
        by=desk_officer,
        to_body="Thanh tra tỉnh Phú Thọ",
        reason=f"Không thuộc thẩm quyền; đã báo bà {NAME}",
    )

    page = html(lookup(Client(), online.code, PHONE[-4:]))

    assert "Thanh tra tỉnh Phú Thọ" in page
    assert NAME not in page


def test_after_10_wrong_guesses_the_address_is_refused_even_with_the_right_digits(online):
    client = Client()
    for guess in range(10):
        assert lookup(client, f"KN-08848-26-{guess:05d}", PHONE[-4:]).status_code == 404  # other codes

    response = lookup(client, online.code, PHONE[-4:])

    assert response.status_code == 429
    assert '<p class="stat">' not in html(response)
    with override("vi"):
        message = gettext(
            "Too many wrong attempts from this device. Please wait %(minutes)d minutes and try again."
        )
    assert escape(message % {"minutes": 10}) in html(response)
    assert lookup(Client(REMOTE_ADDR="10.0.0.7"), online.code, PHONE[-4:]).status_code == 200


def test_successful_lookups_are_never_counted(online):
    client = Client()
    for guess in range(9):
        lookup(client, f"KN-08848-26-{guess:05d}", PHONE[-4:])
    for _again in range(5):
        assert lookup(client, online.code, PHONE[-4:]).status_code == 200

    assert ThrottleHit.objects.count() == 2 * 9  # each failure counts for the address and for the code


def test_the_signed_link_opens_the_status(online):
    response = Client().get(f"{LOOKUP}{lookup_token(online)}/")

    assert response.status_code == 200
    assert online.code in html(response)


@pytest.mark.parametrize(
    "tamper",
    [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: "X" + t, lambda t: t.split(":")[0]],
)
def test_a_tampered_link_is_404(online, tamper):
    assert Client().get(f"{LOOKUP}{tamper(lookup_token(online))}/").status_code == 404
    assert Client().get(f"/kien-nghi/da-gui/{tamper(lookup_token(online))}/").status_code == 404


def test_a_link_signed_for_another_code_or_purpose_is_404(online):
    forged = signing.dumps("DT-08848-26-99999", salt="gandan.petitions.lookup")
    dossier_link = signing.dumps(online.code, salt="gandan.dossiers.lookup")

    assert Client().get(f"{LOOKUP}{forged}/").status_code == 404
    assert Client().get(f"{LOOKUP}{dossier_link}/").status_code == 404
    assert Client().get(f"{LOOKUP}{signing.dumps(online.code)}/").status_code == 404


def test_the_page_and_the_api_show_the_same_lookup_and_share_one_lock(online):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    page = lookup(Client(), online.code, PHONE[-4:])
    api = Client().get("/api/v1/petitions/lookup", {"code": online.code, "phone_last4": PHONE[-4:]})

    assert page.status_code == api.status_code == 200
    assert json.loads(json.dumps(page.context["info"], cls=DjangoJSONEncoder)) == api.json()

    client = Client()
    for n in range(5):
        lookup(client, online.code, f"{n:04d}")
    locked = client.get("/api/v1/petitions/lookup", {"code": online.code, "phone_last4": PHONE[-4:]})
    assert locked.status_code == 429 and locked.json()["code"] == "too_many_attempts"

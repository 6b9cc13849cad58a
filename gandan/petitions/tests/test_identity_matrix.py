"""A protected denunciator's identity, for every role, on every page, export and endpoint that shows a petition:
absent everywhere, and readable only by a grant holder through the identity page (with a reason, audited)."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from gandan.accounts.models import User
from gandan.audit.models import SensitiveRead
from gandan.petitions import services

pytestmark = pytest.mark.django_db

SECRET = {
    "name": "Đinh Thị Bí Mật",
    "address": "Xóm Kín, thôn Cao Phong",
    "phone": "0977111222",
    "id_number": "025190099887",
    "email": "bimat@example.com",
}
# Every way the identity could leak: the name with and without marks, the address, the phone and its last
# digits as typed, the ID number and the e-mail.
NEEDLES = [
    "Đinh Thị Bí Mật",
    "Dinh Thi Bi Mat",
    "DINH THI BI MAT",
    "Xóm Kín",
    "0977111222",
    "0977 111 222",
    "025190099887",
    "bimat@example.com",
]
ORIGINAL = "Tôi là Đinh Thị Bí Mật ở Xóm Kín, số điện thoại 0977111222, xin tố cáo trưởng thôn Cao Phong."
USERS = [
    "motcua.songlo",
    "xuly.songlo",
    "chutich.songlo",
    "bithu.songlo",
    "danvan.songlo",
    "thanhtra.songlo",
    "chutich.tamson",
    "motcua.tamson",
    "giamsat.phutho",
    "quantri.phutho",
]


@pytest.fixture
def case(desk_officer, home_commune, commune_leader, case_handler, inspector):
    p = services.petition_receive(
        unit=home_commune,
        channel="direct",
        persons=[SECRET],
        original_text=ORIGINAL,
        parts=[
            {
                "kind": "denunciation",
                "subject": "Tố cáo trưởng thôn Cao Phong thu tiền trái quy định",
                "content": "Trưởng thôn Cao Phong thu của mỗi hộ 200.000 đồng không có biên lai.",
            }
        ],
        by=desk_officer,
    )[0]
    services.petition_assign(petition=p, by=commune_leader, assignee=case_handler)
    services.petition_accept(petition=p, by=case_handler)
    services.petition_add_task(
        petition=p,
        by=case_handler,
        title="Xác minh việc thu tiền tại thôn Cao Phong",
        assignee=inspector,
        due=p.statutory_due,
    )
    p.refresh_from_db()
    return p


def _text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in content_type:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    if "spreadsheet" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body))
        return "\n".join(
            str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None
        )
    if "json" in content_type:  # JSON may escape non-ASCII letters: compare the decoded text
        import json

        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8", "replace")


def _urls(case) -> list[str]:
    urls = [
        reverse("petitions:worklist"),
        reverse("petitions:worklist") + "?worklist=all&q=bi+mat",
        reverse("petitions:worklist") + "?worklist=all&q=truong+thon+cao+phong",
        reverse("petitions:detail", args=[case.pk]),
        reverse("petitions:tasks"),
        "/api/v1/petitions/?q=cao+phong",
        f"/api/v1/petitions/{case.pk}",
        f"/api/v1/petitions/lookup?code={case.code}&phone_last4=1222",
        reverse("reception:book_export"),
        reverse("reception:book") + "?q=cao+phong",
        reverse("petitions_public:lookup") + f"?code={case.code}&phone_last4=1222",
        "/api/v1/reception/sessions",
        "/staff/audit/",
        "/staff/",
    ]
    urls += [reverse("petitions:document_pdf", args=[case.pk, d.pk]) for d in case.documents.all()]
    return urls


@pytest.mark.parametrize("username", USERS)
def test_no_page_export_or_endpoint_shows_the_identity(case, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    for url in _urls(case):
        response = client.get(url, follow=True)  # the lookup found sends on to the petition's signed link
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        text = _text(response)
        for needle in NEEDLES:
            assert needle not in text, (username, url, needle)


@pytest.mark.parametrize("username", USERS)
def test_the_duplicate_check_never_names_the_denunciator(case, username):
    """An officer recording a new letter by the same person is not told that person denounced in this case."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    body = {
        "kind": "recommendation",
        "subject": "Đề nghị sửa đường",
        "content": "Đường liên thôn hỏng nặng.",
        "persons": [{k: SECRET[k] for k in ("name", "address", "phone", "id_number")}],
    }
    response = client.post("/api/v1/petitions/duplicate-check", body, content_type="application/json")
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert case.code not in _text(response)
        for needle in NEEDLES:
            assert needle not in _text(response)


@pytest.mark.parametrize("username", USERS)
def test_only_grant_holders_open_the_identity_and_each_opening_is_audited(case, username):
    user = User.objects.get(username=username)
    holders = {"motcua.songlo", "chutich.songlo"}  # the recorder, and the leader who assigned (the resolver)
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("petitions:identity", args=[case.pk]), {"reason": "Cần đối chiếu chữ ký trên đơn gốc"}
    )
    reads = SensitiveRead.objects.filter(object_id=str(case.pk), actor=user)
    if username in holders:
        assert response.status_code == 200
        assert SECRET["name"] in response.content.decode() and reads.count() == 1
    else:
        assert response.status_code in (403, 404)
        assert SECRET["name"] not in response.content.decode() and not reads.exists()


def test_the_identity_page_asks_for_a_reason(case, desk_officer):
    client = Client()
    client.force_login(desk_officer)
    response = client.post(reverse("petitions:identity", args=[case.pk]), {"reason": ""})
    assert response.status_code == 422 and SECRET["name"] not in response.content.decode()
    assert not SensitiveRead.objects.filter(object_id=str(case.pk)).exists()


def test_the_check_would_see_a_name_that_is_not_protected(case, desk_officer, inspector):
    """Control: once the denunciator waives protection in writing, the same pages do show the name — so the
    matrix above would catch a leak."""
    services.identity_waive(
        petition=case, by=desk_officer, note="Đơn từ bỏ quyền được bảo vệ ngày 20/11/2026"
    )
    client = Client()
    client.force_login(inspector)
    for url in (reverse("petitions:detail", args=[case.pk]), f"/api/v1/petitions/{case.pk}"):
        assert SECRET["name"] in _text(client.get(url)), url


def test_opening_a_protected_attachment_is_audited_without_the_files_name(case, desk_officer, commune_leader):
    """The original letter's file name often is the denunciator's name: the audit keeps the attachment's number."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    from gandan.petitions.models import Attachment

    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(pdf)
    item = Attachment.objects.create(
        petition=case,
        file=SimpleUploadedFile("don-goc.pdf", pdf.getvalue(), content_type="application/pdf"),
        original_name="Dinh-Thi-Bi-Mat-to-cao.pdf",
        content_type="application/pdf",
        size=len(pdf.getvalue()),
        protected=True,
    )
    client = Client()
    client.force_login(desk_officer)

    response = client.get(reverse("petitions:attachment", args=[case.pk, item.pk]))

    assert response.status_code == 200
    read = SensitiveRead.objects.get(object_id=str(case.pk), what="denunciator_attachment")
    assert str(item.pk) in read.reason and "Bi-Mat" not in read.reason
    client.force_login(commune_leader)
    page = client.get("/staff/audit/").content.decode()
    assert "Bi-Mat" not in page and "Dinh-Thi" not in page


# --- A denunciation spoken at the reception desk (issue #9, point 3) ---------------------------------------------
# The officer writes down what the citizen says, as said: the name without diacritics, the ID with the letter O
# for 0, the phone with dashes. None of it may reach the book, the petition, search, the API, an export or the
# opinion signals; the words as spoken stay in the protected store.

SPOKEN = (
    "Tôi là Dinh Thi Bi Mat, CCCD số O25 19O O99 887, điện thoại 0977 - 111 - 222, nhà ở Xóm Kín. "
    "Tôi tố cáo trưởng thôn Cao Phong thu của mỗi hộ 200.000 đồng không có biên lai."
)
SPOKEN_NEEDLES = [*NEEDLES, "Dinh Thi Bi Mat", "O25 19O O99 887", "0977 - 111 - 222"]


def _leaks(text: str) -> list[str]:
    """The identity however written: on the text folded and stripped of spaces and punctuation as well."""
    import re

    from gandan.core.vntext import fold

    found = [needle for needle in SPOKEN_NEEDLES if needle in text]
    letters = "".join(ch for ch in fold(text) if ch.isalnum())
    found += [w for w in ("dinhthibimat", "xomkin", "bimatexample") if w in letters]
    digits = re.sub(r"[\s.\-/()]", "", text).replace("O", "0")
    found += [d for d in ("977111222", "25190099887") if d in digits]
    return found


def _textarea(response, name: str) -> str:
    import html
    import re

    found = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


RECEPTION_FORM = {
    "citizen_name": SECRET["name"],
    "citizen_address": SECRET["address"],
    "id_number": SECRET["id_number"],
    "phone": SECRET["phone"],
    "people_count": "1",
    "kind": "denunciation",
    "content": SPOKEN,
    "competent": "on",
    "outcome": "recorded",
    "create_petition": "on",
}


@pytest.fixture
def spoken_case(desk_officer, commune_leader, case_handler):
    from django.utils import timezone

    from gandan.reception.models import ReceptionRecord

    client = Client()
    client.force_login(desk_officer)
    url = reverse("reception:record_new")
    values = {**RECEPTION_FORM, "at": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
    before = ReceptionRecord.objects.count()

    preview = client.post(url, values)

    # Step 1 saves nothing and shows the statement as it will be stored.
    assert preview.status_code == 200 and ReceptionRecord.objects.count() == before
    shown = _textarea(preview, "content")
    assert "trưởng thôn Cao Phong" in shown and "***" in shown and not _leaks(shown), shown
    confirmed = client.post(url, {**values, "content": shown, "original_statement": SPOKEN, "confirm": "1"})
    assert confirmed.status_code == 302, confirmed.content.decode()[:2000]
    record = ReceptionRecord.objects.latest("id")
    petition = record.petition
    services.petition_assign(petition=petition, by=commune_leader, assignee=case_handler)
    services.petition_accept(petition=petition, by=case_handler)
    petition.refresh_from_db()
    return record


def _reception_urls(record) -> list[str]:
    petition = record.petition
    return [
        reverse("reception:book"),
        reverse("reception:book") + "?q=bi+mat",
        reverse("reception:book") + "?q=cao+phong",
        reverse("reception:record", args=[record.pk]),
        reverse("reception:book_export"),
        reverse("petitions:worklist") + "?worklist=all&q=bi+mat",
        reverse("petitions:worklist") + "?worklist=all&q=cao+phong",
        reverse("petitions:detail", args=[petition.pk]),
        "/api/v1/petitions/?q=cao+phong",
        f"/api/v1/petitions/{petition.pk}",
        "/staff/audit/",
    ]


@pytest.mark.parametrize("username", USERS)
def test_a_denunciation_spoken_at_reception_shows_the_identity_nowhere(spoken_case, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    for url in _reception_urls(spoken_case):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        assert not _leaks(_text(response)), (username, url, _leaks(_text(response)))


def test_a_denunciation_spoken_at_reception_is_stored_redacted_and_kept_whole_for_grant_holders(
    spoken_case, desk_officer, case_handler
):
    from gandan.opinion.models import Signal
    from gandan.petitions.models import Petition
    from gandan.search.services import matching_ids

    record, petition = spoken_case, spoken_case.petition
    stored = [
        record.content,
        record.citizen_name,
        record.note,
        petition.subject,
        petition.content,
        petition.petitioner_display,
    ]
    stored += list(
        Signal.objects.filter(source_id__in=[str(record.pk), str(petition.pk)]).values_list("text", flat=True)
    )
    assert "trưởng thôn Cao Phong" in petition.content and "***" in petition.content
    for text in stored:
        assert not _leaks(text), text
    found = Petition.objects.filter(pk=petition.pk)
    assert not found.filter(pk__in=matching_ids("petition", "bi mat")).exists()
    assert not found.filter(pk__in=matching_ids("petition", "0977111222")).exists()
    assert found.filter(pk__in=matching_ids("petition", "cao phong")).exists()
    # A handler without a grant cannot open the identity; the recording officer (intake grant) can, with the
    # words exactly as spoken.
    handler = Client()
    handler.force_login(case_handler)
    refused = handler.post(
        reverse("petitions:identity", args=[petition.pk]), {"reason": "Cần đối chiếu lời khai"}
    )
    assert refused.status_code in (403, 404) and not _leaks(refused.content.decode())
    officer = Client()
    officer.force_login(desk_officer)
    opened = officer.post(
        reverse("petitions:identity", args=[petition.pk]), {"reason": "Cần đối chiếu lời khai"}
    )
    assert opened.status_code == 200
    page = opened.content.decode()
    assert SECRET["name"] in page and "O25 19O O99 887" in page and "0977 - 111 - 222" in page


def test_the_officer_redacts_more_by_hand_in_the_preview(desk_officer):
    from django.utils import timezone

    from gandan.reception.models import ReceptionRecord

    client = Client()
    client.force_login(desk_officer)
    url = reverse("reception:record_new")
    values = {
        **RECEPTION_FORM,
        "at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "kind": "complaint",
        "secrecy": "on",
        "create_petition": "",
        "content": "Bà Tư bán nước đầu ngõ, tên thật Dinh Thi Bi Mat, bị hàng xóm lấn đất.",
    }

    shown = _textarea(client.post(url, values), "content")
    assert shown == "Bà Tư bán nước đầu ngõ, tên thật ***, bị hàng xóm lấn đất."
    by_hand = shown.replace("Bà Tư bán nước đầu ngõ", "***")
    assert client.post(url, {**values, "content": by_hand, "confirm": "1"}).status_code == 302
    record = ReceptionRecord.objects.latest("id")
    assert record.content == "***, tên thật ***, bị hàng xóm lấn đất."


@pytest.mark.parametrize("create_petition", [True, False])
def test_the_book_service_redacts_a_denunciation_even_without_the_preview(desk_officer, create_petition):
    """Whatever page or script calls it: a guided denunciation (no petition) is redacted in the book too."""
    from gandan.opinion.models import Signal
    from gandan.reception import services as reception

    record = reception.reception_record_add(
        unit=desk_officer.unit,
        citizen_name=SECRET["name"],
        citizen_address=SECRET["address"],
        id_number=SECRET["id_number"],
        phone=SECRET["phone"],
        content=SPOKEN,
        kind="denunciation",
        outcome="recorded" if create_petition else "guided",
        guided_to="" if create_petition else "Thanh tra tỉnh",
        create_petition=create_petition,
        by=desk_officer,
    )

    assert "***" in record.content and not _leaks(record.content), record.content
    signals = Signal.objects.filter(source_id__in=[str(record.pk), str(record.petition_id)])
    assert signals.exists() and not any(_leaks(s.text) for s in signals)
    if create_petition:
        assert record.petition.identity.original_text == SPOKEN


# --- The officer's own redaction before the case is shared (issue #9, point 4) -----------------------------------

HINT = "bà Tư bán nước đầu ngõ"
MAY_REDACT = {"motcua.songlo", "chutich.songlo", "thanhtra.songlo", "xuly.songlo"}  # intake, leader, handler


@pytest.fixture
def hinted_case(desk_officer, home_commune, commune_leader, case_handler):
    p = services.petition_receive(
        unit=home_commune,
        channel="direct",
        persons=[SECRET],
        original_text=ORIGINAL,
        parts=[
            {
                "kind": "denunciation",
                "subject": "Tố cáo trưởng thôn Cao Phong, người báo tin là " + HINT,
                "content": f"Người viết đơn là {HINT.capitalize()}, thấy trưởng thôn Cao Phong thu tiền.\n"
                "Ai cũng biết Bà Tư bán\nnước đầu ngõ hay đi họp thôn.",
            }
        ],
        by=desk_officer,
    )[0]
    services.petition_assign(petition=p, by=commune_leader, assignee=case_handler)
    p.refresh_from_db()
    return p


def _hint_leaks(text: str) -> bool:
    from gandan.core.vntext import fold

    return "tubannuoc" in "".join(ch for ch in fold(text) if ch.isalnum())


def test_the_handler_redacts_a_hint_from_every_copy_and_the_audit_keeps_no_phrase(hinted_case, case_handler):
    from gandan.audit.models import Event
    from gandan.opinion.models import Signal
    from gandan.petitions.models import Petition
    from gandan.search.services import matching_ids

    client = Client()
    client.force_login(case_handler)
    url = reverse("petitions:redact", args=[hinted_case.pk])
    assert client.get(url).status_code == 200
    assert "redact/" in client.get(reverse("petitions:detail", args=[hinted_case.pk])).content.decode()

    response = client.post(url, {"phrases": "ba Tu ban nuoc dau ngo\n"})  # typed without diacritics

    assert response.status_code == 302
    hinted_case.refresh_from_db()
    assert hinted_case.content.count("***") == 2 and "trưởng thôn Cao Phong" in hinted_case.content
    assert hinted_case.subject == "Tố cáo trưởng thôn Cao Phong, người báo tin là ***"
    for url in (
        reverse("petitions:detail", args=[hinted_case.pk]),
        f"/api/v1/petitions/{hinted_case.pk}",
        reverse("petitions:worklist") + "?worklist=all&q=cao+phong",
        "/staff/audit/",
    ):
        assert not _hint_leaks(_text(client.get(url))), url
    found = Petition.objects.filter(pk=hinted_case.pk)
    assert not found.filter(pk__in=matching_ids("petition", "ban nuoc")).exists()
    assert found.filter(pk__in=matching_ids("petition", "cao phong")).exists()
    signal = Signal.objects.get(source_kind="petition", source_id=str(hinted_case.pk))
    assert not _hint_leaks(signal.text) and "Cao Phong" in signal.text
    events = Event.objects.filter(object_id=str(hinted_case.pk), action="petitions.redact")
    assert events.count() == 1 and not _hint_leaks(str(events.get().details))


def test_the_reception_book_line_of_the_case_is_redacted_too(spoken_case, desk_officer):
    from gandan.reception.models import ReceptionRecord

    services.petition_redact(
        petition=spoken_case.petition, by=desk_officer, phrases=["trưởng thôn Cao Phong"]
    )

    record = ReceptionRecord.objects.get(pk=spoken_case.pk)
    assert "Cao Phong" not in record.content and "Cao Phong" not in record.petition.content


@pytest.mark.parametrize("username", USERS)
def test_only_the_cases_intake_leaders_and_handler_may_redact(hinted_case, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    url = reverse("petitions:redact", args=[hinted_case.pk])
    before = hinted_case.content

    shown, posted = client.get(url), client.post(url, {"phrases": HINT})

    hinted_case.refresh_from_db()
    if username in MAY_REDACT:
        assert shown.status_code == 200 and posted.status_code == 302 and HINT not in hinted_case.content
    else:
        assert shown.status_code in (403, 404) and posted.status_code in (403, 404)
        assert hinted_case.content == before


@pytest.mark.parametrize(
    ("phrases", "message"),
    [
        ("", "This field is required."),
        ("\n *** \n", "Write at least one phrase to redact, one per line."),
        ("bà Năm bán xôi", "None of these phrases is in the subject or the content: check the spelling."),
        ("a", "Each phrase needs at least two letters or digits."),
    ],
)
def test_a_phrase_that_cannot_be_redacted_is_refused_with_a_message_and_nothing_changes(
    hinted_case, case_handler, phrases, message
):
    from django.utils.translation import gettext, override

    client = Client()
    client.force_login(case_handler)
    before = (hinted_case.subject, hinted_case.content)

    response = client.post(reverse("petitions:redact", args=[hinted_case.pk]), {"phrases": phrases})

    hinted_case.refresh_from_db()
    assert response.status_code == 422 and (hinted_case.subject, hinted_case.content) == before
    with override("vi"):
        assert gettext(message) in response.content.decode()


def test_a_letter_that_also_denounces_never_ties_its_signed_matter_to_the_denunciation(
    desk_officer, home_commune
):
    """The probe's letter: a complaint signed by name and a denunciation in one envelope. The complaint is the
    citizen's in the clear; nothing on it, nor on the denunciation, may point from one to the other."""
    denunciation, complaint = services.petition_receive(
        unit=home_commune,
        channel="post",
        persons=[SECRET],
        original_text=ORIGINAL,
        parts=[
            {"kind": "denunciation", "subject": "Tố cáo chủ tịch hội nông dân", "content": "Thu tiền sai."},
            {
                "kind": "complaint",
                "subject": "Khiếu nại quyết định thu hồi đất",
                "content": "Đề nghị xem xét.",
            },
        ],
        by=desk_officer,
    )
    client = Client()
    client.force_login(User.objects.get(username="xuly.songlo"))

    assert denunciation.protected and not complaint.protected
    assert complaint.split_from_id is None and not denunciation.parts.exists()
    for own, other in ((complaint, denunciation), (denunciation, complaint)):
        for url in (reverse("petitions:detail", args=[own.pk]), f"/api/v1/petitions/{own.pk}"):
            assert other.code not in _text(client.get(url)), url

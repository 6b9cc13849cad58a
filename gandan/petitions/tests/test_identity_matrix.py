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

SECRET = {"name": "Đinh Thị Bí Mật", "address": "Xóm Kín, thôn Cao Phong", "phone": "0977111222",
          "id_number": "025190099887", "email": "bimat@example.com"}
# Every way the identity could leak: the name with and without marks, the address, the phone and its last
# digits as typed, the ID number and the e-mail.
NEEDLES = ["Đinh Thị Bí Mật", "Dinh Thi Bi Mat", "DINH THI BI MAT", "Xóm Kín", "0977111222", "0977 111 222",
           "025190099887", "bimat@example.com"]
ORIGINAL = "Tôi là Đinh Thị Bí Mật ở Xóm Kín, số điện thoại 0977111222, xin tố cáo trưởng thôn Cao Phong."
USERS = ["motcua.songlo", "xuly.songlo", "chutich.songlo", "bithu.songlo", "danvan.songlo", "thanhtra.songlo",
         "chutich.tamson", "motcua.tamson", "giamsat.phutho", "quantri.phutho"]


@pytest.fixture
def case(desk_officer, home_commune, commune_leader, case_handler, inspector):
    p = services.petition_receive(
        unit=home_commune, channel="direct", persons=[SECRET], original_text=ORIGINAL,
        parts=[{"kind": "denunciation", "subject": "Tố cáo trưởng thôn Cao Phong thu tiền trái quy định",
                "content": "Trưởng thôn Cao Phong thu của mỗi hộ 200.000 đồng không có biên lai."}],
        by=desk_officer,
    )[0]
    services.petition_assign(p, by=commune_leader, assignee=case_handler)
    services.petition_accept(p, by=case_handler)
    services.petition_add_task(p, by=case_handler, title="Xác minh việc thu tiền tại thôn Cao Phong",
                               assignee=inspector, due=p.statutory_due)
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
        return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)
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
        reverse("petitions:reception_book_export"),
        reverse("petitions:reception_book") + "?q=cao+phong",
        reverse("petitions_public:lookup") + f"?code={case.code}&phone_last4=1222",
        "/api/v1/petitions/reception/sessions",
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
        response = client.get(url)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        text = _text(response)
        for needle in NEEDLES:
            assert needle not in text, (username, url, needle)


@pytest.mark.parametrize("username", USERS)
def test_the_duplicate_check_never_names_the_denunciator(case, username):
    """An officer recording a new letter by the same person is not told that person denounced in this case."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    body = {"kind": "recommendation", "subject": "Đề nghị sửa đường", "content": "Đường liên thôn hỏng nặng.",
            "persons": [{k: SECRET[k] for k in ("name", "address", "phone", "id_number")}]}
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
    response = client.post(reverse("petitions:identity", args=[case.pk]),
                           {"reason": "Cần đối chiếu chữ ký trên đơn gốc"})
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
    services.identity_waive(case, by=desk_officer, note="Đơn từ bỏ quyền được bảo vệ ngày 20/11/2026")
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
        petition=case, file=SimpleUploadedFile("don-goc.pdf", pdf.getvalue(), content_type="application/pdf"),
        original_name="Dinh-Thi-Bi-Mat-to-cao.pdf", content_type="application/pdf", size=len(pdf.getvalue()),
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

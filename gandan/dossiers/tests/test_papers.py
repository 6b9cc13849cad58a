"""What the citizen sends and the desk checks: the application's fields (checked on submission, shown to the handler,
printed on Form 01), the checklist of papers (received, original or copy, count; conditional papers), acceptance
refused while a needed paper is missing, Form 02 naming exactly what is missing, the files viewed inline, and the
citizen ID masked with an audited reveal."""

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from gandan.audit.models import SensitiveRead
from gandan.core.application_forms import FieldSpec, schema_data
from gandan.dossiers import services
from gandan.dossiers.models import CopyKind, Dossier, Procedure, ProcedureComponent, Status
from gandan.dossiers.pdf import form_pdf_bytes
from gandan.dossiers.services.catalogue import procedures_import
from gandan.dossiers.services.papers import PaperTick
from gandan.dossiers.tests.factories import local, make_procedure, make_staff, submit
from gandan.errors import DomainError
from gandan.kit.tests.files import pdf_bytes
from gandan.tests_support import client_for, pdf_flat

pytestmark = pytest.mark.django_db

ID_NUMBER = "025190012345"
FIELDS = [
    FieldSpec("ten_tre", "Họ, chữ đệm và tên của trẻ", "text", required=True),
    FieldSpec("ngay_sinh", "Ngày sinh", "date", required=True, past=True),
    FieldSpec("gioi_tinh", "Giới tính", "choice", required=True, choices=("Nam", "Nữ")),
]
ANSWERS = {"ten_tre": "Nguyễn Minh Khôi", "ngay_sinh": "20/02/2026", "gioi_tinh": "Nam"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def procedure(db) -> Procedure:
    """Birth registration: two papers of everyone, one optional, one only when filing for someone else."""
    procedure = make_procedure(days=3)
    procedure.application_fields = schema_data(FIELDS)
    procedure.save(update_fields=["application_fields"])
    ProcedureComponent.objects.create(
        procedure=procedure, position=3, name="Giấy tờ khác", copy_kind=CopyKind.COPY, required=False
    )
    ProcedureComponent.objects.create(
        procedure=procedure,
        position=4,
        name="Văn bản ủy quyền",
        copy_kind=CopyKind.ORIGINAL,
        condition="Khi nộp hồ sơ thay người khác",
    )
    return procedure


def papers(procedure) -> dict[str, ProcedureComponent]:
    return {c.name: c for c in procedure.components.all()}


def ticks(procedure, *received: str, applies: tuple[str, ...] = (), kind: str = "", count: int = 0):
    found = papers(procedure)
    return [
        PaperTick(
            component_id=c.pk, received=name in received, kind=kind, count=count, applies=name in applies
        )
        for name, c in found.items()
    ]


def new(procedure, unit, **extra) -> Dossier:
    return submit(procedure, unit, channel=2, application=ANSWERS, papers=[], **extra)


def test_acceptance_is_refused_naming_each_missing_paper_and_nothing_changes(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune)

    with pytest.raises(DomainError) as caught:
        services.dossier_accept(dossier=dossier, by=desk_officer, papers=ticks(procedure, "Giấy chứng sinh"))

    assert caught.value.code == "papers_missing"
    assert "Tờ khai đăng ký khai sinh" in str(caught.value.message)
    assert "Giấy chứng sinh" not in str(caught.value.message)
    assert "Giấy tờ khác" not in str(caught.value.message)  # optional
    assert "Văn bản ủy quyền" not in str(caught.value.message)  # its case was not ticked
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW
    assert not dossier.components.filter(present=True).exists()  # the refused ticks were not kept


def test_a_conditional_paper_is_needed_once_the_desk_ticks_that_its_case_applies(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune)
    both = ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh")
    on_behalf = ticks(procedure, *both, applies=("Văn bản ủy quyền",))

    with pytest.raises(DomainError) as caught:
        services.dossier_accept(dossier=dossier, by=desk_officer, papers=on_behalf)
    assert "Văn bản ủy quyền" in str(caught.value.message)

    dossier = services.dossier_accept(dossier=dossier, by=desk_officer, papers=ticks(procedure, *both))
    assert dossier.status == Status.ACCEPTED


def test_form_01_lists_exactly_the_papers_received_as_received_and_the_application(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune)
    received = ticks(
        procedure, "Tờ khai đăng ký khai sinh", "Giấy chứng sinh", kind=CopyKind.CERTIFIED_COPY, count=2
    )

    dossier = services.dossier_accept(dossier=dossier, by=desk_officer, papers=received)

    rows = {c.name: (c.present, c.received_kind, c.received_count) for c in dossier.components.all()}
    assert rows["Giấy chứng sinh"] == (True, CopyKind.CERTIFIED_COPY, 2)
    assert rows["Giấy tờ khác"] == (False, "", 0)
    text = pdf_flat(form_pdf_bytes(dossier, "01"))
    assert "Tờ khai đăng ký khai sinh Bản sao có chứng thực 2" in text
    assert "Giấy chứng sinh Bản sao có chứng thực 2" in text
    assert "Giấy tờ khác" not in text and "Văn bản ủy quyền" not in text
    assert "Họ, chữ đệm và tên của trẻ: Nguyễn Minh Khôi" in text
    assert "Ngày sinh: 20/02/2026" in text


def test_form_02_lists_exactly_the_missing_papers_then_the_desks_own_items(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune)

    dossier = services.dossier_request_supplement(
        dossier=dossier,
        by=desk_officer,
        items=["Ảnh chụp rõ hơn của tờ khai"],
        reason="Hồ sơ chưa đủ",
        papers=ticks(procedure, "Tờ khai đăng ký khai sinh"),
    )

    assert dossier.supplements.get().items == ["Giấy chứng sinh", "Ảnh chụp rõ hơn của tờ khai"]
    text = pdf_flat(form_pdf_bytes(dossier, "02"))
    assert "1. Giấy chứng sinh" in text and "2. Ảnh chụp rõ hơn của tờ khai" in text
    assert "Tờ khai đăng ký khai sinh" not in text.split("nội dung sau:")[1]
    assert "Giấy tờ khác" not in text and "Văn bản ủy quyền" not in text


def test_papers_received_after_a_supplement_are_ticked_and_refused_while_one_is_still_missing(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune)
    dossier = services.dossier_request_supplement(
        dossier=dossier, by=desk_officer, items=[], reason="Thiếu", papers=ticks(procedure, "Giấy chứng sinh")
    )
    with pytest.raises(DomainError) as caught:
        services.dossier_receive_supplement(dossier=dossier, by=desk_officer, papers=ticks(procedure))
    assert caught.value.code == "papers_missing"

    both = ticks(procedure, "Tờ khai đăng ký khai sinh", "Giấy chứng sinh")
    dossier = services.dossier_receive_supplement(dossier=dossier, by=desk_officer, papers=both)
    dossier = services.dossier_accept(dossier=dossier, by=desk_officer)
    assert dossier.status == Status.ACCEPTED


def test_the_application_is_checked_on_submission_and_nothing_is_saved_when_wrong(procedure, home_commune):
    before = Dossier.objects.count()
    with time_machine.travel(local(2026, 3, 2), tick=False), pytest.raises(DomainError) as caught:
        submit(
            procedure, home_commune, channel=2, application={"ngay_sinh": "03/03/2026", "gioi_tinh": "Khác"}
        )

    assert set(caught.value.errors) == {"app_ten_tre", "app_ngay_sinh", "app_gioi_tinh"}
    assert Dossier.objects.count() == before


def test_the_citizen_fills_the_procedures_fields_and_one_file_per_paper_online(procedure, home_commune):
    slot = papers(procedure)["Giấy chứng sinh"]
    data = {
        "applicant_name": "Nguyễn Thị Hòa", "applicant_phone": "0912345678", "applicant_address": "Thôn Bến Đò",
        "sets": "1", "confirm": "on", "app_ten_tre": "Nguyễn Minh Khôi", "app_ngay_sinh": "20/02/2026",
        "app_gioi_tinh": "Nam", f"paper_{slot.pk}": SimpleUploadedFile("chung-sinh.pdf", pdf_bytes()),
    }  # fmt: skip
    form = Client().get(f"/ho-so/nop/{procedure.pk}/")
    assert (
        f'name="paper_{slot.pk}"' in form.content.decode() and 'name="app_ngay_sinh"' in form.content.decode()
    )

    response = Client().post(f"/ho-so/nop/{procedure.pk}/", data)

    assert response.status_code == 302
    dossier = Dossier.objects.get(procedure=procedure)
    assert [a["value"] for a in dossier.application] == ["Nguyễn Minh Khôi", "20/02/2026", "Nam"]
    assert dossier.attachments.get().paper.name == "Giấy chứng sinh"


def test_a_refused_online_form_says_which_files_to_choose_again_and_saves_nothing(procedure, home_commune):
    slot = papers(procedure)["Giấy chứng sinh"]
    data = {
        "applicant_name": "Nguyễn Thị Hòa", "applicant_phone": "0912345678", "applicant_address": "Thôn Bến Đò",
        "sets": "1", "confirm": "on", "app_ten_tre": "", "app_ngay_sinh": "31/02/2026", "app_gioi_tinh": "Nam",
        f"paper_{slot.pk}": SimpleUploadedFile("chung-sinh.pdf", pdf_bytes()),
    }  # fmt: skip

    response = Client(HTTP_ACCEPT_LANGUAGE="vi").post(f"/ho-so/nop/{procedure.pk}/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Dossier.objects.filter(procedure=procedure).exists()
    assert re.search(r"files-again.*Giấy chứng sinh: <strong>chung-sinh\.pdf</strong>", page, re.S)


def test_the_handler_sees_every_field_typed_and_the_papers_with_their_files(
    procedure, home_commune, desk_officer, case_handler
):
    slot = papers(procedure)["Giấy chứng sinh"]
    dossier = new(procedure, home_commune, paper_files={slot.pk: [SimpleUploadedFile("cs.pdf", pdf_bytes())]})
    item = dossier.attachments.get()

    page = client_for(case_handler).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()

    assert (
        "Nguyễn Minh Khôi" in page and "20/02/2026" in page and escape("Họ, chữ đệm và tên của trẻ") in page
    )
    link = reverse("dossiers:attachment", args=[dossier.pk, item.pk])
    assert f'href="{link}?inline=1"' in page and f'href="{link}" download' in page
    inline = client_for(case_handler).get(link, {"inline": "1"})
    assert inline["Content-Disposition"].startswith("inline") and inline["Content-Type"] == "application/pdf"
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert client_for(case_handler).get(link)["Content-Disposition"].startswith("attachment")


def test_the_citizen_id_is_masked_and_revealed_with_a_reason_for_that_answer_only(
    procedure, home_commune, desk_officer
):
    dossier = new(procedure, home_commune, id_number=ID_NUMBER)
    client = client_for(desk_officer)
    url = reverse("dossiers:reveal_identity", args=[dossier.pk])

    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert ID_NUMBER not in page and "••••••••2345" in page

    refused = client.post(url, {"reason": "xem"})
    assert refused.status_code == 422 and ID_NUMBER not in refused.content.decode()
    assert not SensitiveRead.objects.exists()

    shown = client.post(url, {"reason": "Đối chiếu với thẻ căn cước công dân xuất trình"})
    assert shown.status_code == 200 and ID_NUMBER in shown.content.decode()
    read = SensitiveRead.objects.get()
    assert (read.actor, read.what, read.object_id) == (desk_officer, "citizen_id", str(dossier.pk))
    assert ID_NUMBER not in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()


def test_only_the_desk_the_leader_and_the_dossiers_own_handler_may_reveal_the_id(
    procedure, home_commune, desk_officer, case_handler, commune_leader, inspector
):
    dossier = new(procedure, home_commune, id_number=ID_NUMBER)
    dossier = services.dossier_accept(
        dossier=dossier,
        by=desk_officer,
        papers=ticks(procedure, "Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
    )
    url = reverse("dossiers:reveal_identity", args=[dossier.pk])
    reason = {"reason": "Kiểm tra số định danh với cơ sở dữ liệu"}
    other_handler = make_staff(home_commune, "xuly.khac", "case_handler")

    assert client_for(case_handler).post(url, reason).status_code == 403  # not his dossier yet
    assert client_for(inspector).post(url, reason).status_code == 403
    services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    assert client_for(case_handler).post(url, reason).status_code == 200
    assert client_for(other_handler).post(url, reason).status_code == 403
    assert client_for(commune_leader).post(url, reason).status_code == 200
    assert SensitiveRead.objects.filter(what="citizen_id").count() == 2


def test_the_desk_ticks_the_papers_on_the_intake_form(procedure, desk_officer):
    found = papers(procedure)
    data = {
        "procedure": procedure.pk, "applicant_name": "Nguyễn Thị Hòa", "applicant_phone": "0912345678",
        "applicant_address": "Thôn Bến Đò", "sets": "1", "channel": "1", "decision": "accept",
        "app_ten_tre": "Nguyễn Minh Khôi", "app_ngay_sinh": "20/02/2026", "app_gioi_tinh": "Nam",
        f"paper_{found['Tờ khai đăng ký khai sinh'].pk}_received": "on",
        f"paper_{found['Tờ khai đăng ký khai sinh'].pk}_kind": "original",
        f"paper_{found['Tờ khai đăng ký khai sinh'].pk}_count": "1",
    }  # fmt: skip
    client = client_for(desk_officer)

    refused = client.post(reverse("dossiers:intake"), data)
    assert refused.status_code == 200 and not Dossier.objects.filter(procedure=procedure).exists()
    assert "Giấy chứng sinh" in refused.content.decode().split('role="alert"')[1]

    data[f"paper_{found['Giấy chứng sinh'].pk}_received"] = "on"
    data[f"paper_{found['Giấy chứng sinh'].pk}_kind"] = "copy"
    data[f"paper_{found['Giấy chứng sinh'].pk}_count"] = "3"
    accepted = client.post(reverse("dossiers:intake"), data)
    assert accepted.status_code == 302
    row = Dossier.objects.get(procedure=procedure).components.get(name="Giấy chứng sinh")
    assert (row.present, row.received_kind, row.received_count) == (True, "copy", 3)


def test_the_import_reads_the_fields_and_the_case_of_a_paper_and_saves_nothing_if_one_line_is_wrong(
    commune_leader,
):
    row = {
        "Mã thủ tục": "9.000001", "Tên thủ tục": "Đăng ký khai tử", "Lĩnh vực": "Hộ tịch",
        "Căn cứ pháp lý": "Luật Hộ tịch 2014", "Thời hạn giải quyết": "Trong ngày",
        "Thành phần hồ sơ": "- Tờ khai (bản chính)\n- Văn bản ủy quyền (bản chính, khi nộp hồ sơ thay người khác)",
        "Trường thông tin": "ten | Họ và tên người chết | text | bắt buộc\nngay_chet | Ngày chết | ngày | "
        "bắt buộc, không sau hôm nay",
    }  # fmt: skip
    wrong = {**row, "Mã thủ tục": "9.000002", "Trường thông tin": "ten | Tên | màu"}

    report = procedures_import(rows=[row, wrong], by=commune_leader)
    assert not report.saved and [e.line for e in report.errors] == [3]
    assert not Procedure.objects.filter(code__startswith="9.00000").exists()

    assert procedures_import(rows=[row], by=commune_leader).saved
    procedure = Procedure.objects.get(code="9.000001")
    assert [(f.key, f.type, f.past) for f in procedure.fields_schema] == [
        ("ten", "text", False),
        ("ngay_chet", "date", True),
    ]
    assert procedure.components.get(name="Văn bản ủy quyền").condition == "Khi nộp hồ sơ thay người khác"


def test_the_catalogue_page_edits_the_fields_and_papers_all_or_nothing(procedure, commune_leader):
    url = reverse("dossiers:procedure_edit", args=[procedure.pk])
    client = client_for(commune_leader)
    form = client.get(url).content.decode()
    assert "ngay_sinh | Ngày sinh | date | bắt buộc, không sau hôm nay" in form
    assert "Văn bản ủy quyền (bản chính, khi nộp hồ sơ thay người khác)" in form

    bad = client.post(url, {"fields_text": "Tên | Tên", "papers_text": "- Tờ khai (bản chính)"})
    assert bad.status_code == 422
    assert procedure.components.count() == 4

    kept = papers(procedure)["Tờ khai đăng ký khai sinh"].pk
    ok = client.post(
        url,
        {
            "fields_text": "ten_tre | Tên của trẻ | text | bắt buộc",
            "papers_text": "- Tờ khai đăng ký khai sinh (bản chính)\n- Giấy xác nhận (bản sao, khi sinh ở nhà)",
        },
    )
    assert ok.status_code == 302
    procedure.refresh_from_db()
    assert [f.label for f in procedure.fields_schema] == ["Tên của trẻ"]
    assert [(c.pk == kept, c.name, c.condition) for c in procedure.components.all()] == [
        (True, "Tờ khai đăng ký khai sinh", ""),
        (False, "Giấy xác nhận", "Khi sinh ở nhà"),
    ]


def test_an_edit_by_an_officer_without_the_catalogue_permission_is_refused(procedure, desk_officer):
    response = client_for(desk_officer).post(
        reverse("dossiers:procedure_edit", args=[procedure.pk]), {"fields_text": "", "papers_text": ""}
    )
    assert response.status_code == 403
    assert len(procedure.fields_schema) == 3


def test_a_paper_sent_online_starts_unticked_with_its_file_beside_it_under_the_right_titles(
    procedure, home_commune, desk_officer
):
    slot = papers(procedure)["Giấy chứng sinh"]
    dossier = new(procedure, home_commune, paper_files={slot.pk: [SimpleUploadedFile("cs.pdf", pdf_bytes())]})
    link = reverse("dossiers:attachment", args=[dossier.pk, dossier.attachments.get().pk])

    client = client_for(desk_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()

    # The box for the paper with a file is not ticked: the officer looks at the file and ticks it himself.
    box = re.search(rf'<input[^>]*name="accept-paper_{slot.pk}_received"[^>]*>', page).group(0)
    assert "checked" not in box
    assert "Công dân đã gửi tệp" in page and f'href="{link}?inline=1"' in page
    # Accepting checks the papers; the title of receiving a supplement is not used, the count column says so.
    assert "Kiểm tra thành phần hồ sơ" in page and "Tiếp nhận giấy tờ bổ sung" not in page
    assert "Số lượng" in page and "Cách tính" not in page
    # Nothing to print before the dossier is accepted: no heading over an empty list.
    assert "Biểu mẫu để in" not in page


def online_data(procedure, **changes) -> dict:
    data = {
        "applicant_name": "Nguyễn Thị Hòa", "applicant_phone": "0912345678", "applicant_address": "Thôn Bến Đò",
        "sets": "1", "confirm": "on", **{f"app_{k}": v for k, v in ANSWERS.items()},
    }  # fmt: skip
    return {**data, **changes}


def test_every_mistake_of_the_online_form_is_shown_at_once_and_the_files_are_asked_again_once(
    procedure, home_commune
):
    slots = papers(procedure)
    data = online_data(
        procedure, birth_year="0", applicant_phone="12345", app_ten_tre="", app_ngay_sinh="00/00/0000",
        **{f"paper_{c.pk}": SimpleUploadedFile(f"{i}.pdf", pdf_bytes()) for i, c in enumerate(slots.values())},
    )  # fmt: skip

    response = Client(HTTP_ACCEPT_LANGUAGE="vi").post(f"/ho-so/nop/{procedure.pk}/", data)

    page = response.content.decode()
    assert set(response.context["form"].errors) == {
        "birth_year",
        "applicant_phone",
        "app_ten_tre",
        "app_ngay_sinh",
    }
    assert "Nhập năm sinh gồm 4 chữ số, từ 1900 đến" in page
    assert not Dossier.objects.filter(procedure=procedure).exists()
    # Said once, naming each paper whose file must be chosen again.
    assert page.count("trình duyệt không giữ") == 1
    assert all(f"{name}: <strong>" in page for name in slots)


@pytest.mark.parametrize("year", ["2099", "1899", "0"])
def test_a_year_of_birth_in_the_future_or_before_1900_is_refused(procedure, home_commune, year):
    response = Client(HTTP_ACCEPT_LANGUAGE="vi").post(
        f"/ho-so/nop/{procedure.pk}/", online_data(procedure, birth_year=year)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["birth_year"]
    assert not Dossier.objects.filter(procedure=procedure).exists()
    with pytest.raises(DomainError) as caught:  # the service refuses it too (the API)
        submit(procedure, home_commune, channel=2, application=ANSWERS, birth_year=int(year))
    assert "birth_year" in caught.value.errors


def test_the_file_choosers_offer_only_pdf_jpg_and_png(procedure):
    page = Client().get(f"/ho-so/nop/{procedure.pk}/").content.decode()

    inputs = re.findall(r'<input[^>]*type="file"[^>]*>', page)
    assert len(inputs) == procedure.components.count() + 1
    assert all('accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"' in i for i in inputs)

"""Returning a result (status 9 → 10): the result document (its number always, its file when there is one), who
received it and how, when, and the fees with their receipt — kept in a ReturnRecord, shown on the dossier page and
its timeline, in the API and in the tracking book (Form 07)."""

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gandan.audit.models import Event
from gandan.dossiers import services
from gandan.dossiers.excel import FIRST_DATA_ROW
from gandan.dossiers.models import Dossier, ReturnRecord, Status
from gandan.dossiers.rules import ReturnMethod, return_problems
from gandan.dossiers.tests.factories import local, make_procedure, received
from gandan.errors import DomainError
from gandan.kit.tests.files import pdf_bytes
from gandan.tests_support import client_for

RESULT = "Giấy khai sinh số 125/2026"


# --- The rule ----------------------------------------------------------------------------------------------------
def _problems(**changes) -> dict[str, str]:
    fields = dict(
        method="in_person",
        result_number=RESULT,
        receiver_is_applicant=True,
        receiver_name="",
        receiver_relationship="",
        fee_amount=0,
        receipt_number="",
    )
    return return_problems(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, {}),
        ({"result_number": ""}, {"result_number": "required"}),
        ({"method": "by_pigeon"}, {"method": "invalid"}),
        (
            {"receiver_is_applicant": False},
            {"receiver_name": "required", "receiver_relationship": "required"},
        ),
        ({"receiver_is_applicant": False, "receiver_name": "Lò Văn Pấng", "receiver_relationship": "bố"}, {}),
        ({"fee_amount": 8000}, {"receipt_number": "required"}),
        ({"fee_amount": 8000, "receipt_number": "0001234"}, {}),
        ({"fee_amount": -1}, {"fee_amount": "invalid"}),
    ],
)
def test_a_return_needs_the_result_number_the_receiver_and_the_receipt_of_any_fee(changes, problems):
    assert _problems(**changes) == problems


texts = st.text(alphabet="aăbcdđ0123456789 /", max_size=20).map(str.strip)


@given(
    st.sampled_from(list(ReturnMethod)),
    texts,
    st.booleans(),
    texts,
    texts,
    st.integers(min_value=0, max_value=10**6),
    texts,
)
def test_the_problems_are_exactly_the_missing_parts(method, number, applicant, name, relation, fee, receipt):
    problems = _problems(
        method=method,
        result_number=number,
        receiver_is_applicant=applicant,
        receiver_name=name,
        receiver_relationship=relation,
        fee_amount=fee,
        receipt_number=receipt,
    )
    assert ("result_number" in problems) is (not number)
    assert ("receiver_name" in problems) is (not applicant and not name)
    assert ("receiver_relationship" in problems) is (not applicant and not relation)
    assert ("receipt_number" in problems) is (fee > 0 and not receipt)
    assert "method" not in problems


# --- The service, the page, the API, the book ----------------------------------------------------------------------
@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ready(db, desk_officer, case_handler):
    """Received Monday 05/01/2026, processed on Wednesday: the result waits at the desk."""
    with time_machine.travel(local(2026, 1, 5, 9), tick=False):
        dossier = received(make_procedure(days=3), desk_officer.unit, desk_officer)
        services.dossier_transfer(dossier=dossier, by=desk_officer, to_user=case_handler)
    with time_machine.travel(local(2026, 1, 7, 9), tick=False):
        return services.dossier_complete(dossier=dossier, by=case_handler)


def _return_to_the_father(dossier, desk_officer, **extra):
    with time_machine.travel(local(2026, 1, 8, 10, 30), tick=False):
        return services.dossier_return(
            dossier=dossier,
            by=desk_officer,
            result_number=RESULT,
            method=ReturnMethod.POST,
            receiver_is_applicant=False,
            receiver_name="Lò Văn Pấng",
            receiver_relationship="bố, giấy ủy quyền số 12",
            fee_amount=8000,
            receipt_number="0001234",
            **extra,
        )


def test_the_return_records_the_document_the_receiver_the_way_and_the_fees(ready, desk_officer):
    dossier = _return_to_the_father(
        ready, desk_officer, result_file=SimpleUploadedFile("ket-qua.pdf", pdf_bytes(pages=1))
    )

    record = ReturnRecord.objects.get(dossier=dossier)
    assert (dossier.status, record.by, record.at, dossier.returned_at) == (
        Status.RETURNED,
        desk_officer,
        local(2026, 1, 8, 10, 30),
        local(2026, 1, 8, 10, 30),
    )
    assert (record.result_number, record.method, record.receiver_name, record.fee_amount) == (
        RESULT,
        "post",
        "Lò Văn Pấng",
        8000,
    )
    assert (record.file_name, record.file_type) == ("ket-qua.pdf", "application/pdf")
    assert record.file.name.startswith("results/") and record.file.name.endswith(".pdf")
    step = dossier.steps.last()
    assert step.action == "return_result"
    assert RESULT in step.note and "Lò Văn Pấng" in step.note and "0001234" in step.note


def test_a_return_missing_its_parts_names_each_and_changes_nothing(ready, desk_officer):
    with pytest.raises(DomainError) as refused:
        services.dossier_return(
            dossier=ready, by=desk_officer, result_number=" ", receiver_is_applicant=False, fee_amount=5000
        )

    assert set(refused.value.errors) == {
        "result_number",
        "receiver_name",
        "receiver_relationship",
        "receipt_number",
    }
    ready.refresh_from_db()
    assert ready.status == Status.PROCESSED and not ReturnRecord.objects.filter(dossier=ready).exists()


def test_a_file_that_is_not_a_real_scan_is_refused(ready, desk_officer):
    fake = SimpleUploadedFile("ket-qua.pdf", b"<html>not a pdf</html>")

    with pytest.raises(DomainError) as refused:
        _return_to_the_father(ready, desk_officer, result_file=fake)

    assert list(refused.value.errors) == ["result_file"]
    assert Dossier.objects.get(pk=ready.pk).status == Status.PROCESSED


def test_the_desk_returns_from_the_dossier_page_with_the_file(ready, desk_officer):
    client = client_for(desk_officer)
    page = client.get(f"/staff/dossiers/{ready.pk}/").content.decode()
    assert 'enctype="multipart/form-data"' in page  # the return form can carry the file

    response = client.post(
        f"/staff/dossiers/{ready.pk}/act/return_result/",
        {
            "return_result-result_number": RESULT,
            "return_result-result_file": SimpleUploadedFile("gks.pdf", pdf_bytes(pages=1)),
            "return_result-method": "in_person",
            "return_result-receiver_is_applicant": "0",
            "return_result-receiver_name": "Lò Thị Mai",
            "return_result-receiver_relationship": "mẹ",
            "return_result-fee_amount": "8000",
            "return_result-receipt_number": "0001235",
        },
    )

    assert response.status_code == 302
    page = client.get(f"/staff/dossiers/{ready.pk}/").content.decode()
    assert RESULT in page and "Lò Thị Mai (mẹ)" in page and "Trực tiếp tại bộ phận một cửa" in page
    assert "biên lai số 0001235" in page and "8.000" in page
    download = client.get(reverse("dossiers:result_file", args=[ready.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert Event.objects.filter(action="dossiers.result_file_read", object_id=str(ready.pk)).exists()


def test_the_page_shows_what_is_missing_next_to_each_field(ready, desk_officer):
    response = client_for(desk_officer).post(
        f"/staff/dossiers/{ready.pk}/act/return_result/",
        {
            "return_result-result_number": RESULT,
            "return_result-method": "in_person",
            "return_result-receiver_is_applicant": "0",
            "return_result-fee_amount": "8000",
        },
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Hãy ghi họ và tên người nhận kết quả." in page
    assert "Đã thu phí, lệ phí: hãy ghi số biên lai đã giao." in page
    assert Dossier.objects.get(pk=ready.pk).status == Status.PROCESSED


def test_the_result_file_is_404_outside_the_commune_and_without_a_file(
    ready, desk_officer, other_commune_leader
):
    _return_to_the_father(ready, desk_officer, result_file=SimpleUploadedFile("k.pdf", pdf_bytes(pages=1)))
    url = reverse("dossiers:result_file", args=[ready.pk])

    assert client_for(other_commune_leader).get(url).status_code == 404


def test_a_paper_result_has_no_file_to_download(ready, desk_officer):
    _return_to_the_father(ready, desk_officer)

    assert client_for(desk_officer).get(reverse("dossiers:result_file", args=[ready.pk])).status_code == 404


def test_the_api_returns_a_result_and_shows_the_record(ready, desk_officer):
    client = client_for(desk_officer)
    response = client.post(
        f"/api/v1/dossiers/{ready.pk}/actions/return_result",
        {"result_number": RESULT, "method": "online", "fee_amount": 0},
        content_type="application/json",
    )

    assert response.status_code == 200
    record = client.get(f"/api/v1/dossiers/{ready.pk}").json()["return_record"]
    assert record["result_number"] == RESULT
    assert (record["method"], record["receiver_is_applicant"], record["has_file"]) == ("online", True, False)
    listed = client.get("/api/v1/dossiers/", {"worklist": "all"}).json()["items"]
    assert [r["return_record"]["result_number"] for r in listed if r["id"] == ready.pk] == [RESULT]


def test_the_api_refuses_a_return_without_the_result_number(ready, desk_officer):
    response = client_for(desk_officer).post(
        f"/api/v1/dossiers/{ready.pk}/actions/return_result", {}, content_type="application/json"
    )

    body = response.json()
    assert response.status_code == 400 and body["code"] == "return_invalid"
    assert [e["field"] for e in body["errors"]] == ["result_number"]


def test_the_tracking_book_notes_the_result_the_receiver_and_the_fees(ready, desk_officer):
    _return_to_the_father(ready, desk_officer)

    response = client_for(desk_officer).get(
        reverse("dossiers:book"), {"from": "05/01/2026", "to": "05/01/2026"}
    )

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    row = next(r for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if r[1] == ready.code)
    assert row[11] == "08/01/2026"  # returned to the citizen
    assert row[13] == (
        f"Kết quả: {RESULT}; trả qua bưu chính; người nhận: Lò Văn Pấng (bố, giấy ủy quyền số 12); "
        "phí, lệ phí 8.000 đ, biên lai số 0001234"
    )


def test_finished_but_not_returned_has_its_own_tab_with_a_count(ready, desk_officer):
    response = client_for(desk_officer).get("/staff/dossiers/", {"worklist": "ready"})

    page = response.content.decode()
    assert ready.code in page
    assert '<a href="?worklist=ready" aria-current="page"' in page

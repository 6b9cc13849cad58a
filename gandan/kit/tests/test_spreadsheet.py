"""Formula injection (issue #9, point 6): text a person typed is written to every Excel export as text, never as a
formula, and stays readable; numbers and dates keep their types."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gandan.dossiers import services as desk
from gandan.dossiers.models import CopyKind, OnlineLevel, Procedure, ProcedureComponent, TimeUnit
from gandan.kit.spreadsheet import needs_guard, row, styled
from gandan.reception.services import reception_record_add
from gandan.tests_support import client_for

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [c for ws in book.worksheets for line in ws.iter_rows() for c in line]


def assert_no_formula_and_readable(content: bytes, payloads) -> None:
    found = cells(content)
    formulas = [(c.coordinate, c.value) for c in found if c.data_type == "f"]
    assert formulas == []
    text = "\n".join(str(c.value) for c in found if c.value is not None)
    for payload in payloads:
        # the services store what was typed without its outer whitespace ("\t=1" is kept as "=1")
        assert payload.strip() in text, payload
    guarded = [c for c in found if isinstance(c.value, str) and needs_guard(c.value)]
    assert guarded and all(c.quotePrefix for c in guarded)  # and stays text when an officer edits the cell


@pytest.mark.parametrize("payload", [*PAYLOADS, " =1", "\n-1"])
def test_a_text_that_reads_as_a_formula_is_written_as_text(payload):
    book = Workbook(write_only=True)
    ws = book.create_sheet("x")
    ws.append(row(ws, [payload, 7, dt.date(2026, 1, 9), None, "Nguyễn Thị Hòa"]))
    ws.append([styled(ws, payload)])
    out = io.BytesIO()
    book.save(out)

    first, second = load_workbook(io.BytesIO(out.getvalue())).active.iter_rows()
    # A carriage return may read back as a line feed (the standard library's XML parser normalises it; lxml, which
    # openpyxl uses when it is installed, keeps it): the text is otherwise exactly what was typed
    assert (first[0].value.replace("\r", "\n"), first[0].data_type, first[0].quotePrefix) == (
        payload.replace("\r", "\n"),
        "s",
        True,
    )
    assert second[0].data_type == "s" and second[0].quotePrefix
    assert first[1].value == 7 and first[1].data_type == "n"
    assert isinstance(first[2].value, dt.datetime) and first[2].data_type == "d"
    assert first[4].value == "Nguyễn Thị Hòa" and not first[4].quotePrefix  # plain text costs no style


def test_a_control_character_xml_cannot_hold_is_dropped_not_a_failed_export():
    book = Workbook(write_only=True)
    ws = book.create_sheet("x")
    ws.append(row(ws, ["Lê\x01 Văn\x0b Bình"]))
    out = io.BytesIO()
    book.save(out)
    assert load_workbook(io.BytesIO(out.getvalue())).active["A1"].value == "Lê Văn Bình"


def test_the_tracking_book_writes_every_typed_text_as_text(home_commune, desk_officer):
    procedure = Procedure.objects.create(
        code="TEST.INJ.01",
        name='=HYPERLINK("http://x","thủ tục")',
        name_search="thu tuc",
        field="Hộ tịch",
        legal_basis="Luật Hộ tịch 2014",
        time_value=3,
        time_unit=TimeUnit.WORKING_DAYS,
        online_level=OnlineLevel.FULL,
    )
    component = ProcedureComponent.objects.create(
        procedure=procedure, position=1, name="Tờ khai", copy_kind=CopyKind.ORIGINAL, count=1
    )
    now = timezone.now()
    for payload in PAYLOADS:
        dossier = desk.dossier_submit(
            procedure=procedure,
            unit=home_commune,
            channel=1,
            applicant_name=f"{payload}",
            applicant_phone="0912345678",
            applicant_address=payload,
            id_number="",
            by=desk_officer,
            at=now,
            present_component_ids=[component.pk],
        )
        desk.dossier_accept(dossier=dossier, by=desk_officer, at=now)

    response = client_for(desk_officer).get(reverse("dossiers:book"))

    assert response.status_code == 200
    assert_no_formula_and_readable(response.getvalue(), [*PAYLOADS, procedure.name])


def test_the_reception_book_writes_every_typed_text_as_text(desk_officer):
    for payload in PAYLOADS:
        reception_record_add(
            unit=desk_officer.unit,
            citizen_name=f"Trần {payload}" if payload[0] in "\t\r" else payload,
            citizen_address=payload,
            content=f"{payload} nội dung",
            kind="complaint",
            prior_body=payload,
            guided_to=payload,
            documents_received=payload,
            note=payload,
            follow_up=payload,
            by=desk_officer,
        )

    response = client_for(desk_officer).get(reverse("reception:book_export"))

    assert response.status_code == 200
    assert_no_formula_and_readable(response.getvalue(), PAYLOADS)

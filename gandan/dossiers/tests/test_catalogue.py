"""The procedure catalogue: reading a province's published list, importing it all-or-nothing, the pages."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gandan.audit.models import Event
from gandan.core.procedure_catalogue import (
    CALENDAR_DAYS,
    CERTIFIED_COPY,
    COPY,
    ORIGINAL,
    ORIGINAL_OR_COPY,
    SAME_DAY,
    WORKING_DAYS,
    WORKING_HOURS,
    ComponentSpec,
    Unreadable,
    column_key,
    parse_components,
    parse_date,
    parse_fee,
    parse_online_level,
    parse_time_limit,
)
from gandan.dossiers.demo_catalogue import DEMO_PROCEDURES
from gandan.dossiers.models import CopyKind, OnlineLevel, Procedure, TimeUnit
from gandan.dossiers.selectors import procedures_search
from gandan.dossiers.services.catalogue import procedures_check, procedures_import, procedures_load_demo
from gandan.tests_support import client_for

QUOTED_HEADER = (
    'Mã thủ tục,Tên thủ tục,Lĩnh vực,Căn cứ pháp lý,Thời hạn giải quyết,"Phí, lệ phí",Mức độ DVC,Thành phần hồ sơ,'
    "Hiệu lực từ"
)
GOOD_LINES = [
    "9.000001,Đăng ký việc thử nghiệm,Hộ tịch,Luật Hộ tịch số 60/2014/QH13,05 ngày làm việc,50.000 đồng,Toàn trình,"
    '"- Tờ khai (bản chính)\n- Giấy chứng nhận (bản sao có chứng thực) x2",01/07/2025',
    "9.000002,Chứng thực thử nghiệm,Chứng thực,Nghị định số 23/2015/NĐ-CP,Trong ngày,Miễn phí,Một phần,"
    "Dự thảo văn bản (bản chính); Giấy tờ tùy thân (bản sao kèm bản chính để đối chiếu),",
]


def csv_file(
    *lines: str, header: str = QUOTED_HEADER, name: str = "danh-muc.csv", bom: bool = True
) -> SimpleUploadedFile:
    text = "\n".join([header, *lines]) + "\n"
    return SimpleUploadedFile(
        name, (b"\xef\xbb\xbf" if bom else b"") + text.encode(), content_type="text/csv"
    )


# --- Parsing the published text (pure) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 ngày làm việc", (5, WORKING_DAYS)),
        ("5 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", (5, WORKING_DAYS)),
        ("Không quá 03 ngày làm việc; trường hợp cần xác minh không quá 05 ngày làm việc", (3, WORKING_DAYS)),
        ("Trong ngày", (0, SAME_DAY)),
        (
            "Ngay trong ngày tiếp nhận; trường hợp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
            (0, SAME_DAY),
        ),
        ("NGAY TRONG NGAY", (0, SAME_DAY)),
        ("8 giờ làm việc", (8, WORKING_HOURS)),
        ("01 giờ", (1, WORKING_HOURS)),
        ("Không quá 0,5 ngày làm việc", (4, WORKING_HOURS)),
        ("1/2 ngày làm việc", (4, WORKING_HOURS)),
        ("30 ngày", (30, CALENDAR_DAYS)),
        ("45 ngày kể từ ngày nhận được đơn", (45, CALENDAR_DAYS)),
        ("5 working days", (5, WORKING_DAYS)),
        ("same day", (0, SAME_DAY)),
        ("30 calendar days", (30, CALENDAR_DAYS)),
    ],
)
def test_it_reads_published_time_limits(text, expected):
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize(
    "text", ["", "5", "năm ngày làm việc", "0 ngày làm việc", "01 tháng", "theo quy định", "1,5 ngày"]
)
def test_it_refuses_time_limits_it_cannot_read(text):
    with pytest.raises(Unreadable):
        parse_time_limit(text)


def test_the_time_units_are_the_models():
    assert {SAME_DAY, WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS} == set(TimeUnit.values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (0, "")),
        ("Không", (0, "")),
        ("Miễn phí", (0, "")),
        ("miễn lệ phí", (0, "")),
        ("0", (0, "")),
        ("50.000 đồng", (50000, "")),
        ("50,000 VND", (50000, "")),
        ("10.000đ", (10000, "")),
        ("100000", (100000, "")),
        (
            "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang",
            (2000, "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang"),
        ),
        ("Miễn lệ phí đăng ký khai sinh đúng hạn", (0, "Miễn lệ phí đăng ký khai sinh đúng hạn")),
        (
            "20.000 đồng (nộp trực tiếp); 10.000 đồng (nộp trực tuyến)",
            (20000, "20.000 đồng (nộp trực tiếp); 10.000 đồng (nộp trực tuyến)"),
        ),
    ],
)
def test_it_reads_fees(text, expected):
    assert parse_fee(text) == expected


@pytest.mark.parametrize("text", ["Theo quy định", "Nghị định 23/2015/NĐ-CP", "năm mươi nghìn"])
def test_it_refuses_fees_without_an_amount(text):
    with pytest.raises(Unreadable):
        parse_fee(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toàn trình", OnlineLevel.FULL),
        ("DVC trực tuyến toàn trình", OnlineLevel.FULL),
        ("4", OnlineLevel.FULL),
        ("Mức độ 4", OnlineLevel.FULL),
        ("Một phần", OnlineLevel.PARTIAL),
        ("mot phan", OnlineLevel.PARTIAL),
        ("3", OnlineLevel.PARTIAL),
        ("Không", OnlineLevel.NONE),
        ("Mức độ 2", OnlineLevel.NONE),
        ("", OnlineLevel.NONE),
        ("partial", OnlineLevel.PARTIAL),
    ],
)
def test_it_reads_online_levels(text, expected):
    assert parse_online_level(text) == expected


def test_it_refuses_an_unknown_online_level():
    with pytest.raises(Unreadable):
        parse_online_level("Mức độ 5")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tờ khai đăng ký khai sinh (bản chính)", [ComponentSpec("Tờ khai đăng ký khai sinh", ORIGINAL)]),
        (
            "- Tờ khai (bản chính)\n- Giấy chứng sinh (bản sao)",
            [ComponentSpec("Tờ khai", ORIGINAL), ComponentSpec("Giấy chứng sinh", COPY)],
        ),
        (
            "Tờ khai; Sổ đỏ (bản sao có chứng thực)",
            [ComponentSpec("Tờ khai"), ComponentSpec("Sổ đỏ", CERTIFIED_COPY)],
        ),
        ("1. Bản vẽ thiết kế (bản chính) x2", [ComponentSpec("Bản vẽ thiết kế", ORIGINAL, count=2)]),
        ("CCCD (bản sao kèm bản chính để đối chiếu)", [ComponentSpec("CCCD", ORIGINAL_OR_COPY)]),
        ("Giấy xác nhận (bản chính, nếu có)", [ComponentSpec("Giấy xác nhận", ORIGINAL, required=False)]),
        ("Đơn (01 bản chính)", [ComponentSpec("Đơn", ORIGINAL, count=1)]),
        ("Tờ khai (Mẫu CT01) (bản chính)", [ComponentSpec("Tờ khai (Mẫu CT01)", ORIGINAL)]),
        ("Văn bản (giấy A hoặc giấy B)", [ComponentSpec("Văn bản (giấy A hoặc giấy B)")]),
        (
            "- A (copy) - B (certified copy, 2 copies)",
            [ComponentSpec("A", COPY), ComponentSpec("B", CERTIFIED_COPY, 2)],
        ),
        ("", []),
        ("\n;  ;\n", []),
    ],
)
def test_it_reads_the_papers_of_a_dossier(text, expected):
    assert parse_components(text) == expected


def test_the_copy_kinds_are_the_models():
    assert {ORIGINAL, COPY, CERTIFIED_COPY, ORIGINAL_OR_COPY} == set(CopyKind.values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/07/2025", dt.date(2025, 7, 1)),
        ("1/7/2025", dt.date(2025, 7, 1)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        (dt.datetime(2025, 7, 1, 0, 0), dt.date(2025, 7, 1)),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2025", "07/2025", "hôm nay"])
def test_it_refuses_what_is_not_a_date(value):
    with pytest.raises(Unreadable):
        parse_date(value)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Mã thủ tục", "code"), ("MA THU TUC", "code"), ("code", "code"), ("Tên thủ tục hành chính", "name"),
        ("Phí, lệ phí", "fee"), ("phi le phi", "fee"), ("Thời hạn giải quyết", "time_limit"),
        ("time_limit", "time_limit"), ("Mức độ DVC", "online_level"), ("Căn cứ pháp lý:", "legal_basis"),
        ("Hiệu lực đến", "valid_to"), ("STT", None), ("", None),
    ],
)  # fmt: skip
def test_headers_are_matched_without_case_or_diacritics(header, key):
    assert column_key(header) == key


# --- Importing ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_good_csv_with_vietnamese_headers_and_a_bom_creates_the_procedures(commune_leader):
    report = procedures_import(file=csv_file(*GOOD_LINES), by=commune_leader)

    assert report.ok and report.saved
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    first = Procedure.objects.get(code="9.000001")
    assert first.name == "Đăng ký việc thử nghiệm"
    assert first.name_search == "dang ky viec thu nghiem"
    assert (first.time_value, first.time_unit, first.fee) == (5, TimeUnit.WORKING_DAYS, 50000)
    assert first.online_level == OnlineLevel.FULL
    assert first.valid_from == dt.date(2025, 7, 1)
    assert [(c.position, c.name, c.copy_kind, c.count) for c in first.components.all()] == [
        (1, "Tờ khai", CopyKind.ORIGINAL, 1),
        (2, "Giấy chứng nhận", CopyKind.CERTIFIED_COPY, 2),
    ]
    second = Procedure.objects.get(code="9.000002")
    assert (second.time_unit, second.fee, second.online_level) == (TimeUnit.SAME_DAY, 0, OnlineLevel.PARTIAL)
    assert second.lead_unit == "UBND cấp xã"
    event = Event.objects.get(action="dossiers.procedures_import")
    assert event.actor == commune_leader
    assert event.details["created"] == 2


@pytest.mark.django_db
def test_a_csv_saved_by_excel_with_semicolons_is_read(commune_leader):
    header = "Mã thủ tục;Tên thủ tục;Lĩnh vực;Căn cứ pháp lý;Thời hạn giải quyết;Phí, lệ phí"
    line = "9.000003;Thủ tục chấm phẩy;Hộ tịch;Luật Hộ tịch;03 ngày làm việc;Không"

    report = procedures_import(file=csv_file(line, header=header), by=commune_leader)

    assert report.saved
    assert Procedure.objects.get(code="9.000003").time_value == 3


@pytest.mark.django_db
def test_a_file_with_one_bad_line_saves_nothing_and_names_the_line(commune_leader):
    bad = "9.000009,Thủ tục lỗi,Hộ tịch,Luật Hộ tịch,khi nào xong thì báo,Không,Không,,"
    before = Procedure.objects.count()

    report = procedures_import(file=csv_file(GOOD_LINES[0], bad, GOOD_LINES[1]), by=commune_leader)

    assert not report.saved
    # Rows as a spreadsheet shows them: the header is row 1, and a cell with line breaks stays in its row.
    assert [e.line for e in report.errors] == [3]
    assert "khi nào xong thì báo" in report.errors[0].message
    assert Procedure.objects.count() == before
    assert not Procedure.objects.filter(code__in=["9.000001", "9.000002"]).exists()
    assert not Event.objects.filter(action="dossiers.procedures_import").exists()


@pytest.mark.django_db
def test_every_bad_line_is_reported_at_once(commune_leader):
    rows = [
        {"Mã thủ tục": "9.1", "Tên thủ tục": "", "Lĩnh vực": "Hộ tịch", "Căn cứ pháp lý": "Luật",
         "Thời hạn giải quyết": "5 ngày làm việc"},
        {"Mã thủ tục": "9.2", "Tên thủ tục": "B", "Lĩnh vực": "Hộ tịch", "Căn cứ pháp lý": "Luật",
         "Thời hạn giải quyết": "5 ngày làm việc", "Phí, lệ phí": "tuỳ", "Mức độ DVC": "mức 9",
         "Hiệu lực từ": "01/01/2026", "Hiệu lực đến": "31/12/2025"},
        {"Mã thủ tục": "9.1", "Tên thủ tục": "C", "Lĩnh vực": "Hộ tịch", "Căn cứ pháp lý": "Luật",
         "Thời hạn giải quyết": "Trong ngày"},
    ]  # fmt: skip

    report = procedures_import(rows=rows, by=commune_leader)

    assert not report.saved
    assert [e.line for e in report.errors] == [2, 3, 3, 3, 4]  # line 4 repeats the code of line 2
    assert "9.1" in report.errors[-1].message
    assert not Procedure.objects.filter(code__in=["9.1", "9.2"]).exists()


@pytest.mark.django_db
def test_a_code_twice_in_one_file_is_an_error_on_the_second_line(commune_leader):
    report = procedures_check(file=csv_file(GOOD_LINES[1], GOOD_LINES[1]))

    assert [e.line for e in report.errors] == [3]
    assert "9.000002" in report.errors[0].message


@pytest.mark.django_db
def test_a_file_without_a_required_column_is_refused(commune_leader):
    report = procedures_import(
        file=csv_file("9.5,Tên,Hộ tịch", header="Mã thủ tục,Tên thủ tục,Lĩnh vực"), by=commune_leader
    )

    assert not report.saved
    assert report.errors[0].line is None
    assert "Căn cứ pháp lý" in report.errors[0].message and "Thời hạn giải quyết" in report.errors[0].message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"", "Mã thủ tục,Tên thủ tục\n".encode("utf-16"), b"ten,ho\nA,B\n"],
    ids=["empty", "not-utf8", "no-header"],
)
def test_an_unreadable_file_is_one_error_without_a_line(content, commune_leader):
    report = procedures_import(file=SimpleUploadedFile("x.csv", content), by=commune_leader)

    assert not report.saved
    assert len(report.errors) == 1 and report.errors[0].line is None


@pytest.mark.django_db
def test_importing_again_updates_by_code_and_replaces_the_papers(commune_leader):
    procedures_import(file=csv_file(*GOOD_LINES), by=commune_leader)
    changed = GOOD_LINES[0].replace("05 ngày làm việc", "07 ngày làm việc").replace(" x2", "")

    report = procedures_import(file=csv_file(changed, GOOD_LINES[1]), by=commune_leader)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    procedure = Procedure.objects.get(code="9.000001")
    assert procedure.time_value == 7
    assert [c.count for c in procedure.components.all()] == [1, 1]


@pytest.mark.django_db
def test_a_file_without_the_papers_column_keeps_the_stored_papers(commune_leader):
    procedures_import(file=csv_file(*GOOD_LINES), by=commune_leader)
    header = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Căn cứ pháp lý,Thời hạn giải quyết"

    report = procedures_import(
        file=csv_file("9.000001,Tên mới,Hộ tịch,Luật,05 ngày làm việc", header=header), by=commune_leader
    )

    assert report.updated == 1
    procedure = Procedure.objects.get(code="9.000001")
    assert procedure.name == "Tên mới"
    assert procedure.components.count() == 2
    assert procedure.fee == 50000  # the fee column was absent too


@pytest.mark.django_db
def test_checking_a_file_counts_without_saving():
    report = procedures_check(file=csv_file(*GOOD_LINES))

    assert report.ok and not report.saved
    assert report.created == 2
    assert not Procedure.objects.filter(code="9.000001").exists()


@pytest.mark.django_db
def test_an_excel_workbook_with_a_title_row_is_imported(commune_leader):
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"])
    sheet.append(
        [
            "STT",
            "MÃ THỦ TỤC",
            "Tên thủ tục",
            "Lĩnh vực",
            "Căn cứ pháp lý",
            "Thời hạn giải quyết",
            "Phí, lệ phí",
            "Mức độ DVC",
            "Thành phần hồ sơ",
            "Hiệu lực từ",
        ]
    )
    cell_date = dt.datetime(2024, 8, 1)
    sheet.append(
        [
            1,
            9.00089,
            "Thủ tục từ Excel",
            "Đất đai",
            "Luật Đất đai số 31/2024/QH15",
            "30 ngày",
            75000,
            4,
            "Đơn (bản chính)\nGiấy tờ (bản sao)",
            cell_date,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)

    report = procedures_import(file=SimpleUploadedFile("danh-muc.xlsx", buffer.getvalue()), by=commune_leader)

    assert report.saved, report.errors
    # The code was typed as a number in Excel (9.00089): its six decimals come back.
    procedure = Procedure.objects.get(code="9.000890")
    assert (procedure.time_value, procedure.time_unit) == (30, TimeUnit.CALENDAR_DAYS)
    assert (procedure.fee, procedure.online_level, procedure.valid_from) == (
        75000,
        OnlineLevel.FULL,
        dt.date(2024, 8, 1),
    )
    assert procedure.components.count() == 2


@pytest.mark.django_db
def test_an_excel_line_error_names_the_sheet_row(commune_leader):
    book = Workbook()
    book.active.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Căn cứ pháp lý", "Thời hạn giải quyết"])
    book.active.append(["9.7", "A", "Hộ tịch", "Luật", "5 ngày làm việc"])
    book.active.append(["9.8", "B", "Hộ tịch", "Luật", 5])
    buffer = io.BytesIO()
    book.save(buffer)

    report = procedures_import(file=SimpleUploadedFile("x.xlsx", buffer.getvalue()), by=commune_leader)

    assert [e.line for e in report.errors] == [3]
    assert not Procedure.objects.filter(code="9.7").exists()


# --- The demo catalogue ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_catalogue_is_loaded_once_and_never_overwrites():
    codes = [row["code"] for row in DEMO_PROCEDURES]
    assert 18 <= len(codes) <= 25 and len(set(codes)) == len(codes)
    assert Procedure.objects.filter(code__in=codes).count() == len(codes)  # loaded with the demo
    Procedure.objects.filter(code="1.001193").update(fee=1234)
    from gandan.dossiers.models import Dossier

    Dossier.objects.filter(procedure__code="2.000884").delete()  # the demo dossiers of that procedure
    Procedure.objects.filter(code="2.000884").delete()

    assert procedures_load_demo() == 1
    assert procedures_load_demo() == 0
    assert Procedure.objects.get(code="1.001193").fee == 1234


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "time", "fee"),
    [
        ("1.001193", (0, TimeUnit.SAME_DAY), 0),  # khai sinh
        ("1.004222", (7, TimeUnit.WORKING_DAYS), 20000),  # thường trú
        ("1.010041", (4, TimeUnit.WORKING_HOURS), 0),  # xác nhận cư trú: half a working day
        ("2.000815", (0, TimeUnit.SAME_DAY), 2000),  # chứng thực bản sao, per page
        ("1.013967", (30, TimeUnit.CALENDAR_DAYS), 0),  # hòa giải tranh chấp đất đai
    ],
)
def test_demo_procedures_carry_their_published_limits(code, time, fee):
    procedure = Procedure.objects.get(code=code)

    assert (procedure.time_value, procedure.time_unit) == time
    assert procedure.fee == fee
    assert procedure.components.exists()


@pytest.mark.django_db
def test_the_search_keeps_expired_procedures_out_unless_asked():
    today = dt.date(2026, 3, 2)

    in_force = procedures_search(query="hoa giai", today=today)
    everything = procedures_search(query="hoa giai", today=today, include_expired=True)

    assert list(in_force.values_list("code", flat=True)) == ["1.013967"]
    assert set(everything.values_list("code", flat=True)) == {"1.013967", "1.003554"}
    assert list(
        procedures_search(query="hoa giai", today=dt.date(2024, 1, 1)).values_list("code", flat=True)
    ) == ["1.003554"]


# --- Pages ------------------------------------------------------------------------------------------------------

LIST = "/staff/dossiers/procedures/"
IMPORT = "/staff/dossiers/procedures/import/"
ROW_NAME = re.compile(r'<td><a href="/staff/dossiers/procedures/\d+/">([^<]+)</a>')


def row_names(response) -> list[str]:
    return ROW_NAME.findall(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("url", [LIST, IMPORT, f"{IMPORT}template/"])
def test_the_pages_need_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_list_shows_the_catalogue_in_force(desk_officer, django_assert_max_num_queries):
    client = client_for(desk_officer)

    # session, user, roles, menu, fields, count, rows, the inbox badge: not one per row
    with django_assert_max_num_queries(9):
        response = client.get(LIST)

    assert response.status_code == 200
    names = row_names(response)
    assert "Đăng ký khai sinh" in names
    assert "Hòa giải tranh chấp đất đai (Luật Đất đai 2013)" not in names
    assert IMPORT not in response.content.decode()  # a desk officer does not import


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("khai sinh", "Đăng ký khai sinh", "Đăng ký kết hôn"),
        ("KHAI SINH", "Đăng ký khai sinh", "Đăng ký khai tử"),
        ("chung thuc", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Đăng ký khai sinh"),
        ("1.004222", "Đăng ký thường trú", "Đăng ký tạm trú"),
    ],
)
def test_searching_without_diacritics_finds_the_procedure(desk_officer, query, expected, absent):
    names = row_names(client_for(desk_officer).get(LIST, {"q": query}))

    assert expected in names
    assert absent not in names


@pytest.mark.django_db
def test_chung_thuc_finds_every_certification_procedure(desk_officer):
    names = row_names(client_for(desk_officer).get(LIST, {"q": "chung thuc"}))

    assert len(names) == 3
    assert all("Chứng thực" in name for name in names)


@pytest.mark.django_db
def test_the_filters_by_field_and_online_level(desk_officer):
    client = client_for(desk_officer)

    residence = row_names(client.get(LIST, {"field": "Cư trú"}))
    fully_online_civil = row_names(client.get(LIST, {"field": "Hộ tịch", "online": "full"}))

    assert set(residence) == {"Đăng ký thường trú", "Đăng ký tạm trú", "Xác nhận thông tin về cư trú"}
    assert "Đăng ký khai sinh" in fully_online_civil and "Đăng ký kết hôn" not in fully_online_civil


@pytest.mark.django_db
def test_expired_procedures_show_when_asked(desk_officer):
    response = client_for(desk_officer).get(LIST, {"q": "hoa giai", "expired": "on"})

    assert "Hòa giải tranh chấp đất đai (Luật Đất đai 2013)" in row_names(response)
    assert "31/07/2024" in response.content.decode()


@pytest.mark.django_db
def test_a_search_without_results_says_how_to_search(desk_officer):
    response = client_for(desk_officer).get(LIST, {"q": "khong co thu tuc nay"})

    assert row_names(response) == []
    assert 'class="empty"' in response.content.decode()


@pytest.mark.django_db
def test_the_detail_page_lists_the_papers(desk_officer):
    procedure = Procedure.objects.get(code="1.004222")

    response = client_for(desk_officer).get(f"{LIST}{procedure.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)" in html
    assert "Luật Cư trú số 68/2020/QH14" in html
    assert "Công an cấp xã" in html


@pytest.mark.django_db
def test_an_unknown_procedure_is_404(desk_officer):
    assert client_for(desk_officer).get(f"{LIST}999999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", [IMPORT, f"{IMPORT}template/"])
def test_a_desk_officer_may_not_import(desk_officer, url):
    assert client_for(desk_officer).get(url).status_code == 403


@pytest.mark.django_db
def test_the_import_page_refuses_other_methods(commune_leader):
    assert client_for(commune_leader).put(IMPORT).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["commune_leader", "province_supervisor", "sysadmin"])
def test_leaders_and_the_administrator_may_import(request, user):
    response = client_for(request.getfixturevalue(user)).get(IMPORT)

    assert response.status_code == 200
    assert f"{IMPORT}template/" in response.content.decode()


@pytest.mark.django_db
def test_uploading_a_good_file_imports_it_and_shows_the_counts(commune_leader):
    response = client_for(commune_leader).post(IMPORT, {"file": csv_file(*GOOD_LINES)}, follow=True)

    assert response.redirect_chain[-1][0] == LIST
    assert Procedure.objects.filter(code__in=["9.000001", "9.000002"]).count() == 2
    assert "msg-success" in response.content.decode()


@pytest.mark.django_db
def test_uploading_a_file_with_a_bad_line_shows_the_line_and_saves_nothing(commune_leader):
    bad = "9.000009,Thủ tục lỗi,Hộ tịch,Luật Hộ tịch,05 ngày làm việc,tuỳ tâm,Không,,"

    response = client_for(commune_leader).post(IMPORT, {"file": csv_file(GOOD_LINES[1], bad)})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<td>3</td>" in html
    assert "tùy tâm" in html  # as the importer normalised it
    assert not Procedure.objects.filter(code="9.000002").exists()


@pytest.mark.django_db
def test_checking_only_saves_nothing(commune_leader):
    response = client_for(commune_leader).post(IMPORT, {"file": csv_file(*GOOD_LINES), "check_only": "on"})

    assert response.status_code == 200
    assert not Procedure.objects.filter(code="9.000001").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("big.csv", b"a" * (2 * 1024 * 1024 + 1)),
        SimpleUploadedFile("list.pdf", b"%PDF-1.4"),
    ],
    ids=["too-big", "not-csv-or-xlsx"],
)
def test_the_upload_must_be_a_small_csv_or_xlsx(commune_leader, upload):
    before = Procedure.objects.count()

    response = client_for(commune_leader).post(IMPORT, {"file": upload})

    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()
    assert Procedure.objects.count() == before


@pytest.mark.django_db
def test_the_template_is_a_csv_the_importer_accepts(commune_leader):
    response = client_for(commune_leader).get(f"{IMPORT}template/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").startswith("Mã thủ tục,Tên thủ tục,Lĩnh vực,Căn cứ pháp lý")
    report = procedures_check(file=SimpleUploadedFile("mau.csv", body))
    assert report.ok and report.rows == 2


# --- The command ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_a_file(tmp_path):
    path = tmp_path / "danh-muc.csv"
    path.write_bytes(csv_file(*GOOD_LINES).read())
    out = io.StringIO()

    call_command("import_procedures", str(path), stdout=out)

    assert Procedure.objects.filter(code="9.000001").exists()
    assert "2" in out.getvalue()


@pytest.mark.django_db
def test_the_command_fails_with_exit_code_1_and_prints_the_lines(tmp_path):
    path = tmp_path / "danh-muc.csv"
    path.write_bytes(csv_file(GOOD_LINES[1], "9.3,X,Hộ tịch,Luật,bao giờ xong,Không,Không,,").read())
    err = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import_procedures", str(path), stderr=err)

    assert failure.value.returncode == 1
    assert "3" in err.getvalue() and "bao giờ xong" in err.getvalue()
    assert not Procedure.objects.filter(code="9.000002").exists()


# --- Oversized workbooks --------------------------------------------------------------------------------------

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _bomb_xlsx(*, rows: int, dimension: str | None = None) -> bytes:
    """A workbook whose one sheet repeats the same empty-looking row: tiny on disk, huge once unpacked."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
                b'org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            row = b'<row><c t="inlineStr"><is><t> </t></is></c></row>'
            block = row * 20_000
            for _ in range(rows // 20_000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb_xlsx(rows=2_200_000)  # ≈ 110 MB of sheet XML


def test_the_bomb_is_small_on_disk_and_huge_unpacked(bomb):
    import zipfile

    assert len(bomb) < 2 * 1024 * 1024
    assert sum(e.file_size for e in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 100 * 1024 * 1024


@pytest.mark.django_db
def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(commune_leader, bomb, monkeypatch):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("the workbook was handed to openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    before = Procedure.objects.count()

    response = client_for(commune_leader).post(
        IMPORT, {"file": SimpleUploadedFile("danh-muc.xlsx", bomb), "check_only": "on"}
    )

    assert response.status_code == 200
    assert "giải nén" in response.content.decode()
    assert Procedure.objects.count() == before


@pytest.mark.django_db
def test_a_workbook_that_declares_a_million_rows_is_refused_before_parsing(monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("parsed"))

    report = procedures_check(file=SimpleUploadedFile("x.xlsx", _bomb_xlsx(rows=0, dimension="A1:K1048576")))

    assert not report.ok
    assert "1048576" in report.errors[0].message

"""The tổ dân vận spreadsheets: the coverage table as .xlsx (one sheet of communes with the totals, one of villages
with their team, members and gaps) and the import template (the headers, an example line, the roles and the
commune's villages to copy from).

Written in openpyxl's write-only mode through gandan.kit.spreadsheet, so a typed name stays text, never a formula. A
register's text is Vietnamese whatever the officer's interface language."""

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from gandan.kit.spreadsheet import day_text, grid, styled, workbook_bytes
from gandan.kit.spreadsheet import row as text_row
from gandan.mobilization.models import TEAM_ROLE_CHOICES
from gandan.mobilization.selectors.teams import Coverage, VillageCoverage
from gandan.mobilization.services.teams import role_label
from gandan.mobilization.services.teams_import import COLUMNS
from gandan.units.models import Unit

TEMPLATE_EXAMPLE = ["Tổ trưởng, Bí thư chi bộ", "Bí thư chi bộ thôn", "0912345678", "01/07/2025"]
EXAMPLE_VILLAGE = "Thôn Bến Đò"
EXAMPLE_NAME = "Nguyễn Văn An"


def _widths(ws, widths: list[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _gap_text(item: VillageCoverage) -> str:
    if not item.has_team:
        return _("No team yet")
    parts = [_("No %(role)s") % {"role": role_label(r, lower=True)} for r in item.missing]
    parts += [_("%(role)s held twice") % {"role": role_label(r)} for r in item.doubled]
    return "; ".join(parts)


def coverage_workbook(report: Coverage, *, scope: Unit | None) -> bytes:
    """The coverage of `report` as .xlsx bytes: the communes' figures with their totals, then every village."""
    with override("vi"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Tổng hợp")
        headers = [
            "STT",
            "Xã, phường",
            "Số thôn, tổ dân phố",
            "Số tổ dân vận",
            "Số thành viên",
            "Thôn chưa có tổ",
            "Tổ thiếu vai trò chủ chốt",
            "Tổ chưa có tổ trưởng",
            "Tổ chưa có trưởng thôn",
            "Tổ chưa có trưởng ban công tác Mặt trận",
            "Tổ có vai trò trùng",
        ]
        _widths(ws, [6, 28, 12, 12, 12, 12, 14, 14, 14, 16, 12])
        last = get_column_letter(len(headers))
        title = "ĐỘ PHỦ TỔ DÂN VẬN"
        ws.merged_cells.add(f"A1:{last}1")
        ws.append([styled(ws, title, bold=True, size=14, border=False, wrap=False)])
        ws.merged_cells.add(f"A2:{last}2")
        where = scope.display_name if scope is not None else ""
        ws.append([styled(ws, f"{where} — ngày {day_text(report.today)}", border=False, wrap=False)])
        ws.append([])
        ws.append([styled(ws, h, bold=True) for h in headers])
        number = 0
        for number, row in enumerate(report.communes, start=1):
            missing = list(row.missing_by_role.values())
            ws.append(
                text_row(
                    ws,
                    [
                        number,
                        row.commune.name if row.commune else "",
                        row.village_count,
                        row.teams,
                        row.members,
                        row.without_team,
                        row.teams_missing_roles,
                        *missing,
                        row.teams_doubled_roles,
                    ],
                )  # fmt: skip
            )
        totals = report.totals
        ws.append(
            [
                styled(ws, value, bold=True)
                for value in [
                    "",
                    "Tổng cộng",
                    totals.village_count,
                    totals.teams,
                    totals.members,
                    totals.without_team,
                    totals.teams_missing_roles,
                    *totals.missing_by_role.values(),
                    totals.teams_doubled_roles,
                ]
            ]  # fmt: skip
        )
        grid(ws, first_row=5, last_column=last, rows=number)

        villages = wb.create_sheet("Thôn, tổ dân phố")
        village_headers = [
            "STT",
            "Xã, phường",
            "Thôn, tổ dân phố",
            "Tổ dân vận",
            "Số thành viên",
            "Còn thiếu",
        ]
        _widths(villages, [6, 24, 24, 32, 12, 48])
        villages.append([styled(villages, h, bold=True) for h in village_headers])
        number = 0
        for row in report.communes:
            for item in row.villages:
                number += 1
                villages.append(
                    text_row(
                        villages,
                        [
                            number,
                            row.commune.name if row.commune else "",
                            item.village.name,
                            item.team_name or None,
                            item.members if item.has_team else None,
                            _gap_text(item) or None,
                        ],
                    )  # fmt: skip
                )
        grid(villages, first_row=2, last_column="F", rows=number)
        return workbook_bytes(wb)


def import_template(*, villages: list[Unit]) -> bytes:
    """The import template: the header row and an example line, the roles as they may be written, and the commune's
    villages (their names as the import matches them)."""
    with override("vi"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Danh sách thành viên")
        _widths(ws, [24, 26, 34, 26, 16, 18])
        ws.append([styled(ws, title, bold=True) for title, _aliases in COLUMNS.values()])
        village = villages[0].name if villages else EXAMPLE_VILLAGE
        ws.append(text_row(ws, [village, EXAMPLE_NAME, *TEMPLATE_EXAMPLE]))

        roles = wb.create_sheet("Vai trò")
        _widths(roles, [40, 70])
        roles.append([styled(roles, "Vai trò (ghi đúng như sau, cách nhau dấu phẩy)", bold=True),
                      styled(roles, "Ghi chú", bold=True)])  # fmt: skip
        notes = {
            "leader": "Thường là bí thư chi bộ: ghi cả hai vai trò trên một dòng",
            "village_head": "Ở tổ dân phố: tổ trưởng tổ dân phố",
            "member": "Thành viên không giữ chức danh riêng",
        }
        for code, label in TEAM_ROLE_CHOICES:
            roles.append(text_row(roles, [str(label), notes.get(code)]))

        names = wb.create_sheet("Danh sách thôn")
        _widths(names, [32, 12])
        names.append([styled(names, "Thôn, tổ dân phố", bold=True), styled(names, "Mã", bold=True)])
        for unit in villages:
            names.append(text_row(names, [unit.name, unit.code or None]))
        return workbook_bytes(wb)

"""Importing a commune's household registers from a spreadsheet (.xlsx), all or nothing.

One line per household: the village (its name, matched without diacritics among the commune's villages, with or
without "Thôn"/"Tổ dân phố", or its code), the household's number in the village register, the representative's full
name, the address, whether the household agreed to vote online ("Có"/"Không", "x", empty) and the day it agreed
(dd/mm/yyyy).

Every line is checked first, against the commune's villages and registers and against the other lines: an unknown
village, an empty number or representative, a date that is not one, a household twice in the file, a number already
registered. If any line is wrong, the report lists each problem with its line number and nothing is saved; otherwise
the households are written in one transaction with one audit event. A file that is not a plain workbook, larger than
2 MB, with more than 5,000 lines, or with a formula in a cell is refused (gandan.kit.sheet_import)."""

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import fold, normalize, search_key
from gandan.democracy.models import Household
from gandan.democracy.selectors.households import commune_villages, village_household_codes
from gandan.democracy.services.households import clean_code, household_problems, require_manage, today
from gandan.errors import DomainError
from gandan.kit.sheet_import import SheetError, cell_day, cell_text, read_sheet, upload_content
from gandan.units.models import COMMUNE_KINDS, Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000  # a large commune's registers: 40 villages of 120 households

# Column key → (the template's header, other headers meaning the same, as search keys).
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "village": ("Thôn/Tổ dân phố", ("thon", "to dan pho", "thon xom", "thon to", "ten thon", "village")),
    "code": ("Số hộ", ("so thu tu ho", "ma ho", "so ho gia dinh", "stt ho", "household number", "number")),
    "representative": (
        "Người đại diện hộ",
        ("chu ho", "ho ten chu ho", "dai dien ho", "nguoi dai dien", "ho va ten", "representative"),
    ),
    "address": ("Địa chỉ", ("dia chi thuong tru", "noi o", "address")),
    "online_optin": (
        "Đồng ý biểu quyết trực tuyến",
        ("bieu quyet truc tuyen", "truc tuyen", "dong y truc tuyen", "online", "online optin"),
    ),
    "optin_on": (
        "Ngày đồng ý",
        ("ngay dang ky truc tuyen", "ngay dong y truc tuyen", "optin on", "agreed on"),
    ),
}
REQUIRED = ("village", "code", "representative")
_VILLAGE_PREFIXES = (
    "thon ",
    "to dan pho ",
    "xom ",
    "khu pho ",
    "khu ",
    "ap ",
    "ban ",
    "to ",
    "bon ",
    "lang ",
)
_YES = {"co", "x", "yes", "1", "dong y", "true", "v"}
_NO = {"", "khong", "no", "0", "false", "chua"}


@dataclass(frozen=True)
class LineError:
    line: int | None  # the sheet's row number; None: the file as a whole
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    villages: int = 0
    saved: bool = False
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Line:
    n: int
    village: Unit | None
    values: dict[str, Any]


def _village_keys(village: Unit) -> set[str]:
    name = fold(village.name)
    keys = {name, search_key(village.name)}
    for prefix in _VILLAGE_PREFIXES:
        if name.startswith(prefix):
            keys |= {name[len(prefix) :].strip(), search_key(name[len(prefix) :])}
    if village.code:
        keys.add(fold(village.code))
    return keys - {""}


def _village_index(villages: list[Unit]) -> dict[str, list[Unit]]:
    index: dict[str, list[Unit]] = {}
    for village in villages:
        for key in _village_keys(village):
            index.setdefault(key, []).append(village)
    return index


def _optin(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    key = search_key(cell_text(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def _read_line(n: int, row: dict[str, object], index: dict[str, list[Unit]]) -> tuple[_Line, list[str]]:
    errors: list[str] = []

    def line(message: str) -> None:
        errors.append(_("Line %(n)s: %(problem)s") % {"n": n, "problem": message[:1].lower() + message[1:]})

    village_text = cell_text(row.get("village"))
    village: Unit | None = None
    if not village_text:
        line(_("The village is empty."))
    else:
        found = list(
            dict.fromkeys(index.get(fold(village_text)) or index.get(search_key(village_text)) or [])
        )
        if len(found) == 1:
            village = found[0]
        elif found:
            line(
                _("“%(village)s” may be %(choices)s; write the village's full name.")
                % {"village": village_text, "choices": ", ".join(v.name for v in found)}
            )
        else:
            line(
                _("No village “%(village)s” in this commune. Write the name as in the village list.")
                % {"village": village_text}
            )
    optin = _optin(row.get("online_optin"))
    if optin is None:
        line(
            _("“%(value)s” in “%(column)s”: write “Có” or leave it empty.")
            % {"value": cell_text(row.get("online_optin")), "column": COLUMNS["online_optin"][0]}
        )
    optin_on = None
    try:
        optin_on = cell_day(row.get("optin_on"))
    except ValueError:
        line(
            _("“%(value)s” in “%(column)s” is not a date; write it as dd/mm/yyyy, e.g. 01/07/2025.")
            % {"value": cell_text(row.get("optin_on")), "column": COLUMNS["optin_on"][0]}
        )
    if optin_on is not None and optin is False:
        optin = True  # a day of agreement says the household agreed
    values: dict[str, Any] = {
        "code": clean_code(cell_text(row.get("code"))),
        "representative": normalize(cell_text(row.get("representative"))),
        "address": normalize(cell_text(row.get("address"))),
        "online_optin": bool(optin),
        "optin_on": optin_on,
    }
    problems = household_problems(**values)
    for message in problems.values():
        line(message)
    if values["online_optin"] and values["optin_on"] is None:
        values["optin_on"] = today()
    values["name_key"] = search_key(values["representative"])[:120]
    return _Line(n, village, values), errors


def _check_together(lines: list[_Line], registered: dict[tuple[int, str], Household]) -> list[LineError]:
    """A household twice in the file (same village and number), or a number already in the register."""
    errors: list[LineError] = []
    seen: dict[tuple[int, str], int] = {}
    for line in lines:
        code = line.values["code"]
        if line.village is None or not code:
            continue
        key = (line.village.pk, code.casefold())
        first = seen.setdefault(key, line.n)
        if first != line.n:
            errors.append(
                LineError(
                    line.n,
                    _("Line %(n)s: household number %(code)s of %(village)s is also on line %(first)s.")
                    % {"n": line.n, "code": code, "village": line.village.name, "first": first},
                )
            )
        elif (holder := registered.get(key)) is not None:
            errors.append(
                LineError(
                    line.n,
                    _("Line %(n)s: number %(code)s is already in the register of %(village)s (%(name)s).")
                    % {
                        "n": line.n,
                        "code": holder.code,
                        "village": line.village.name,
                        "name": holder.representative,
                    },
                )
            )
    return errors


def _check_commune(by: User, commune: Unit | None) -> Unit:
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError(
            "commune_invalid", _("Choose the commune whose households the file lists."), field="commune"
        )
    if not in_user_scope(by, commune.path):
        raise DomainError(
            "commune_out_of_scope", _("You can only import the households of your own unit."), field="commune"
        )
    return commune


def households_import(*, commune: Unit, upload: Any, by: User) -> ImportReport:
    """Import the households listed in `upload` (an .xlsx file) into the registers of `commune`'s villages; all or
    nothing (see the module's docstring). Returns the report: its errors, or what was saved."""
    require_manage(by)
    commune = _check_commune(by, commune)
    report = ImportReport()
    try:
        content, filename = upload_content(upload, max_bytes=MAX_BYTES)
        sheet = read_sheet(
            content,
            columns=COLUMNS,
            identify={"village", "representative"},
            max_rows=MAX_ROWS,
            max_bytes=MAX_BYTES,
        )
    except SheetError as error:
        report.errors.append(LineError(None, str(error)))
        return report
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in sheet.headers.values()]
    if missing:
        report.errors.append(
            LineError(None, _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    if not sheet.lines:
        report.errors.append(LineError(None, _("The file has a header row but no households.")))
        return report
    report.rows = len(sheet.lines)
    report.errors.extend(
        LineError(
            n,
            _("Line %(n)s: “%(column)s” holds a formula; type the value itself.")
            % {"n": n, "column": COLUMNS[key][0]},
        )
        for n, key in sheet.formulas
    )
    index = _village_index(commune_villages(commune))
    lines: list[_Line] = []
    for n, row in sheet.lines:
        line, problems = _read_line(n, row, index)
        report.errors.extend(LineError(n, message) for message in problems)
        lines.append(line)
    with transaction.atomic():
        villages = list({line.village.pk: line.village for line in lines if line.village}.values())
        report.errors.extend(_check_together(lines, village_household_codes(villages)))
        report.errors.sort(key=lambda e: e.line or 0)
        if report.errors:
            return report
        try:
            with transaction.atomic():
                Household.objects.bulk_create(
                    Household(
                        village=line.village,
                        unit_path=line.village.path,
                        commune_path=commune.path,
                        **line.values,
                    )
                    for line in lines
                    if line.village is not None
                )
        except IntegrityError:  # a number registered meanwhile by another officer
            report.errors.append(
                LineError(
                    None,
                    _(
                        "Another officer registered some of these households meanwhile. Upload the file again to see which."
                    ),
                )
            )
            return report
        report.added, report.villages = len(lines), len(villages)
        event_record(
            actor=by,
            action="democracy.households_import",
            unit=commune,
            details={
                "file": filename[:200],
                "rows": report.rows,
                "households_added": report.added,
                "villages": [v.pk for v in villages],
            },
        )
    report.saved = True
    return report

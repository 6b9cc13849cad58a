"""Importing a commune's tổ dân vận from a spreadsheet (.xlsx), all or nothing.

One line per member: the village (its name, matched without diacritics among the commune's villages, with or
without "Thôn"/"Tổ dân phố", or its code), the full name, the roles (as written on the pages, comma-separated), the
position, the phone and the first day of the term (dd/mm/yyyy). A village without a current team gets one.

Every line is checked first, against the commune's villages and teams and against the other lines: an unknown
village or role, a date that is not one, a person twice in one team, a single role (the leader, the village head …)
given twice or already held. If any line is wrong, the report lists each problem with its line number and nothing is
saved; otherwise the teams and members are written in one transaction with one audit event.

The file is refused before it is parsed when it is not a workbook, too large, or unpacks too large
(gandan.kit.workbooks); a cell holding a formula is refused (a formula's value is whatever the sheet last computed,
or nothing: the register takes only what was typed)."""

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.identifiers import clean_phone
from gandan.core.mobilization.teams import SINGLE_ROLES, TeamRole, parse_roles
from gandan.core.vntext import fold, normalize, search_key
from gandan.errors import DomainError
from gandan.kit.params import DAY_FORMATS, day_in_range
from gandan.mobilization.models import TEAM_ROLE_CHOICES, Member, Team
from gandan.mobilization.selectors.teams import commune_villages, current_members_of, current_teams_of
from gandan.mobilization.services.teams import (
    in_scope,
    member_problems,
    new_team,
    require_manage,
    role_label,
)
from gandan.units.models import COMMUNE_KINDS, Unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000  # a commune of 40 villages × 12 members is 480 lines
HEADER_SEARCH_ROWS = 10  # a sheet may open with a title row ("DANH SÁCH TỔ DÂN VẬN ...")

# Column key → (the template's header, other headers meaning the same, as search keys: folded, no punctuation).
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "village": ("Thôn/Tổ dân phố", ("thon", "to dan pho", "thon xom", "thon to", "ten thon", "village")),
    "full_name": ("Họ và tên", ("ho ten", "ten", "full name", "name", "ten thanh vien")),
    "roles": ("Vai trò trong tổ", ("vai tro", "roles", "role", "vai tro trong to dan van")),
    "position": ("Chức vụ", ("chuc vu dang giu", "chuc danh", "position")),
    "phone": ("Số điện thoại", ("dien thoai", "sdt", "so dt", "phone")),
    "term_start": ("Nhiệm kỳ từ ngày", ("tu ngay", "nhiem ky tu", "ngay bat dau", "term start", "term from")),
}
REQUIRED = ("village", "full_name", "roles")
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
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # the .xls (and old .doc) container


@dataclass(frozen=True)
class LineError:
    line: int | None  # the sheet's row number; None: the file as a whole
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    teams_created: int = 0
    members_added: int = 0
    saved: bool = False
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Line:
    n: int
    village: Unit | None
    full_name: str
    name_key: str
    roles: list[TeamRole]
    position: str
    phone: str
    term_start: dt.date | None


class _FileError(Exception):
    pass


# --- Reading the file ----------------------------------------------------------------------------------------------


def _content(upload: Any) -> tuple[bytes, str]:
    if isinstance(upload, bytes):
        return upload, ""
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise _FileError(
            _("The file is larger than 2 MB. Split it into smaller files, one per few villages.")
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    return data, str(getattr(upload, "name", "") or "")


def _header_key(value: object) -> str | None:
    key = search_key(str(value or ""))
    for column, (title, aliases) in COLUMNS.items():
        if key == search_key(title) or key in aliases or key == column:
            return column
    return None


def _sheet(content: bytes) -> tuple[dict[int, str], list[tuple[int, dict[str, object]]], list[LineError]]:
    """The columns found (index → key), the data lines (row number, key → value) and the formula cells refused."""
    from openpyxl import load_workbook  # only the import pays for it

    from gandan.kit.workbooks import WorkbookTooLarge, workbook_check

    if not content.strip():
        raise _FileError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise _FileError(
            _("The file is larger than 2 MB. Split it into smaller files, one per few villages.")
        )
    if content[:4] == _OLD_EXCEL:
        raise _FileError(
            _("This is an old Excel file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)”.")
        )
    if content[:4] != b"PK\x03\x04":
        raise _FileError(
            _("The file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it.")
        )
    try:
        workbook_check(content, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS)
    except WorkbookTooLarge as exc:
        raise _FileError(str(exc)) from exc
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # any broken workbook gets the same answer: save it again
        raise _FileError(
            _("The Excel file could not be read. Open it in Excel and save it again as .xlsx.")
        ) from exc
    headers: dict[int, str] = {}
    lines: list[tuple[int, dict[str, object]]] = []
    formulas: list[LineError] = []
    try:
        for number, cells in enumerate(book.worksheets[0].iter_rows(), start=1):
            if not headers:
                keys = {i: _header_key(c.value) for i, c in enumerate(cells)}
                if {"village", "full_name"} <= set(keys.values()):
                    headers = {i: k for i, k in keys.items() if k is not None}
                elif number >= HEADER_SEARCH_ROWS:
                    break
                continue
            row: dict[str, object] = {}
            for i, key in headers.items():
                if i >= len(cells):
                    continue
                cell = cells[i]
                if getattr(cell, "data_type", None) == "f":
                    formulas.append(
                        LineError(
                            number,
                            _("Line %(n)s: “%(column)s” holds a formula; type the value itself.")
                            % {"n": number, "column": COLUMNS[key][0]},
                        )
                    )
                    continue
                row[key] = cell.value
            if any(str(v if v is not None else "").strip() for v in row.values()):
                if len(lines) >= MAX_ROWS:
                    raise _FileError(
                        _("The file has more than %(max)s lines. Split it into smaller files.")
                        % {"max": MAX_ROWS}
                    )
                lines.append((number, row))
    except _FileError:
        raise
    except Exception as exc:  # a sheet openpyxl cannot walk: the same answer as an unreadable file
        raise _FileError(
            _("The Excel file could not be read. Open it in Excel and save it again as .xlsx.")
        ) from exc
    finally:
        book.close()
    if not headers:
        raise _FileError(
            _(
                "No header row was found. The first row must name the columns: “%(columns)s”. Download the "
                "template to see them."
            )
            % {"columns": "”, “".join(title for title, _aliases in COLUMNS.values())}
        )
    return headers, lines, formulas


# --- Reading one line ----------------------------------------------------------------------------------------------


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


def _role_labels() -> dict[str, TeamRole]:
    """The roles' labels as the pages show them, in Vietnamese and in the reader's language, folded."""
    labels = {fold(str(label)): TeamRole(code) for code, label in TEAM_ROLE_CHOICES}
    with override("vi"):
        labels |= {fold(str(label)): TeamRole(code) for code, label in TEAM_ROLE_CHOICES}
    return labels


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _phone(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return f"0{digits}" if len(digits) == 9 else digits  # Excel drops the leading 0 of a number
    return clean_phone(_text(value))


def _day(value: object) -> dt.date | None:
    """A date cell, or text written dd/mm/yyyy; None when empty; ValueError when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        for fmt in DAY_FORMATS:
            try:
                day = dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 — a calendar day
                break
            except ValueError:
                continue
        else:
            raise ValueError(value)
    else:
        raise ValueError(value)
    if not day_in_range(day):
        raise ValueError(value)
    return day


def _read_line(
    n: int, row: dict[str, object], index: dict[str, list[Unit]], labels: dict[str, TeamRole]
) -> tuple[_Line, list[str]]:
    errors: list[str] = []

    def line(message: str) -> None:
        errors.append(_("Line %(n)s: %(problem)s") % {"n": n, "problem": message})

    village_text = _text(row.get("village"))
    village: Unit | None = None
    if not village_text:
        line(_("the village is empty."))
    else:
        found = index.get(fold(village_text)) or index.get(search_key(village_text)) or []
        unique = list(dict.fromkeys(found))
        if len(unique) == 1:
            village = unique[0]
        elif unique:
            line(
                _("“%(village)s” may be %(choices)s; write the village's full name.")
                % {"village": village_text, "choices": ", ".join(v.name for v in unique)}
            )
        else:
            line(
                _("no village “%(village)s” in this commune. Write the name as in the village list.")
                % {"village": village_text}
            )
    full_name = _text(row.get("full_name"))
    roles_text = _text(row.get("roles"))
    roles, unknown = parse_roles(roles_text, labels)
    position, phone = _text(row.get("position")), _phone(row.get("phone"))
    term_start = None
    try:
        term_start = _day(row.get("term_start"))
    except ValueError:
        line(
            _("“%(value)s” in “%(column)s” is not a date; write it as dd/mm/yyyy, e.g. 01/07/2025.")
            % {"value": _text(row.get("term_start")), "column": COLUMNS["term_start"][0]}
        )
    problems = member_problems(
        full_name=full_name,
        roles=roles,
        unknown_roles=[],
        position=position,
        phone=phone,
        term_start=term_start,
        term_end=None,
    )
    if unknown:
        problems["roles"] = _(
            "“%(roles)s” is not a role of the team. Write the roles as in the template, separated by commas, "
            "e.g. “Tổ trưởng, Bí thư chi bộ”."
        ) % {"roles": ", ".join(unknown)}
    for message in problems.values():
        line(message[:1].lower() + message[1:] if message else message)
    return _Line(n, village, full_name, fold(full_name), roles, position, phone, term_start), errors


# --- Checking the lines together -----------------------------------------------------------------------------------


def _check_together(
    lines: list[_Line], teams: dict[int, Team], members: dict[int, list[Member]]
) -> list[LineError]:
    """A person twice in one village's team, and a single role given twice or already held."""
    errors: list[LineError] = []
    seen_names: dict[tuple[int, str], int] = {}
    seen_roles: dict[tuple[int, str], int] = {}
    for line in lines:
        if line.village is None or not line.name_key:
            continue
        village = line.village
        team = teams.get(village.pk)
        current = members.get(team.pk, []) if team else []
        first = seen_names.setdefault((village.pk, line.name_key), line.n)
        if first != line.n:
            errors.append(
                LineError(
                    line.n,
                    _(
                        "Line %(n)s: %(name)s is also on line %(first)s for %(village)s; a person is once in a "
                        "team: put all their roles on one line, separated by commas."
                    )
                    % {"n": line.n, "name": line.full_name, "first": first, "village": village.name},
                )
            )
        elif same := next((m for m in current if m.name_key == line.name_key), None):
            errors.append(
                LineError(
                    line.n,
                    _("Line %(n)s: %(name)s is already in the team of %(village)s.")
                    % {"n": line.n, "name": same.full_name, "village": village.name},
                )
            )
        for role in line.roles:
            if role not in SINGLE_ROLES:
                continue
            holder = next((m for m in current if role in m.roles), None)
            if holder is not None:
                errors.append(
                    LineError(
                        line.n,
                        _(
                            "Line %(n)s: %(who)s is already the %(role)s of %(village)s; end their term on the "
                            "team's page first, or leave this role out."
                        )
                        % {
                            "n": line.n,
                            "who": holder.full_name,
                            "role": role_label(role, lower=True),
                            "village": village.name,
                        },
                    )
                )
                continue
            first_role = seen_roles.setdefault((village.pk, role), line.n)
            if first_role != line.n:
                errors.append(
                    LineError(
                        line.n,
                        _("Line %(n)s: %(village)s has one %(role)s, already given on line %(first)s.")
                        % {
                            "n": line.n,
                            "village": village.name,
                            "role": role_label(role, lower=True),
                            "first": first_role,
                        },
                    )
                )
    return errors


# --- The import ----------------------------------------------------------------------------------------------------


def _check_commune(by: User, commune: Unit | None) -> Unit:
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError(
            "commune_invalid", _("Choose the commune whose teams the file lists."), field="commune"
        )
    if not in_scope(by, commune.path):
        raise DomainError(
            "commune_out_of_scope", _("You can only import the teams of your own unit."), field="commune"
        )
    return commune


def teams_import(*, commune: Unit, upload: Any, by: User) -> ImportReport:
    """Import the members listed in `upload` (an .xlsx file) into the teams of `commune`'s villages, creating the
    missing teams; all or nothing (see the module's docstring). Returns the report: its errors, or what was
    saved."""
    require_manage(by)
    commune = _check_commune(by, commune)
    report = ImportReport()
    try:
        content, filename = _content(upload)
        headers, rows, formulas = _sheet(content)
    except _FileError as error:
        report.errors.append(LineError(None, str(error)))
        return report
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in headers.values()]
    if missing:
        report.errors.append(
            LineError(None, _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    if not rows:
        report.errors.append(LineError(None, _("The file has a header row but no members.")))
        return report
    report.rows = len(rows)
    report.errors.extend(formulas)
    index, labels = _village_index(commune_villages(commune)), _role_labels()
    lines: list[_Line] = []
    for n, row in rows:
        line, problems = _read_line(n, row, index, labels)
        report.errors.extend(LineError(n, message) for message in problems)
        lines.append(line)
    with transaction.atomic():  # read the teams and write under one lock: no leader slips in between
        villages = list({line.village.pk: line.village for line in lines if line.village}.values())
        teams = current_teams_of(villages, lock=True)
        current = current_members_of(teams.values(), today=timezone.localdate())
        report.errors.extend(_check_together(lines, teams, current))
        report.errors.sort(key=lambda e: e.line or 0)
        if report.errors:
            return report
        created: list[int] = []
        for village in villages:
            if village.pk not in teams:
                teams[village.pk] = new_team(
                    village=village, name="", established_on=None, decision="", note="", by=by
                )
                created.append(teams[village.pk].pk)
        Member.objects.bulk_create(
            Member(
                team=teams[line.village.pk],
                unit_path=teams[line.village.pk].unit_path,
                full_name=line.full_name,
                name_key=line.name_key,
                roles=[r.value for r in line.roles],
                position=line.position,
                phone=line.phone,
                term_start=line.term_start,
            )
            for line in lines
            if line.village is not None
        )
        report.teams_created, report.members_added = len(created), len(lines)
        event_record(
            actor=by,
            action="mobilization.teams_import",
            unit=commune,
            details={
                "file": filename[:200],
                "rows": report.rows,
                "teams_created": created,
                "members_added": report.members_added,
            },
        )
    report.saved = True
    return report

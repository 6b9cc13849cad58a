"""The procedure catalogue: reading the list a province publishes, importing it all-or-nothing, the demo load.
The free-text parsers are pure and live in gandan.core.procedure_catalogue; the reads of the catalogue are in
gandan.dossiers.selectors."""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.application_forms import FieldSpec, SchemaError, parse_field_lines, schema_data
from gandan.core.procedure_catalogue import (
    COLUMNS,
    ONLINE_NONE,
    REQUIRED,
    ComponentSpec,
    Unreadable,
    column_key,
    parse_components,
    parse_date,
    parse_fee,
    parse_online_level,
    parse_time_limit,
)
from gandan.core.vntext import fold, normalize
from gandan.dossiers.models import Procedure, ProcedureComponent, field_schema_message
from gandan.dossiers.search import procedure_index
from gandan.errors import DomainError

# --- Reading a file or rows -------------------------------------------------------------------------------------

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10  # exported lists often open with a title row ("DANH MỤC THỦ TỤC HÀNH CHÍNH ...")
_MAX_LENGTH = {"code": 40, "name": 400, "field": 200, "lead_unit": 200}
Rows = list[tuple[int, dict[str, object]]]  # (row number as a spreadsheet shows it, column key -> cell)


@dataclass(frozen=True)
class LineError:
    line: int | None  # the spreadsheet row (the header is row 1 unless title rows precede it); None: the file
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    saved: bool = False
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: str
    legal_basis: str
    time_value: int
    time_unit: str
    fee: int
    fee_note: str
    online_level: str
    components: tuple[ComponentSpec, ...]
    fields: tuple[FieldSpec, ...]
    lead_unit: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class _FileError(Exception):
    pass


def _file_bytes(file: Any) -> tuple[bytes, str]:
    if isinstance(file, bytes):
        return file, ""
    if isinstance(file, str | Path):
        return Path(file).read_bytes(), str(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(), getattr(file, "name", "") or ""


def _cell(value: object, key: str | None) -> object:
    # A code typed as a number in Excel ("1.000890") comes back as the float 1.00089: restore its six decimals.
    if key == "code" and isinstance(value, float):
        return f"{value:.6f}"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheet_rows(content: bytes) -> Iterable[tuple[int, list[object]]]:
    from openpyxl import load_workbook  # only imports that read Excel pay for it

    from gandan.kit.workbooks import WorkbookTooLarge, workbook_check

    try:
        workbook_check(
            content, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS
        )  # before parsing: a zip bomb costs nothing
    except WorkbookTooLarge as exc:
        raise _FileError(str(exc)) from exc
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # any broken workbook gets the same answer: save it again
        message = _("The Excel file could not be read (%(error)s). Save it again as .xlsx.") % {"error": exc}
        raise _FileError(message) from exc
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        book.close()


def _csv_rows(content: bytes) -> Iterable[tuple[int, list[object]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileError(
            _(
                "The file is not UTF-8 text. In Excel choose “Save as” → “CSV UTF-8”, or upload "
                "the .xlsx workbook."
            )
        ) from exc
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    # Excel with Vietnamese regional settings separates CSV columns with ";" (the decimal mark is ",").
    delimiter = max([",", ";", "\t"], key=head.count)
    yield from enumerate(
        (list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), start=1
    )


def _table(file: Any) -> tuple[dict[str, str], Rows]:
    """The headers (column key -> header as written) and the data rows of an uploaded CSV or XLSX file."""
    content, name = _file_bytes(file)
    if not content.strip():
        raise _FileError(_("The file is empty."))
    is_xlsx = content[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx")
    headers: dict[int, str] = {}
    titles: dict[str, str] = {}
    data: Rows = []
    for number, cells in _sheet_rows(content) if is_xlsx else _csv_rows(content):
        if not headers:
            keys = {i: column_key(c) for i, c in enumerate(cells)}
            if {"code", "name"} <= set(keys.values()):
                for i, key in keys.items():
                    if key in titles:
                        raise _FileError(
                            _("Columns “%(a)s” and “%(b)s” mean the same thing; keep one of them.")
                            % {"a": titles[key], "b": normalize(str(cells[i]))}
                        )
                    if key is not None:
                        headers[i], titles[key] = key, normalize(str(cells[i]))
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if len(data) >= MAX_ROWS:
            raise _FileError(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
            )
        row = {key: _cell(cells[i], key) for i, key in headers.items() if i < len(cells)}
        if any(str(v or "").strip() for v in row.values()):
            data.append((number, row))
    if not headers:
        raise _FileError(
            _(
                "No header row was found. The first row must name the columns, e.g. “Mã thủ tục”, “Tên "
                "thủ tục”, “Lĩnh vực”, “Căn cứ pháp lý”, “Thời hạn giải quyết”. Download the template to "
                "see them all."
            )
        )
    return titles, data


def _dict_rows(rows: Iterable[Mapping[str, object]]) -> tuple[dict[str, str], Rows]:
    titles: dict[str, str] = {}
    data: Rows = []
    for number, raw in enumerate(rows, start=2):  # numbered as in a sheet whose row 1 is the header
        row: dict[str, object] = {}
        for header, value in raw.items():
            key = column_key(header)
            if key is not None:
                titles.setdefault(key, str(header))
                row[key] = value
        data.append((number, row))
    return titles, data


def _text(row: Mapping[str, object], key: str, *, multiline: bool = False) -> str:
    value = row.get(key)
    return normalize(str(value), multiline=multiline) if value is not None else ""


def _check_row(
    n: int, row: Mapping[str, object], titles: Mapping[str, str]
) -> tuple[ProcedureSpec | None, list[str]]:
    """The procedure a row describes, or the list of what to fix (in the reader's language)."""

    def title(key: str) -> str:
        return titles.get(key, COLUMNS[key][0])

    text = {key: _text(row, key, multiline=key in ("legal_basis", "components", "fields")) for key in COLUMNS}
    text["code"] = text["code"].replace(" ", "")
    errors = [
        _("Line %(n)s: “%(column)s” is empty.") % {"n": n, "column": title(key)}
        for key in REQUIRED
        if not text[key]
    ]
    errors += [_("Line %(n)s: “%(column)s” is longer than %(max)s characters.")
               % {"n": n, "column": title(key), "max": limit} for key, limit in _MAX_LENGTH.items()
               if len(text[key]) > limit]  # fmt: skip
    time_value, time_unit, fee, fee_note, online = 0, "", 0, "", ONLINE_NONE
    try:
        if text["time_limit"]:
            time_value, time_unit = parse_time_limit(text["time_limit"])
    except Unreadable:
        errors.append(
            _(
                "Line %(n)s: the time limit “%(value)s” is not understood. Write it as published, e.g. "
                "“05 ngày làm việc”, “Trong ngày”, “8 giờ làm việc” or “30 ngày”."
            )
            % {"n": n, "value": text["time_limit"]}
        )
    try:
        fee, fee_note = parse_fee(text["fee"])
    except Unreadable:
        errors.append(
            _(
                "Line %(n)s: the fee “%(value)s” is not understood. Write “Không”, “Miễn phí” or an amount "
                "such as “50.000 đồng”; details may follow the amount."
            )
            % {"n": n, "value": text["fee"]}
        )
    if len(fee_note) > 300:
        errors.append(_("Line %(n)s: the fee text is longer than 300 characters; shorten it.") % {"n": n})
    try:
        online = parse_online_level(text["online_level"])
    except Unreadable:
        errors.append(
            _(
                "Line %(n)s: the online service level “%(value)s” is not understood. Write “Toàn trình”, "
                "“Một phần” or “Không”."
            )
            % {"n": n, "value": text["online_level"]}
        )
    components = parse_components(text["components"])
    if any(len(c.name) > 400 for c in components):
        errors.append(
            _("Line %(n)s: a document name in the components is longer than 400 characters.") % {"n": n}
        )
    if any(len(c.condition) > 300 for c in components):
        errors.append(_("Line %(n)s: the case of a paper is longer than 300 characters.") % {"n": n})
    fields: list[FieldSpec] = []
    try:
        fields = parse_field_lines(text["fields"])
    except SchemaError as error:
        errors += [
            _("Line %(n)s: “%(column)s”, %(problem)s.")
            % {"n": n, "column": title("fields"), "problem": problem}
            for problem in field_schema_message(error)
        ]
    dates: dict[str, dt.date | None] = {}
    for key in ("valid_from", "valid_to"):
        try:
            dates[key] = parse_date(row.get(key))
        except Unreadable:
            dates[key] = None
            errors.append(
                _("Line %(n)s: “%(value)s” in “%(column)s” is not a date; write it as dd/mm/yyyy.")
                % {"n": n, "value": text[key], "column": title(key)}
            )
    start, end = dates["valid_from"], dates["valid_to"]
    if start and end and end < start:
        errors.append(
            _("Line %(n)s: the validity ends (%(end)s) before it starts (%(start)s).")
            % {"n": n, "end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")}
        )
    if errors:
        return None, errors
    return ProcedureSpec(
        code=text["code"], name=text["name"], field=text["field"], legal_basis=text["legal_basis"],
        time_value=time_value, time_unit=time_unit, fee=fee, fee_note=fee_note, online_level=online,
        components=tuple(components), fields=tuple(fields), lead_unit=text["lead_unit"], valid_from=start,
        valid_to=end,
    ), []  # fmt: skip


def _read(
    rows: Iterable[Mapping[str, object]] | None, file: Any
) -> tuple[list[ProcedureSpec], set[str], ImportReport]:
    """Every line checked: the procedures, the columns the source has, and a report holding all the errors."""
    if (rows is None) == (file is None):
        raise ValueError("pass either rows or file")
    report = ImportReport()
    try:
        titles, data = _dict_rows(rows) if rows is not None else _table(file)
    except _FileError as error:
        report.errors.append(LineError(None, str(error)))
        return [], set(), report
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in titles]
    if missing:
        message = _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        report.errors.append(LineError(None, message))
    elif not data:
        report.errors.append(LineError(None, _("The file has a header row but no procedures.")))
    if not report.ok:
        return [], set(), report
    specs: list[ProcedureSpec] = []
    first_line: dict[str, int] = {}
    for n, row in data:
        spec, errors = _check_row(n, row, titles)
        code = _text(row, "code").replace(" ", "")
        if code in first_line:
            errors.append(
                _(
                    "Line %(n)s: the code “%(code)s” is also on line %(first)s; each procedure must appear "
                    "once."
                )
                % {"n": n, "code": code, "first": first_line[code]}
            )
        elif code:
            first_line[code] = n
        report.errors.extend(LineError(n, message) for message in errors)
        if spec is not None and not errors:
            specs.append(spec)
    report.rows = len(data)
    return specs, set(titles), report


# --- Saving -----------------------------------------------------------------------------------------------------

# Optional columns a file may leave out: then the stored value stays as it is (a sheet without "Thành phần hồ sơ"
# must not wipe every checklist).
_OPTIONAL_FIELDS = {"fee": ("fee", "fee_note"), "online_level": ("online_level",), "lead_unit": ("lead_unit",),
                    "valid_from": ("valid_from",), "valid_to": ("valid_to",),
                    "fields": ("application_fields",)}  # fmt: skip


def _field_values(spec: ProcedureSpec, columns: set[str], existing: Procedure | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": spec.name, "name_search": fold(spec.name), "field": spec.field, "legal_basis": spec.legal_basis,
        "time_value": spec.time_value, "time_unit": spec.time_unit,
    }  # fmt: skip
    for column, names in _OPTIONAL_FIELDS.items():
        if column in columns or existing is None:
            values.update({name: _spec_value(spec, name) for name in names})
    if not values.get("lead_unit", True):  # blank: keep the stored body, or the model's default for a new row
        del values["lead_unit"]
    return values


def _spec_value(spec: ProcedureSpec, name: str) -> Any:
    return schema_data(spec.fields) if name == "application_fields" else getattr(spec, name)


def _papers(components: Iterable[Any]) -> list[tuple[str, str, int, bool, str]]:
    return [(c.name, c.copy_kind, c.count, c.required, c.condition) for c in components]


def _plan(
    specs: list[ProcedureSpec], columns: set[str], report: ImportReport, *, lock: bool
) -> list[tuple[ProcedureSpec, Procedure | None, dict[str, Any], bool]]:
    """What each procedure needs: (spec, stored procedure or None, field values to set, replace the papers?)."""
    stored = Procedure.objects.filter(code__in=[s.code for s in specs]).prefetch_related("components")
    existing = {p.code: p for p in (stored.select_for_update() if lock else stored)}
    plan: list[tuple[ProcedureSpec, Procedure | None, dict[str, Any], bool]] = []
    for spec in specs:
        current = existing.get(spec.code)
        values = _field_values(spec, columns, current)
        if current is None:
            report.created += 1
            plan.append((spec, None, values, True))
            continue
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        replace = "components" in columns and _papers(spec.components) != _papers(current.components.all())
        if changed or replace:
            report.updated += 1
            plan.append((spec, current, changed, replace))
        else:
            report.unchanged += 1
    return plan


def _save(spec: ProcedureSpec, current: Procedure | None, values: dict[str, Any], replace: bool) -> Procedure:
    procedure = current or Procedure(code=spec.code)
    for name, value in values.items():
        setattr(procedure, name, value)
    procedure.full_clean(validate_unique=current is None)
    if current is None:
        procedure.save()
    elif values:
        procedure.save(update_fields=[*values, "updated_at"])
    if replace:
        # Dossiers keep their own copy of each paper (SubmittedComponent), so replacing the list loses nothing.
        procedure.components.all().delete()
        ProcedureComponent.objects.bulk_create(
            ProcedureComponent(procedure=procedure, position=i, name=c.name, copy_kind=c.copy_kind, count=c.count,
                               required=c.required, condition=c.condition)
            for i, c in enumerate(spec.components, start=1)
        )  # fmt: skip
    if current is None or {"name"} & set(values):
        procedure_index(procedure)
    return procedure


def procedures_check(*, rows: Iterable[Mapping[str, object]] | None = None, file: Any = None) -> ImportReport:
    """Check a catalogue without saving: every line's errors, or how many procedures it would add and change."""
    specs, columns, report = _read(rows, file)
    if report.ok:
        _plan(specs, columns, report, lock=False)
    return report


def procedures_import(
    *, rows: Iterable[Mapping[str, object]] | None = None, file: Any = None, by: User | None
) -> ImportReport:
    """Import the province's catalogue (rows of dicts, or a CSV/XLSX file or path), all or nothing.

    Every line is checked first; if any line is wrong the report lists each error with its line number and nothing
    is saved. Otherwise new codes are created and existing ones updated (their papers replaced) in one transaction,
    with one audit event. Optional columns missing from the file leave the stored values as they are.
    """
    specs, columns, report = _read(rows, file)
    if not report.ok:
        return report
    with transaction.atomic():
        for spec, current, values, replace in _plan(specs, columns, report, lock=True):
            _save(spec, current, values, replace)
        counts = {"rows": report.rows, "created": report.created, "updated": report.updated,
                  "unchanged": report.unchanged}  # fmt: skip
        event_record(actor=by, action="dossiers.procedures_import", unit=getattr(by, "unit", None),
                     details={**counts, "file": str(getattr(file, "name", "") or "")})  # fmt: skip
    report.saved = True
    return report


def procedures_load_demo() -> int:
    """Add the demo catalogue (demo_catalogue.py); codes already present are left as officials edited them."""
    from gandan.dossiers.demo_catalogue import DEMO_PROCEDURES

    specs, columns, report = _read(DEMO_PROCEDURES, None)
    if not report.ok:
        raise ValueError(f"the demo catalogue is invalid: {report.errors}")
    present = set(Procedure.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True))
    missing = [spec for spec in specs if spec.code not in present]
    with transaction.atomic():
        for spec in missing:
            _save(spec, None, _field_values(spec, columns, None), True)
    return len(missing)


# --- Editing one procedure's application ------------------------------------------------------------------------


def papers_text(procedure: Procedure) -> str:
    """The procedure's papers in the import's "Thành phần hồ sơ" syntax, one per line (for the edit page)."""
    kinds = {"original": "bản chính", "copy": "bản sao", "certified_copy": "bản sao có chứng thực",
             "original_or_copy": "bản chính hoặc bản sao có chứng thực"}  # fmt: skip
    lines = []
    for c in procedure.components.all():
        facts = [kinds.get(c.copy_kind, "bản chính")]
        if not c.required:
            facts.append("nếu có")
        elif c.condition:
            facts.append(c.condition[:1].lower() + c.condition[1:])
        lines.append(f"- {c.name} ({', '.join(facts)})" + (f" x{c.count}" if c.count != 1 else ""))
    return "\n".join(lines)


def fields_text(procedure: Procedure) -> str:
    return "\n".join(spec.as_line() for spec in procedure.fields_schema)


@transaction.atomic
def procedure_update_application(*, procedure: Procedure, by: User, fields: str, papers: str) -> Procedure:
    """Replace the procedure's application fields and papers (each written as in the import), all or nothing.
    A paper keeps its row when its name is unchanged, so open dossiers' checklists stay linked to it."""
    errors: dict[str, list[str]] = {}
    try:
        specs = parse_field_lines(fields)
    except SchemaError as error:
        errors["fields"] = [str(m) for m in field_schema_message(error)]
    components = parse_components(papers)
    if any(len(c.name) > 400 or len(c.condition) > 300 for c in components):
        errors["papers"] = [_("A paper's name (400 characters) or case (300) is too long.")]
    names = [c.name for c in components]
    if len(set(names)) != len(names):
        errors.setdefault("papers", []).append(_("Each paper may appear once."))
    if errors:
        raise DomainError("application_invalid", errors=errors)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    procedure.application_fields = schema_data(specs)
    procedure.full_clean(validate_unique=False)
    procedure.save(update_fields=["application_fields", "updated_at"])
    existing = {c.name: c for c in procedure.components.all()}
    keep = []
    for position, spec in enumerate(components, start=1):
        row = existing.get(spec.name) or ProcedureComponent(procedure=procedure, name=spec.name)
        row.position, row.copy_kind, row.count = position, spec.copy_kind, spec.count
        row.required, row.condition = spec.required, spec.condition
        row.save()
        keep.append(row.pk)
    procedure.components.exclude(pk__in=keep).delete()
    event_record(
        actor=by,
        action="dossiers.procedure_edit",
        obj=procedure,
        unit=getattr(by, "unit", None),
        details={"fields": len(specs), "papers": len(components)},
    )
    return procedure

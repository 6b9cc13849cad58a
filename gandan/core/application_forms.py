"""A procedure's application as data: the fields it asks for, the answers a citizen gives, and the checklist of papers
at the desk. Pure: no Django, no clock (`today` is an argument). Problems are returned as stable codes; the service
words them in the reader's language.

A field is a small dict kept in the catalogue (`Procedure.application_fields`):
    {"key": "ten_tre", "label": "Họ, chữ đệm và tên của trẻ", "type": "text", "required": true,
     "choices": [], "help": "", "past": false}
`past` (dates only): the date cannot be after today (a birth, a death).

The import writes the same fields one per line, parts separated by "|":
    key | label | type | flags | choices separated by ";" | help
e.g. `ngay_sinh | Ngày sinh của trẻ | ngày | bắt buộc, không sau hôm nay | | dd/mm/yyyy`. Types may be written in
English or Vietnamese (text/văn bản, longtext/đoạn văn, date/ngày, choice/lựa chọn, number/số,
idnumber/số định danh); flags are "bắt buộc" (required) and "không sau hôm nay" (past).
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from gandan.core.citizen_id import citizen_id_problems, clean_citizen_id
from gandan.core.vntext import fold, normalize

TEXT, LONGTEXT, DATE, CHOICE, NUMBER, IDNUMBER = "text", "longtext", "date", "choice", "number", "idnumber"
FIELD_TYPES = (TEXT, LONGTEXT, DATE, CHOICE, NUMBER, IDNUMBER)
MAX_FIELDS = 40
MAX_LENGTH = {TEXT: 200, LONGTEXT: 2000, DATE: 10, CHOICE: 200, NUMBER: 15, IDNUMBER: 12}
MIN_YEAR = 1900  # a date must have a year after this
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_NUMBER = re.compile(r"^\d{1,15}$")

_TYPE_WORDS = {
    "text": TEXT, "van ban": TEXT, "chu": TEXT,
    "longtext": LONGTEXT, "doan van": LONGTEXT, "van ban dai": LONGTEXT,
    "date": DATE, "ngay": DATE, "ngay thang nam": DATE,
    "choice": CHOICE, "lua chon": CHOICE, "chon": CHOICE,
    "number": NUMBER, "so": NUMBER,
    "idnumber": IDNUMBER, "so dinh danh": IDNUMBER, "so dinh danh ca nhan": IDNUMBER, "cccd": IDNUMBER,
}  # fmt: skip
_REQUIRED_WORDS = {"bat buoc", "required"}
_OPTIONAL_WORDS = {"khong bat buoc", "optional", "tuy chon"}
_PAST_WORDS = {"khong sau hom nay", "past", "qua khu"}


class SchemaError(ValueError):
    """The field list is not usable; `problems` are (field position from 1 or 0 for the list, code) pairs."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__(", ".join(f"{n}:{code}" for n, code in problems))
        self.problems = problems


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    past: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "type": self.type,
            "required": self.required,
            "choices": list(self.choices),
            "help": self.help,
            "past": self.past,
        }

    def as_line(self) -> str:
        """The field in the import's one-line syntax (the inverse of `parse_field_line`)."""
        flags = ", ".join(
            f for f, on in (("bắt buộc", self.required), ("không sau hôm nay", self.past)) if on
        )
        return " | ".join(
            [self.key, self.label, self.type, flags, "; ".join(self.choices), self.help]
        ).rstrip(" |")


def _field_problems(spec: FieldSpec) -> list[str]:
    problems = []
    if not _KEY.match(spec.key):
        problems.append("key")
    if not spec.label or len(spec.label) > 200:
        problems.append("label")
    if spec.type not in FIELD_TYPES:
        problems.append("type")
    if spec.type == CHOICE and len(spec.choices) < 2:
        problems.append("choices")
    if spec.type != CHOICE and spec.choices:
        problems.append("choices_not_choice")
    if spec.past and spec.type != DATE:
        problems.append("past_not_date")
    if len(spec.help) > 300 or any(not c or len(c) > 200 for c in spec.choices):
        problems.append("too_long")
    return problems


def schema_from_data(data: object) -> list[FieldSpec]:
    """The stored list of field dicts as FieldSpecs, every field checked; SchemaError lists every problem."""
    if not isinstance(data, list):
        raise SchemaError([(0, "not_a_list")])
    if len(data) > MAX_FIELDS:
        raise SchemaError([(0, "too_many")])
    specs: list[FieldSpec] = []
    problems: list[tuple[int, str]] = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, Mapping):
            problems.append((n, "not_a_field"))
            continue
        choices = item.get("choices") or []
        spec = FieldSpec(
            key=str(item.get("key") or "").strip(),
            label=normalize(str(item.get("label") or "")),
            type=str(item.get("type") or TEXT),
            required=bool(item.get("required")),
            choices=tuple(normalize(str(c)) for c in choices) if isinstance(choices, list) else ("",),
            help=normalize(str(item.get("help") or "")),
            past=bool(item.get("past")),
        )
        problems += [(n, code) for code in _field_problems(spec)]
        specs.append(spec)
    keys = [s.key for s in specs]
    problems += [
        (n, "duplicate_key") for n, key in enumerate(keys, start=1) if key and keys.index(key) + 1 != n
    ]
    if problems:
        raise SchemaError(problems)
    return specs


def schema_data(specs: Iterable[FieldSpec]) -> list[dict[str, object]]:
    return [s.as_dict() for s in specs]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def parse_field_line(line: str) -> FieldSpec:
    """One line of the import's "Trường thông tin" column; SchemaError([(0, code)]) when it cannot be read."""
    parts = [normalize(p) for p in line.split("|")]
    parts += [""] * (6 - len(parts))
    if len(parts) > 6:
        raise SchemaError([(0, "parts")])
    key, label, type_text, flags_text, choices_text, help_text = parts
    field_type = _TYPE_WORDS.get(_words(type_text) or "text")
    if field_type is None:
        raise SchemaError([(0, "type")])
    required = past = False
    for flag in (f for f in re.split(r"[,;]", flags_text) if f.strip()):
        words = _words(flag)
        if words in _REQUIRED_WORDS:
            required = True
        elif words in _PAST_WORDS:
            past = True
        elif words not in _OPTIONAL_WORDS:
            raise SchemaError([(0, "flag")])
    choices = tuple(c for c in (normalize(c) for c in choices_text.split(";")) if c)
    spec = FieldSpec(key, label, field_type, required, choices, help_text, past)
    problems = _field_problems(spec)
    if problems:
        raise SchemaError([(0, code) for code in problems])
    return spec


def parse_field_lines(text: str) -> list[FieldSpec]:
    """Every non-blank line a field; SchemaError with (line number, code) for each line that cannot be read."""
    specs: list[FieldSpec] = []
    problems: list[tuple[int, str]] = []
    for n, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            specs.append(parse_field_line(line))
        except SchemaError as error:
            problems += [(n, code) for _, code in error.problems]
    keys = [s.key for s in specs]
    if len(set(keys)) != len(keys):
        problems.append((0, "duplicate_key"))
    if len(specs) > MAX_FIELDS:
        problems.append((0, "too_many"))
    if problems:
        raise SchemaError(problems)
    return specs


# --- Answers -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One answer as stored on the dossier: self-describing, so a later change of the schema never loses it."""

    key: str
    label: str
    value: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "value": self.value}


def parse_day(text: str) -> dt.date | None:
    """dd/mm/yyyy (also d/m/yyyy, with dots or dashes) as a date, or None."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _clean_value(spec: FieldSpec, raw: str, today: dt.date) -> tuple[str, str | None]:
    """(stored value, problem code or None) for one non-empty answer."""
    if spec.type == DATE:
        day = parse_day(raw)
        if day is None:
            return raw, "date_format"
        if day.year <= MIN_YEAR:
            return raw, "date_year"
        if spec.past and day > today:
            return raw, "date_future"
        return day.strftime("%d/%m/%Y"), None
    if spec.type == NUMBER:
        digits = raw.replace(".", "").replace(" ", "")
        return (str(int(digits)), None) if _NUMBER.match(digits) else (raw, "number")
    if spec.type == IDNUMBER:
        number = clean_citizen_id(raw)
        return (number, None) if not citizen_id_problems(number) else (raw, "idnumber")
    if spec.type == CHOICE:
        match = next((c for c in spec.choices if fold(c) == fold(raw)), None)
        return (match, None) if match is not None else (raw, "choice")
    if len(raw) > MAX_LENGTH[spec.type]:
        return raw, "too_long"
    return raw, None


@dataclass
class Cleaned:
    answers: list[Answer] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # field key -> problem code

    @property
    def ok(self) -> bool:
        return not self.problems


def clean_answers(schema: Sequence[FieldSpec], raw: Mapping[str, object], *, today: dt.date) -> Cleaned:
    """The citizen's answers checked against the procedure's fields: NFC text, dates as dd/mm/yyyy after 1900 (and
    not after `today` for a `past` date), numbers as digits, a choice among its options, a 12-digit ID. Every
    field's problem at once; keys the schema does not name are dropped; empty optional fields are not stored."""
    result = Cleaned()
    for spec in schema:
        value = raw.get(spec.key)
        text = normalize(str(value) if value is not None else "", multiline=spec.type == LONGTEXT)
        if not text:
            if spec.required:
                result.problems[spec.key] = "required"
            continue
        cleaned, problem = _clean_value(spec, text, today)
        if problem:
            result.problems[spec.key] = problem
        else:
            result.answers.append(Answer(spec.key, spec.label, cleaned))
    return result


# --- The checklist of papers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    """One paper of the checklist as the desk ticked it. `condition` blank: asked of everyone (if `required`);
    otherwise it is needed only when the officer ticks that it `applies`. Not `required`: optional, never missing."""

    name: str
    required: bool = True
    condition: str = ""
    applies: bool = False
    received: bool = False

    @property
    def needed(self) -> bool:
        return self.required and (not self.condition or self.applies)


def missing_papers(papers: Iterable[Paper]) -> list[str]:
    """The names of the papers still needed and not received, in checklist order: acceptance waits for these."""
    return [p.name for p in papers if p.needed and not p.received]

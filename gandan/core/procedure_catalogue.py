"""Reading the free text of a published procedure catalogue ("05 ngày làm việc", "Miễn phí", "Toàn trình",
"Tờ khai (bản chính) x2") with the standard library only, so it is table-tested without a database. The parsers
raise `Unreadable` and leave the wording of the error to the importer (gandan.dossiers.services.catalogue), which speaks through gettext.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from gandan.core.vntext import fold, normalize

# The stored values of models.TimeUnit, OnlineLevel and CopyKind (TextChoices compare equal to these strings).
WORKING_DAYS, WORKING_HOURS, SAME_DAY, CALENDAR_DAYS = (
    "working_days",
    "working_hours",
    "same_day",
    "calendar_days",
)
ONLINE_FULL, ONLINE_PARTIAL, ONLINE_NONE = "full", "partial", "none"
ORIGINAL, COPY, CERTIFIED_COPY, ORIGINAL_OR_COPY = "original", "copy", "certified_copy", "original_or_copy"
HOURS_PER_WORKING_DAY = 8  # half a working day ("0,5 ngày làm việc") is published for quick confirmations


class Unreadable(ValueError):
    """The text does not say what the column needs."""


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    copy_kind: str = ORIGINAL
    count: int = 1
    required: bool = True
    condition: str = (
        ""  # blank: asked of everyone; else the case it is needed in ("Khi nộp hồ sơ thay người khác")
    )


def _words(text: str) -> str:
    """Folded text with punctuation turned into single spaces: "Phí, lệ phí:" -> "phi le phi"."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


_SAME_DAY = re.compile(r"\b(?:trong ngay|ngay khi|same day|within the day)\b")
_TIME = re.compile(
    r"(?<![\d.,/])(\d+(?:[.,]\d+)?|1/2)\s*"
    r"(ngay lam viec|ngay lv|gio lam viec|gio|ngay|working days?|working hours?|calendar days?|days?|hours?)\b"
)


def parse_time_limit(text: str) -> tuple[int, str]:
    """The published time limit as (value, unit): "05 ngày làm việc" -> (5, working days).

    Whichever comes first wins, so "Ngay trong ngày; nhận sau 15 giờ thì trả ngày làm việc tiếp theo" is same-day
    and "03 ngày làm việc; trường hợp cần xác minh ..." is three working days. A bare "ngày" is a calendar day, as
    the law writes it (complaints, land disputes); half days become working hours. Same-day limits have value 0.
    """
    folded = fold(text)
    same_day, number = _SAME_DAY.search(folded), _TIME.search(folded)
    if same_day and (number is None or same_day.start() < number.start()):
        return 0, SAME_DAY
    if number is None:
        raise Unreadable(text)
    raw, unit = number.groups()
    amount = 0.5 if raw == "1/2" else float(raw.replace(",", "."))
    if unit.startswith(("gio", "working hour", "hour")):
        kind, value = WORKING_HOURS, math.ceil(amount)
    elif unit.startswith(("ngay lam viec", "ngay lv", "working day")):
        whole = amount == int(amount)
        kind = WORKING_DAYS if whole else WORKING_HOURS
        value = int(amount) if whole else math.ceil(amount * HOURS_PER_WORKING_DAY)
    elif amount == int(amount):
        kind, value = CALENDAR_DAYS, int(amount)
    else:
        raise Unreadable(text)
    if value <= 0:
        raise Unreadable(text)
    return value, kind


_FREE = re.compile(r"^(?:khong|mien|free|none|no fee|0(?: dong| d| vnd)?$)")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|d|vnd)\b")
_BARE_AMOUNT = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+")
_PLAIN_FEE = re.compile(
    r"(?:khong|khong thu|mien phi|mien le phi|free|none|no fee|(?:\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|d|vnd)?)"
)


def parse_fee(text: str) -> tuple[int, str]:
    """(amount in đồng, note): "50.000 đồng" -> (50000, ""), "Miễn phí" -> (0, "").

    Anything beyond the plain amount ("2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang") is kept as the note,
    so the desk sees the published wording. Text that opens with "Không"/"Miễn" is free whatever follows (the
    following words are the exceptions); otherwise the first amount in đồng is the fee.
    """
    folded = fold(text).strip(" .;")
    if not folded:
        return 0, ""
    note = "" if _PLAIN_FEE.fullmatch(folded) else normalize(text)
    if _FREE.match(folded):
        return 0, note
    amount = _AMOUNT.search(folded)
    if amount is None and _BARE_AMOUNT.fullmatch(folded):
        return int(re.sub(r"\D", "", folded)), ""
    if amount is None:
        raise Unreadable(text)
    return int(re.sub(r"\D", "", amount.group(1))), note


def parse_online_level(text: str) -> str:
    """ "Toàn trình"/"Mức độ 4" -> full, "Một phần"/"3" -> partial, "Không"/blank/"2" -> none.

    Levels 1–4 are the legacy scale of Decree 43/2011 still found in older lists (DOMAIN.md §1.1).
    """
    words = _words(text)
    level = re.fullmatch(r"(?:muc do |muc |level )?([1-4])", words)
    if level:
        return {"4": ONLINE_FULL, "3": ONLINE_PARTIAL}.get(level.group(1), ONLINE_NONE)
    if "toan trinh" in words or words in {"full", "fully online"}:
        return ONLINE_FULL
    if "mot phan" in words or words in {"partial", "partly online"}:
        return ONLINE_PARTIAL
    if not words or words.startswith("khong") or words in {"none", "no", "not online", "truc tiep"}:
        return ONLINE_NONE
    raise Unreadable(text)


_KINDS = [  # whole phrases, most specific first: "bản sao có chứng thực" also starts with "bản sao"
    (r"ban chinh hoac ban sao(?: co| duoc)?(?: chung thuc)?|ban sao(?: co chung thuc)? hoac ban chinh"
     r"|ban sao kem ban chinh(?: de doi chieu)?|original or (?:certified )?copy", ORIGINAL_OR_COPY),
    (r"ban sao (?:co |duoc )?chung thuc|certified copy", CERTIFIED_COPY),
    (r"ban sao|ban chup|copy", COPY),
    (r"ban chinh|original", ORIGINAL),
]  # fmt: skip
_OPTIONAL = re.compile(r"neu co|khong bat buoc|optional|if any")
# A case in which the paper is needed: "(bản chính, khi nộp hồ sơ thay người khác)", "(trường hợp ...)".
_CONDITION = re.compile(r"(?:khi|truong hop|neu|doi voi|when|if) .+")
_COUNT = re.compile(r"(\d+) (?:ban|bo|copies|sets?)")
_PAREN = re.compile(r"\(([^()]*)\)")
_TIMES = re.compile(r"\s*[x×]\s*(\d+)\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d+[.)]|[a-zđ][.)])\s+", re.IGNORECASE)


def _kind(words: str) -> str | None:
    return next((kind for pattern, kind in _KINDS if re.fullmatch(pattern, words)), None)


def _paren_facts(inside: str) -> dict[str, Any] | None:
    """What a parenthesis says about the paper (kind, count, optional), or None if it is part of its name."""
    facts: dict[str, Any] = {}
    parts = re.split(r"([,;])", inside)
    for i, part in enumerate(parts[::2]):
        words = _words(part)
        counted = re.fullmatch(r"(\d+) (.+)", words)
        if not words:
            continue
        if _COUNT.fullmatch(words):
            facts["count"] = int(words.split()[0])
        elif _kind(words):
            facts["copy_kind"] = _kind(words)
        elif counted and _kind(counted.group(2)):  # "01 bản chính"
            facts["count"], facts["copy_kind"] = int(counted.group(1)), _kind(counted.group(2))
        elif _OPTIONAL.fullmatch(words):
            facts["required"] = False
        elif _CONDITION.fullmatch(words):
            # The case runs to the end of the parenthesis, commas included ("khi cha, mẹ nộp thay").
            condition = normalize("".join(parts[2 * i :])).strip(" .")
            facts["condition"] = condition[:1].upper() + condition[1:]
            break
        else:
            return None
    return facts or None


def parse_components(text: str) -> list[ComponentSpec]:
    """The papers of the dossier, one per line or separated by ";" (or "- " bullets on one line).

    Each may say its kind and count: "Giấy chứng sinh (bản chính)", "Bản vẽ thiết kế (bản chính) x2",
    "Giấy xác nhận (bản sao có chứng thực, nếu có)". Without a kind the paper is an original, once.
    """
    items: list[str] = []
    for line in re.split(r"[\n\r;]", text):
        items.extend(re.split(r"\s+[-–•]\s+", line) if re.match(r"^\s*[-–•]\s", line) else [line])
    papers = []
    for item in items:
        name = normalize(_BULLET.sub("", item)).strip(" .;,")
        facts: dict[str, Any] = {}
        times = _TIMES.search(name)
        if times:
            facts["count"] = int(times.group(1))
            name = name[: times.start()]
        for paren in reversed(list(_PAREN.finditer(name))):
            found = _paren_facts(paren.group(1))
            if found is not None:
                facts = {**found, **facts}
                name = name[: paren.start()] + name[paren.end() :]
        name = normalize(name).strip(" .;,")
        if name:
            papers.append(ComponentSpec(name=name, **facts))
    return papers


def parse_date(value: object) -> dt.date | None:
    """dd/mm/yyyy (as provinces write it), yyyy-mm-dd, or a spreadsheet date. Blank is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 — a calendar date, no time or zone
        except ValueError:
            continue
    raise Unreadable(text)


# Columns: the key, the header a province writes, and the other names (English included) accepted for it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã thủ tục", "mã", "mã tthc", "mã số", "mã thủ tục hành chính", "code"),
    "name": ("Tên thủ tục", "tên", "tên tthc", "tên thủ tục hành chính", "name"),
    "field": ("Lĩnh vực", "field"),
    "legal_basis": ("Căn cứ pháp lý", "căn cứ", "legal basis"),
    "time_limit": ("Thời hạn giải quyết", "thời hạn", "thời gian giải quyết", "time limit"),
    "fee": ("Phí, lệ phí", "lệ phí", "phí", "fee", "fees"),
    "online_level": ("Mức độ DVC", "mức độ dvctt", "mức độ dịch vụ công", "dịch vụ công trực tuyến", "online level"),
    "components": ("Thành phần hồ sơ", "hồ sơ", "components"),
    "fields": ("Trường thông tin", "thông tin tờ khai", "trường tờ khai", "application fields", "fields"),
    "lead_unit": ("Cơ quan thực hiện", "cơ quan giải quyết", "lead unit"),
    "valid_from": ("Hiệu lực từ", "ngày hiệu lực", "valid from"),
    "valid_to": ("Hiệu lực đến", "hết hiệu lực", "valid to"),
}  # fmt: skip
REQUIRED = ("code", "name", "field", "legal_basis", "time_limit")
_HEADER_KEYS = {_words(title): key for key, titles in COLUMNS.items() for title in (key, *titles)}


def column_key(header: object) -> str | None:
    """The column a header names, whatever its case, diacritics or punctuation: "PHÍ, LỆ PHÍ" -> "fee"."""
    return _HEADER_KEYS.get(_words(str(header or "")))

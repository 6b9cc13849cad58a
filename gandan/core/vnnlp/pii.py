"""Personal data masked in what officials are shown: phone numbers, ID numbers, e-mails and given names.

* A **number** of 9 digits or more, written whole or in groups ("0912 345 678", "0912.345.678", "+84 912-345-678",
  "(024) 3825 1234", "0012 0300 1234"), is a phone, a citizen ID (9 or 12 digits), a bank account: masked. An
  8-digit number is masked only after a word that announces a phone ("ĐT", "SĐT", "điện thoại", "liên hệ" …).
  Money stays ("150.000.000 đồng", "5 triệu", "12.500.000"), and so do plot and map-sheet numbers, years, dates
  ("12/03/2026"), decision numbers ("1234/QĐ-UBND"), house numbers: they are shorter, or written as money.
* An **e-mail**, also written "ten (at) gmail (dot) com", "ten a còng gmail chấm com".
* Each **name** given: a full name through :func:`gandan.core.redaction.redact` (also its endings, "Văn An", and the
  surname with the given name; any spelling, with or without diacritics), a one-word name wherever it stands.

Only the matched characters become :data:`MARKER`; spaces and punctuation around them stay.
"""

import functools
import re
from collections.abc import Iterable

from gandan.core.redaction import (
    MARKER,
    Identity,
    given_key,
    name_absent,
    redact,
    redact_phrases,
    spaced_skeleton,
)
from gandan.core.vnnlp.syllables import fold_fast

__all__ = ["mask_pii"]

_SEPARATOR = r"(?:[ .\-–\u00a0]|\) ?| ?\(| - )"
_RUN = re.compile(rf"(?:\(\+?|\+)?(?<!\d)\d(?:{_SEPARATOR}?\d)*")
#: A cheap test that the text may hold a number worth a look: 8 digits with at most 3 other characters between.
_MAYBE_NUMBER = re.compile(r"\d(?:\D{0,3}\d){7}")
_NON_DIGIT = re.compile(r"\D")
_GROUP_START = re.compile(r"\s(?=[0+(])")
_MONEY_SHAPE = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:đồng|đ|vnđ|vnd|dong|d|triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k|tỷ|tỉ|ty|ti|usd)(?![^\W\d_])",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(
    r"(?:tiền|tien|giá|gia|phí|phi|lương|luong|thưởng|thuong|trị giá|tri gia|vay|nợ|no|khoản|khoan|bù|bu|hỗ trợ|ho tro|phạt|phat|thu)\W{0,3}"
    r"(?:là|la|:)?\W{0,3}$",
    re.IGNORECASE,
)
_PHONE_BEFORE = re.compile(
    r"(?:đt|dt|sđt|sdt|điện thoại|dien thoai|đthoai|dthoai|phone|tel|hotline|zalo|liên hệ|lien he|số máy|so may|"
    r"máy bàn|may ban|gọi|goi)\W{0,3}(?:số|so|là|la)?\W{0,3}$",
    re.IGNORECASE,
)
_AT_SIGN = re.compile(r" ?@ ?")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*[(\[{]\s*(?:at|a còng|a cong)\s*[)\]}]\s*|\s+(?:at|a\s?còng|a\s?cong|acong|@)\s+)"
_DOT = r"(?:\s*[(\[{]\s*(?:dot|chấm|cham)\s*[)\]}]\s*|\s+(?:dot|chấm|cham)\s+|\s?\.\s?)"
_TLD = r"(?:com|vn|net|org|edu|gov|info|biz|io|me|asia)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}(?![^\W_])(?:{_DOT}vn(?![^\W_]))?",
    re.IGNORECASE,
)
_MAYBE_EMAIL = re.compile(r"[ (\[{](?:at|AT|At|còng|cong|CÒNG|CONG)[ )\]}]")


def _is_money(text: str, start: int, end: int, run: str) -> bool:
    if run[0] in "0+(":
        return False  # phones and ID numbers begin with 0 (or +84); amounts of money do not
    if _CURRENCY_AFTER.match(text, end) or _MONEY_BEFORE.search(text, max(0, start - 24), start):
        return True
    return bool(_MONEY_SHAPE.fullmatch(run)) and run.endswith("000")


def _segments(run: str) -> list[tuple[int, int]]:
    """The run cut before each group that begins with 0 or + and starts a number of 9 digits or more: a village's or
    a date's number, then a phone ("thôn 3 0912345678", "12.03.2026 0912345678"), or two phones in a row."""
    left = sum(char.isdigit() for char in run)  # digits from `seen` on
    # A citizen ID in groups of three ("025 087 001 234") is one number, not three digits and then a phone.
    if left == 12 and run[0] == "0":
        return [(0, len(run))]
    bounds = [0]
    seen = 0
    for match in _GROUP_START.finditer(run):
        cut = match.start() + 1
        left -= sum(char.isdigit() for char in run[seen:cut])
        seen = cut
        if left >= 9:
            bounds.append(cut)
    bounds.append(len(run))
    return list(zip(bounds, bounds[1:], strict=False))


def _numbers(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _RUN.finditer(text):
        run = match.group()
        for a, b in _segments(run):
            piece = run[a:b].rstrip()
            start, end = match.start() + a, match.start() + a + len(piece)
            digits = len(_NON_DIGIT.sub("", piece))
            if digits < 8 or _is_money(text, start, end, piece):
                continue
            if digits >= 9 or _PHONE_BEFORE.search(text, max(0, start - 24), start):
                spans.append((start, end))
    return spans


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces += [text[position:start], MARKER]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


_NOT_LETTER = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=64)
def _by_given_name(names: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The names grouped by their folded given name (a commune's protected denunciators, text after text: a few
    hundred given names however many people), so a text is searched once per given name, not once per person."""
    groups: dict[str, list[str]] = {}
    for raw in names:
        name = (raw or "").strip()
        if name:
            groups.setdefault(given_key(name), []).append(name)
    return tuple((given, tuple(group)) for given, group in groups.items())


def mask_pii(text: str, names: Iterable[str] = ()) -> str:
    """The text with phone numbers, ID numbers, e-mails and the given names replaced by :data:`MARKER`."""
    if not text:
        return text
    spans: list[tuple[int, int]] = []
    if "@" in text or _MAYBE_EMAIL.search(text):
        spans += _emails(text)
        spans += [m.span() for m in _EMAIL_OBFUSCATED.finditer(text)]
    if _MAYBE_NUMBER.search(text):
        spans += _numbers(text)
    if spans:
        text = _replace(text, _merge(spans))
    names = tuple(names)
    if not names:
        return text
    letters = _NOT_LETTER.sub("", fold_fast(text))  # the text's skeleton (fold_fast folds as fold does)
    spaced: str | None = None
    for given, group in _by_given_name(names):
        if given and given not in letters:
            continue  # a given name nowhere in the text: none of its names can be (most of a commune's, usually)
        if spaced is None:
            spaced = spaced_skeleton(text) or ""
        for name in group:
            if name_absent(letters, name, spaced or None):
                continue  # nothing to search (and to build) for it
            if len(name.split()) >= 2:
                masked = redact(text, Identity(name=name)).text
            else:
                masked = redact_phrases(text, [name]).text
            if masked != text:  # the next names are looked for in what is left
                text = masked
                letters = _NOT_LETTER.sub("", fold_fast(text))
                spaced = spaced_skeleton(text) or ""
    return text


def _emails(text: str) -> list[tuple[int, int]]:
    """Each "@" with a local part before it and a domain after it, read from the "@" both ways: addresses written
    one against the other ("x@y.com+foo@z.org") overlap, and each is found whole (a left-to-right search resumes
    after the first, where the second's local part has already begun, and left "foo@z.org" to be read)."""
    spans = []
    for at in _AT_SIGN.finditer(text):
        start = at.start()
        while start and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        domain = _DOMAIN.match(text, at.end())
        if start < at.start() and domain:
            spans.append((start, domain.end()))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

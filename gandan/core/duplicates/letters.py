"""Duplicate detection: what a letter says about itself rather than about its matter (issue #13).

* A **reminder** ("Tôi đã gửi đơn ngày 3/4 … đến nay chưa được trả lời", "lần thứ ba", "gửi lại đơn") points at an
  earlier letter of the same sender; it often names the matter in a few words only. Its formula is not the matter:
  :func:`strip_formulae` drops it from the words that are compared, and the flag lets a short letter of the same
  sender match the original by the little it names.
* A **cover text** of a body forwarding a petition (the Front after a voters' meeting, the deputies' office, a
  newspaper: "… nhận được đơn của bà X … kính chuyển …") is the body's, not the citizen's; only what it reports of
  the matter counts.
* A matter **closed and happening again** ("đã cho dừng lò … nay lại đốt trở lại") is a new petition, not the old.
* **Relatives named** ("vợ ông Trần Văn Quý", "con trai ông Bùi Văn Toản") and **citizens cited** by a body ("đơn của
  ông Lê Văn Cừ") tie a letter to the household, or the person, of an earlier one.
"""

import bisect
import re

from gandan.core.vnnlp.names import FAMILY_NAMES
from gandan.core.vnnlp.syllables import fold_fast
from gandan.core.vntext import normalize

_REMINDER = re.compile(
    r"\b(?:da gui don|gui lai don|gui don lan|lan thu (?:hai|ba|tu|nam|2|3|4|5)|nhac lai|don lan truoc|"
    r"da co don|don truoc day|chua (?:duoc|nhan duoc|thay) (?:tra loi|phan hoi|hoi am)|"
    r"tiep tuc (?:gui don|to cao|khieu nai|phan anh))\b"
)
_KIN_SENT = re.compile(
    r"\b(?:vo|chong|bo|me|cha|con trai|con gai|con dau|con re|nha) toi\b(?:\W+\w+){0,6}?\W+"
    r"(?:da gui don|gui don|co don|da co don|lam don|da lam don|nop don|da nop don|nop ho so|da nop ho so)\b"
)
_COVER = re.compile(
    r"\b(?:chuyen don|kinh chuyen|nhan duoc don|tiep xuc cu tri|y kien cua cu tri|y kien cu tri|cu tri thon|"
    r"tong hop y kien|ban doc)\b"
)
# What was done to close a matter: repaired, replaced, stopped, listed ("đã thay toàn bộ bóng", "xã đã trải nhựa
# lại", "đã được xã rà soát và công nhận hộ nghèo"). Not a fine or a seizure ("đã xử phạt nhưng trại vẫn xả thải"):
# the matter goes on.
_DONE = (
    r"giai quyet xong|xu ly xong|khac phuc|sua chua xong|sua chua|sua xong|sua lai|lam lai|dung|dinh chi|pha do|"
    r"dua vao danh sach|thay moi|thay toan bo|thay bong|thay the|trai nhua|tham nhua|do be tong|be tong hoa|"
    r"lap dat|lap moi|cong nhan|boi thuong xong|chi tra xong|nao vet|khoi thong|don sach|thu don|don dep"
)
# Closings in words that also say other things ("đã báo xã giải quyết", "đã giải quyết nhưng không thỏa đáng", "cán
# bộ đã sửa số liệu", "đã xong thủ tục"): only right after "đã", and "giải quyết" and "xong" only ending the clause
# ("việc đó đã được giải quyết.", "tôi coi việc đó đã xong").
_DONE_NEAR = (
    r"sua(?! doi| soan| sang| so lieu| chu ky| ho so| giay to| ten| bien ban)|tra lai tien(?! thua)|"
    r"(?:giai quyet|xong)(?= *(?:[.;!?,\n]|$)| roi\b)"
)
# ... but not promised, planned or still to do ("đã hứa sẽ sửa", "đã đề nghị sửa chữa", "chưa sửa").
_NOT_DONE = r"(?:hua|se|chua|khong|phai|can|de nghi|yeu cau|xin|dinh|du kien|ke hoach)\b"
# "được thay mới" without "đã" is a closing only with the time it was done ("được thay mới tháng 3/2025"): "mong
# sớm được nạo vét", "đề nghị cho mương được nạo vét" ask for it.
_DONE_WHEN = r"(?: [^ .;!?,]+){0,3}? (?:nam \d{4}|thang \d{1,2}|tu nam|tu thang|\d{1,2}/\d{4})"
_CLOSED = re.compile(
    rf"\bda (?:duoc )?(?:cho )?(?:{_DONE}|{_DONE_NEAR})\b|\bda duoc(?: [^ .;!?]+){{1,10}}? (?:{_DONE})\b"
    rf"|\bda(?: (?!{_NOT_DONE})[^ .;!?]+){{1,3}}? (?:{_DONE})\b"
    r"|(?<!chua )(?<!khong )\bduoc (?:cong nhan|dua vao danh sach)\b"
    r"|(?<!chua )(?<!khong )(?<!he )(?<!tung )(?<!se )(?<!nghi )(?<!xin )(?<!mong )(?<!can )(?<!phai )(?<!som )"
    r"(?<!moi )\bduoc (?:thay moi|thay the|sua chua|sua xong|trai nhua|tham nhua|be tong hoa|nao vet|khoi thong)\b"
    rf"(?={_DONE_WHEN})"
    # A quiet time since: "gần hai năm nay đoạn sông yên ổn", "mấy tháng qua không còn mùi hôi" (not "không được yên
    # ổn", "không còn yên tĩnh").
    r"|\b(?:nam|thang) (?:nay|qua|lien)\b[^.;!?]{0,40}?(?<!khong duoc )(?<!khong con )(?<!khong )(?<!chua )"
    r"\b(?:yen on|binh yen|yen tinh|khong con (?:mui hoi|tieng on|tau hut cat))\b"
)
_AGAIN = re.compile(
    r"\b(?:tro lai|tai dien|lai xay ra|nay lai|lai tiep tuc|lai bi|lai hong|lai tat|lai xuong cap|lai bong troc|"
    r"lai ngap|lai lun|hong lai|tat lai|bi dua ra khoi|lai dot|lai hoat dong|lai xuat hien|xuat hien tro lai|"
    r"lai hu hong|lai hu|lai thu|lai sut)\b"
)

# Formula words of reminders, dropped from the compared words (folded tokens, after abbreviations are expanded).
_FORMULAE: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "chua nhan duoc tra loi", "chua duoc tra loi", "chua duoc phan hoi", "gui lai don", "da gui don",
        "gui don", "lan thu hai", "lan thu ba", "lan thu tu", "lan thu 2", "lan thu 3", "lan thu 4", "nhac lai",
        "tra loi", "phan hoi", "don thu", "lan truoc", "lan nay",
    )
)  # fmt: skip

_FORMULAE_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _FORMULAE:
    _FORMULAE_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)

_KIN = (
    "vợ|chồng|con trai|con gái|con dâu|con rể|bố đẻ|mẹ đẻ|bố chồng|mẹ chồng|bố vợ|mẹ vợ|bố|mẹ|cha|anh trai|"
    "em trai|chị gái|em gái|cháu nội|cháu ngoại|con"
)


def _upper_letters() -> str:
    """The capital letters of Latin scripts with Vietnamese marks, as the body of a character class."""
    codes = list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    return "".join(chr(code) for code in codes if chr(code).isalpha() and chr(code).isupper())


_UPPER = _upper_letters()
_TITLE = r"(?:(?:ông|bà|anh|chị|cụ|cô|chú|công dân)\s+)?"
# Two to four words, each starting with a capital.
_NAME = rf"([{_UPPER}][^\W\d_]*(?:[ \t]+[{_UPPER}][^\W\d_]*){{1,3}})"
_RELATIVE = re.compile(
    rf"(?i:\b(?:{_KIN})\s+(?:(?:của\s+)?tôi\s*(?:là\s+|,\s*)?|của\s+|là\s+)?{_TITLE}){_NAME}"
)
# A person named in the text: a full name of three or four capitalised words starting with a family name ("ông Lê
# Văn Tâm", "cụ Nguyễn Thị Xuân").
_MENTIONED = re.compile(_NAME)
# In a body's letter, a citizen named with a title is the citizen it forwards or reports ("ông Lê Văn Cừ, thôn Bến
# Đò, phản ánh ...", "công dân Nguyễn Thị Thoa").
# Not an owner or a household named in the matter ("lò gạch của hộ ông Trần Văn Khởi").
_TITLED = re.compile(
    rf"(?i:(?<!của )(?<!hộ )(?<!nhà )(?<!đình )\b(?:ông|bà|anh|chị|cụ|công dân|cử tri)\s+){_NAME}"
)
# People a body names as examples of many ("nhiều cử tri (trong đó có ông Phùng Văn Lực)", "nhiều hộ như gia đình bà
# Vi Thị Say, ông Vi Văn Kiểm cho biết …"): the body reports the voters' or readers' matter, not their letter. The
# names listed after the marker are left out of the titled and mentioned names.
_EXAMPLE_PERSON = rf"(?i:(?:(?:gia đình|hộ|nhà)\s+)?(?:ông|bà|anh|chị|cụ|cô|chú)\s+){_NAME}"
_EXAMPLES = re.compile(
    r"(?i:\b(?:trong (?:số )?đó có|điển hình (?:là|như)|ví dụ như|chẳng hạn như|"
    rf"(?:hộ|hộ dân|cử tri|người dân|gia đình|bà con|người) như)\s+){_EXAMPLE_PERSON}"
    rf"(?:\s*(?:,|(?i:và))\s*{_EXAMPLE_PERSON})*"
)
_CITED = re.compile(
    rf"(?i:\b(?:đơn|phản ánh|kiến nghị|khiếu nại|tố cáo|ý kiến)\b[^.\n]{{0,40}}?\s(?:của|do)\s+{_TITLE}){_NAME}"
)
_ADDRESSEE = re.compile(r"\s*(?:dong )?kinh (?:gui|trinh)|\s*noi nhan")
_FAMILY_FOLDED = frozenset(fold_fast(name) for name in FAMILY_NAMES)


def is_reminder(folded: str) -> bool:
    """Whether the folded text says it repeats an earlier letter."""
    return _REMINDER.search(folded) is not None


def is_kin_sent(folded: str) -> bool:
    """Whether the folded text says a relative of the sender sent a letter before ("chồng tôi đã gửi đơn")."""
    return _KIN_SENT.search(folded) is not None


def is_cover(folded: str) -> bool:
    """Whether the folded text holds a forwarding body's cover formula or a summary of voters' opinions."""
    return _COVER.search(folded) is not None


# The letter says it is about another matter than the sender's earlier letter ("nay tôi xin phản ánh một việc khác",
# "việc quán karaoke tôi đã có đơn riêng", "lần này tôi không nói chuyện tiền nữa").
# Said by the sender of themselves ("nay tôi …", "lần này tôi …"): an angry reminder's "cán bộ nói chuyện khác" is
# not it.
_OTHER_MATTER = re.compile(
    r"\b(?:(?:nay|lan nay) toi(?: [^ .;!?]+){0,6}? (?:mot )?(?:viec|van de|chuyen|noi dung) khac|"
    r"(?:toi )?da co don rieng|lan nay toi khong (?:noi|nhac)(?: [^ .;!?]+){0,4}? nua)\b"
)


def is_other_matter(folded: str) -> bool:
    """Whether the folded text says it raises another matter than the sender's earlier letter."""
    return _OTHER_MATTER.search(folded) is not None


# When a matter was closed: the month or year in the sentence that says so ("xã đã cho nạo vét ngay trong tháng
# 9/2024", "được trải nhựa năm 2025").
_CLOSING_WHEN = re.compile(
    r"\b(?:thang\s+(\d{1,2})\s*[/-]\s*(\d{4})|thang\s+(\d{1,2})\s+nam\s+(\d{4})|(\d{1,2})\s*/\s*(\d{4})|"
    r"nam\s+(\d{4}))\b"
)


_CLAUSE_END = re.compile(r"[,:]\s|\bnhung\b")
# Before a date, what makes it not the closing's: a document number ("số 05/2024"), a day ("10/3/2024" holds
# "3/2024"), a letter ("đã gửi đơn ngày 10/3/2024").
_NOT_CLOSING_WHEN = re.compile(r"(?:\bso\s*|[\d/]|\b(?:don|gui|nop)\b[^.;!?]{0,15})$")


def _closing_when(folded: str, when: re.Match[str]) -> str:
    """The date as "YYYY-MM" ("YYYY-00": a year alone), or "" when it is not a date a closing can have."""
    if _NOT_CLOSING_WHEN.search(folded, max(0, when.start() - 25), when.start()):
        return ""
    year = int(when.group(2) or when.group(4) or when.group(6) or when.group(7))
    month = when.group(1) or when.group(3) or when.group(5)
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= int(month) <= 12):
        return ""
    return f"{year}-{int(month or 0):02d}"


def closing_date(folded: str) -> str:
    """When the folded text says its matter was closed, as "YYYY-MM" ("YYYY-00" for a year alone), or "": the date
    nearest the words that say so, in their clause ("Năm 2024 tôi có đơn, xã đã nạo vét trong tháng 9/2024"), else
    in their sentence ("Năm 2024, xã đã trải nhựa")."""
    closings = list(_CLOSED.finditer(folded))
    if not closings:
        return ""
    dates = [
        (m.start(), m.end(), when)
        for m in _CLOSING_WHEN.finditer(folded)
        if (when := _closing_when(folded, m))
    ]
    if not dates:
        return ""
    ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
    breaks = [m.end() for m in _CLAUSE_END.finditer(folded)]
    for closed in closings:
        i = bisect.bisect_right(ends, closed.start())
        start, end = (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else len(folded))
        j, k = bisect.bisect_right(breaks, closed.start()), bisect.bisect_right(breaks, closed.end())
        clause = (
            max(start, breaks[j - 1] if j else 0),
            min(end, breaks[k] if k < len(breaks) else len(folded)),
        )
        near = [d for d in dates if clause[0] <= d[0] and d[1] <= clause[1]] or [
            d for d in dates if start <= d[0] and d[1] <= end
        ]
        if near:
            return min(near, key=lambda d: max(closed.start() - d[1], d[0] - closed.end()))[2]
    return ""


def is_settled_again(folded: str) -> bool:
    """Whether the folded text says its matter was closed once and is happening again."""
    return _CLOSED.search(folded) is not None and _AGAIN.search(folded) is not None


# An earlier letter dated by the sender: "tôi đã gửi đơn ngày 15/9", "đơn ngày 6/10/2026", "tháng 6 tôi gửi đơn",
# "đã phản ánh với xã từ đầu tháng 10". Only a date in the same sentence as one of these words counts: "ngày 25/9 một
# cháu bị ngã" dates an event, not a letter.
_LETTER_CUE = re.compile(
    r"\b(?:(?:gui|lam|nop|co|viet) don|don (?:ngay|de ngay|thu|cua|tu|hoi|len|gui|lan|truoc|xin|de nghi|"
    r"phan anh|khieu nai|to cao|kien nghi)|da gui|gui len|gui xa|phan anh|kien nghi|khieu nai|to cao|nhan tin|"
    r"nhan len|trinh bay|da bao|bao xa|bao len|hoi ket qua)\b"
)
_CUE_BEFORE, _CUE_AFTER = 60, 40  # characters around a date where its cue is looked for
_DAY_MONTH = re.compile(
    r"\b(?:(?:ngay|hom|tu|vao|don)\s+)(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}))?\b"
    r"|\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?\b"
)
_MONTH = re.compile(
    r"(?<!\d )\bthang\s+(\d{1,2})(?:\s*[/-]\s*(\d{4})|\s+nam\s+(\d{4})|\s+(nam ngoai|nam truoc|nam roi))?\b"
)
_LAST_YEAR = re.compile(r"\s+(?:nam ngoai|nam truoc|nam roi)\b")
_SENTENCE_END = re.compile(r"[.!?;…](?=\s|$)")


def letter_dates(folded: str) -> tuple[str, ...]:
    """The dates of earlier letters the folded text cites, as "YYYY-MM-DD"; "0000" for a year not given, "0001" for
    the year before the letter's ("tháng 8 năm ngoái") and "00" for a day not given ("tháng 6 tôi gửi đơn":
    "0000-06-00")."""
    found: list[str] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(folded)] + [len(folded)]:
        sentence, start = folded[start:end], end
        if not _LETTER_CUE.search(sentence):
            continue
        days = []
        for match in _DAY_MONTH.finditer(sentence):
            day, month, year = (
                (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.groups()[3:]
            )
            days.append((match.start(), match.end()))
            last_year = not year and _LAST_YEAR.match(sentence, match.end())  # "ngày 15/8 năm ngoái"
            _add_date(found, sentence, match, 1 if last_year else int(year or 0), int(month), int(day))
        for match in _MONTH.finditer(sentence):
            if not any(s <= match.start() < e for s, e in days):
                year = 1 if match.group(4) else int(match.group(2) or match.group(3) or 0)
                _add_date(found, sentence, match, year, int(match.group(1)), 0)
    return tuple(dict.fromkeys(found))


def _add_date(found: list[str], sentence: str, match: re.Match[str], year: int, month: int, day: int) -> None:
    near = sentence[max(0, match.start() - _CUE_BEFORE) : match.end() + _CUE_AFTER]
    if (
        1 <= month <= 12
        and 0 <= day <= 31
        and (year in (0, 1) or 2000 <= year <= 2100)
        and _LETTER_CUE.search(near)
    ):
        found.append(f"{year:04d}-{month:02d}-{day:02d}")


def strip_formulae(words: list[str]) -> list[str]:
    """The folded tokens of a sentence without the formula words of reminders ("đã gửi đơn", "chưa được trả lời")."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        for phrase in _FORMULAE_BY_FIRST.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            kept.append(words[i])
            i += 1
    return kept


def _names(pattern: re.Pattern[str], text: str, *, least: int = 2) -> dict[str, str]:
    """Folded names found by ``pattern`` -> as typed."""
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        typed: list[str] = []
        for word in match.group(1).split():
            if not (word[0].isupper() and word[1:] == word[1:].lower()):
                break
            typed.append(word)
        words = [fold_fast(word) for word in typed]
        if least <= len(words) <= 4 and words[0] in _FAMILY_FOLDED:
            found.setdefault(" ".join(words), " ".join(typed))
    return found


def named_people(
    content: str, *, body: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """(relatives named with a kinship word, citizens whose letter a body cites, everyone named with a full name of
    three words or more), as folded names "tran van quy"; everyone named as typed ("Trần Văn Quý"). In a ``body``'s
    letter (a forwarding body, a cover text) every citizen named with a title is cited."""
    text = normalize(content or "", multiline=True)
    if sum(map(str.isupper, text)) * 2 > sum(map(str.isalpha, text)):
        return (), (), {}  # in capitals throughout, names cannot be told from words
    # The addressee ("Kính gửi: ông Chủ tịch ...") is named in letters about anything.
    lines = "\n".join(line for line in text.split("\n") if not _ADDRESSEE.match(fold_fast(line)))
    if body:
        # Examples of many voters or readers are neither the citizen forwarded nor the matter.
        text, lines = _EXAMPLES.sub(" ", text), _EXAMPLES.sub(" ", lines)
    cited = {**_names(_CITED, text), **(_names(_TITLED, text) if body else {})}
    return tuple(_names(_RELATIVE, text)), tuple(cited), _names(_MENTIONED, lines, least=3)

"""Duplicate detection: content analysis, i.e. cutting a petition into sentences, dropping the letter's frame
(motto, greeting, self-introduction, signature, forwarding formulae), expanding abbreviations, and building
the content shingles and content vocabulary that scoring compares.  The design is described in the docstring
of the package, :mod:`gandan.core.duplicates`, which is what "the module docstring" means in the docstrings
below.
"""

import re

from gandan.core.duplicates.identity import _WORD
from gandan.core.duplicates.letters import strip_formulae
from gandan.core.duplicates.model import SHINGLE_SIZE
from gandan.core.vntext import fold, normalize

# --------------------------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"\n|[.!?;…]+(?=\s|$)")

# Expanded so that "UBND"/"Ủy ban nhân dân" or "ko"/"không" give the same shingles.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    key: tuple(value.split())
    for key, value in {
        "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
        "ubmttq": "uy ban mat tran to quoc", "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan",
        "sdt": "so dien thoai", "dt": "dien thoai", "gcnqsdd": "giay chung nhan quyen su dung dat",
        "gcn": "giay chung nhan", "qsdd": "quyen su dung dat", "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi",
        "htx": "hop tac xa", "thcs": "trung hoc co so", "thpt": "trung hoc pho thong", "cb": "can bo",
        "ko": "khong", "k": "khong", "kg": "khong", "hok": "khong", "khg": "khong", "dc": "duoc", "ng": "nguoi",
        "gd": "gia dinh", "vs": "voi", "j": "gi", "r": "roi", "tp": "thanh pho", "vv": "ve viec",
    }.items()
}  # fmt: skip

# Sentences of the letter's frame, recognised by their first folded tokens.
_FRAME_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(prefix.split())
    for prefix in (
        "cong hoa xa hoi chu nghia", "doc lap tu do hanh phuc", "kinh gui", "kinh thua", "kinh chao", "chao",
        "toi ten la", "ho ten", "ho va ten", "nam sinh", "sinh nam", "ngay sinh", "dia chi", "noi cu tru",
        "noi o", "cu tru tai", "tru tai", "dien thoai", "so dien thoai", "so can cuoc", "so cccd", "can cuoc",
        "so chung minh", "so dinh danh", "toi xin cam doan", "xin cam doan", "xin tran trong cam on",
        "xin chan thanh cam on", "toi xin chan thanh cam on", "toi xin tran trong cam on", "tran trong",
        "xin cam on", "cam on", "nguoi lam don", "nguoi viet don", "ky ten", "ky ghi ro ho ten", "can cu",
        "noi nhan", "gui kem", "kem theo", "noi dung don nhu sau", "rat mong nhan duoc", "kinh mong",
        "mong xa som", "noi dung don thuoc", "noi dung thuoc tham quyen", "don thuoc tham quyen",
        "thuoc tham quyen giai quyet",
    )
)  # fmt: skip
# Titles of the letter ("ĐƠN KHIẾU NẠI", "ĐƠN ĐỀ NGHỊ") when they make up a whole line.
_TITLE_WORDS = frozenset(
    {"don", "khieu", "nai", "to", "cao", "kien", "nghi", "de", "phan", "anh", "thu", "xin"}
)
_DATE_LINE = re.compile(r"\bngay \d+ thang \d+ nam \d+$")
# Cover texts of forwarding bodies: "... nhận được đơn của ông ...", "... kính chuyển đơn đến ...", "tổng hợp ý kiến
# của cử tri tại hội nghị tiếp xúc cử tri". Of such a sentence only what follows the first word that introduces the
# matter ("phản ánh việc ...", "đề nghị ...") is content, without the words of the cover itself.
_FORWARDING = (
    ("chuyen", "don"),
    ("nhan", "duoc", "don"),
    ("kinh", "chuyen"),
    ("tiep", "xuc", "cu", "tri"),
    ("tong", "hop", "y", "kien"),
)
_MATTER_VERBS = (
    ("phan", "anh"),
    ("ve", "viec"),
    ("khieu", "nai"),
    ("to", "cao"),
    ("de", "nghi"),
    ("kien", "nghi"),
    ("noi", "dung"),
)
_COVER_WORDS = frozenset(
    {
        "cu",
        "tri",
        "tiep",
        "xuc",
        "hoi",
        "nghi",
        "ky",
        "hop",
        "tong",
        "y",
        "kien",
        "chuyen",
        "don",
        "bao",
        "van",
    }
)
_MIN_COVER_WORDS = 3

# Function words and generic administrative words: a shingle made only of these carries no fact.
_STOP_WORDS = frozenset(
    {
        "toi", "chung", "ta", "minh", "la", "va", "cua", "cho", "da", "dang", "se", "duoc", "bi", "khong",
        "co", "nhung", "den", "nay", "de", "nghi", "xa", "uy", "ban", "nhan", "dan", "xem", "xet", "giai",
        "quyet", "theo", "quy", "dinh", "gia", "tai", "o", "ve", "viec", "cac", "nhieu", "mot", "voi", "trong",
        "thi", "ma", "vi", "neu", "khi", "tu", "ra", "vao", "len", "xuong", "lai", "con", "cung", "nhu",
        "nhat", "rat", "qua", "them", "hon", "do", "nen", "hay", "hoac", "tren", "duoi", "sau", "truoc",
        "ngay", "thang", "nam", "nguoi", "ong", "ba", "anh", "chi", "em", "ho", "cu", "kinh", "gui", "xin",
        "cam", "on", "tran", "thon", "kiem", "tra", "yeu", "cau", "som", "sinh", "hien", "van", "chua", "roi",
        "het", "can", "bo", "cap", "quan", "chuc", "nang", "thuc", "lien", "thong", "tin", "biet", "lam",
        "tham", "quyen", "phap", "luat",
    }
)  # fmt: skip


_ROAD_NUMBER = re.compile(r"\d{1,4}[a-z]?")


def expand(words: list[str]) -> list[str]:
    """Folded tokens with abbreviations expanded ("ubnd" -> "uy ban nhan dan", "ko" -> "khong")."""
    expanded: list[str] = []
    for i, word in enumerate(words):
        if word == "v" and i + 1 < len(words) and words[i + 1] == "v":
            continue  # "V/v" -> the second "v" becomes "vv"
        if word == "v" and i > 0 and words[i - 1] == "v":
            word = "vv"
        if word == "dt" and i + 1 < len(words) and _ROAD_NUMBER.fullmatch(words[i + 1]):
            expanded.append(word)  # "ĐT 307", a provincial road, not "điện thoại"
            continue
        expanded.extend(_ABBREVIATIONS.get(word, (word,)))
    return expanded


def _starts_with(words: list[str], prefix: tuple[str, ...]) -> bool:
    return tuple(words[: len(prefix)]) == prefix


def _is_self_introduction(sentence: str, words: list[str], sender: tuple[str, ...]) -> bool:
    """'Tôi là Nguyễn Văn Hùng, sinh năm ...' introduces the sender; 'Tôi là hàng xóm của ...' is content."""
    if not (_starts_with(words, ("toi", "la")) or _starts_with(words, ("toi", "ten"))):
        return False
    if sender and _contains(words, sender):
        return True
    raw = normalize(sentence).split()
    # Without a usable sender name: a capitalised word right after "Tôi là" starts a personal name, unless the
    # whole sentence is in capitals.
    return len(raw) > 2 and raw[2][:1].isupper() and sentence != sentence.upper()


def _contains(words: list[str], part: tuple[str, ...]) -> bool:
    return _find(words, part) >= 0


def _find(words: list[str], part: tuple[str, ...]) -> int:
    n = len(part)
    return next((i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == part), -1)


def _cover_matter(words: list[str]) -> list[str]:
    """What a body's cover sentence reports of the matter: the words after its first matter verb, without the
    cover's own words and numbers (dates, document numbers); nothing when that leaves too little."""
    starts = [i + len(verb) for verb in _MATTER_VERBS if (i := _find(words, verb)) >= 0]
    if not starts:
        return []
    rest = [w for w in words[min(starts) :] if w not in _COVER_WORDS and not w.isdigit()]
    return rest if sum(w not in _STOP_WORDS for w in rest) >= _MIN_COVER_WORDS else []


def _is_frame(words: list[str], sender: tuple[str, ...]) -> bool:
    if any(_starts_with(words, prefix) for prefix in _FRAME_PREFIXES):
        return True
    if set(words) <= _TITLE_WORDS:
        return True  # "ĐƠN ĐỀ NGHỊ"
    if sender and tuple(words) == sender:
        return True  # the signature
    if len(words) <= 6 and words[0] == "so" and any(word.isdigit() for word in words):
        return True  # "Số: 49/CV-MTTQ"
    return len(words) <= 12 and bool(_DATE_LINE.search(" ".join(words)))


_SENTENCE_MARK = "\u00a6"  # "¦": survives fold(), so one fold() call serves every sentence


def _content_sentences(content: str, sender: tuple[str, ...]) -> list[list[str]]:
    """Expanded folded tokens of each sentence of the content that is not part of the letter's frame."""
    raw = _SENTENCE_SPLIT.split((content or "").replace(_SENTENCE_MARK, " "))
    folded = fold(f" {_SENTENCE_MARK} ".join(raw)).split(_SENTENCE_MARK)
    kept: list[list[str]] = []
    for sentence, folded_sentence in zip(raw, folded, strict=True):
        words = strip_formulae(expand(_WORD.findall(folded_sentence)))
        if any(_contains(words, formula) for formula in _FORWARDING):
            words = _cover_matter(words)
        if words and not _is_frame(words, sender) and not _is_self_introduction(sentence, words, sender):
            kept.append(words)
    return kept


def _shingles_of(sentences: list[list[str]], n: int) -> frozenset[str]:
    shingles: set[str] = set()
    for words in sentences:
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if not all(word in _STOP_WORDS for word in gram):
                shingles.add(" ".join(gram))
    return frozenset(shingles)


def _words_of(sentences: list[list[str]]) -> frozenset[str]:
    return frozenset(word for words in sentences for word in words if word not in _STOP_WORDS)


def content_shingles(content: str, *, sender: tuple[str, ...] = (), n: int = SHINGLE_SIZE) -> frozenset[str]:
    """Return the content shingles of a petition (see the module docstring).

    ``sender`` is the folded name of the sender (:func:`name_tokens`); sentences introducing the sender and
    the signature are dropped so that two letters of one person do not look alike through their frame.
    Shingles never cross a sentence boundary, and shingles made only of function words and generic
    administrative words are dropped.
    """
    return _shingles_of(_content_sentences(content, sender), n)


def content_words(content: str, *, sender: tuple[str, ...] = ()) -> frozenset[str]:
    """Return the content vocabulary of a petition: its folded syllables other than function words and
    generic administrative words, after the same frame removal as :func:`content_shingles`.

    Comparing vocabularies tells whether two letters are about the same things (the same neighbour, plot,
    kiln, allowance) even when every sentence was rewritten.
    """
    return _words_of(_content_sentences(content, sender))


# The items of a body's summary: lines numbered "1.", "2)", bulleted "-", "+", "•", or each starting "Cử tri …".
_ITEM = re.compile(r"\n\s*(?=\d{1,2}\s*[.)/]\s|[-+•*]\s|(?i:cử tri|cu tri)\b)")


def summary_items(content: str, *, sender: tuple[str, ...] = ()) -> tuple[frozenset[str], ...]:
    """The content words of each item of a summary of several matters (a body's list of voters' opinions), or ()
    when the content has fewer than two items: each matter of the list is compared on its own, so that the three
    matters of one summary do not dilute one another."""
    items = [words for part in _ITEM.split(content or "") if (words := content_words(part, sender=sender))]
    return tuple(items) if len(items) >= 2 else ()

"""Duplicate detection for citizen petitions (DOMAIN.md §4.1, Design implications 16-17).

The same matter reaches a commune many times: the citizen re-sends the letter weeks later in other words,
sends it to three bodies at once, types it again on the portal without diacritics, or the Fatherland Front, a
newspaper or the provincial reception board forwards it with a cover note.  Intake must link those petitions
to the master case instead of opening new ones, and must *not* link the same person's other matters, or two
neighbours' land disputes written in the same administrative phrasing.

This module is the pure part of that check.  With a million stored petitions and a 50 ms budget it works in
three steps:

1. :func:`fingerprint` reduces a petition to normalised identity fields, its content shingles with a MinHash
   signature, and its content vocabulary.
2. :func:`blocking_keys` turns the fingerprint into a few (at most ``3 + BANDS``) short opaque strings.  The
   application stores them in an indexed table ``(key, petition_id)``; the candidates for a new petition are
   the petitions sharing at least one key, found by exact-match index look-ups, never by a scan.
3. :func:`score` compares the new petition with each (few) candidate exactly, :func:`is_duplicate` applies the
   thresholds and :func:`find_duplicates` ranks the result.

Two content measures
--------------------
Both start from the same cleaning.  The content is cut into sentences; the *frame* of a Vietnamese petition is
dropped (national motto, date line, "Kính gửi", the self-introduction with name, ID, address and phone,
"Tôi xin cam đoan", "Xin trân trọng cảm ơn", "Người làm đơn", the signature, "Căn cứ ..." citations and
forwarding formulae of cover notes), because every letter has it and a person's two letters share it whatever
they are about.  Common abbreviations are expanded (UBND, ko, đc, GCNQSDĐ ...).

* **Content similarity** (:attr:`Match.content_similarity`): how much of the *text* is the same.  The folded
  syllables of each sentence give 3-grams (:data:`SHINGLE_SIZE`); 3-grams made only of function words and
  generic administrative words ("đề nghị xã", "xem xét giải quyết") are ignored.  Syllable 3-grams are used
  because Vietnamese words are mostly two syllables: syllable 2-grams are roughly single words ("đất đai",
  "ranh giới") that every land dispute shares, while 3-grams capture word pairs and concrete facts; shingles
  never cross a sentence boundary, so reordered sentences keep their shingles.  The value is
  ``max(jaccard, CONTAINMENT_WEIGHT * containment)`` on the exact shingle sets, where containment is the
  share of the smaller set found in the larger (counted only when the smaller set has at least
  :data:`MIN_CONTAINMENT_SHINGLES` shingles).  Containment keeps a letter forwarded under a long cover note,
  or re-sent with a paragraph added, next to its original; the weight makes "near-identical" mean that at
  least 80% of the shorter letter is in the longer one.  The MinHash signature only estimates the Jaccard
  index for blocking; scores always use the exact sets.
* **Vocabulary similarity** (:attr:`Match.vocabulary_similarity`): the Jaccard index of the content words
  (syllables other than function and generic administrative words).  When a person rewrites a letter,
  nearly every 3-gram changes but the vocabulary stays: the neighbour's name, the plot, the kiln, the
  allowance, the amounts.  On the written test set the same person's re-worded letters share at least 31% of
  their vocabulary and the same person's other matters at most 23%, while their 3-gram similarity overlaps.

What counts as a duplicate
--------------------------
A duplicate is the *same matter raised again* (:func:`is_duplicate`):

* the same person (same citizen ID; or same phone with a compatible name; or same name in the same
  village) with vocabulary similarity >= :data:`SAME_PERSON_THRESHOLD`, or any content similarity that would
  make it a duplicate from anyone;
* the same name where one address lacks the village (identity only likely) with vocabulary similarity >=
  :data:`WEAK_PERSON_THRESHOLD`;
* anyone with near-identical content, content similarity >= :data:`ANYONE_THRESHOLD`: the same letter signed
  by a neighbour, sent to several bodies, forwarded by the Fatherland Front, a deputy or the press.

The same person writing about another matter shares little vocabulary and is not a duplicate.  Different
people writing about similar matters (two boundary disputes in one village, households using one template
for their own compensation claims) share phrases but not the facts: their containment stays below 80%.
Different people independently reporting the same matter in their own words (two neighbours complaining about
the same pig farm) are *not* found by these rules: without shared identity or text, their similarity is that
of any two complaints about pig farms.  Once one of them is linked to the master case, the officer sees the
case's other petitions; that is the limit of what text matching can do safely.
"""

import hashlib
import re
from base64 import b32encode
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from gandan.core.citizen_id import clean_citizen_id
from gandan.core.vntext import fold, normalize, tokens

__all__ = [
    "ANYONE_THRESHOLD",
    "BANDS",
    "CONTAINMENT_WEIGHT",
    "MIN_CONTAINMENT_SHINGLES",
    "NUM_PERMUTATIONS",
    "ROWS",
    "SAME_PERSON_THRESHOLD",
    "SHINGLE_SIZE",
    "WEAK_PERSON_THRESHOLD",
    "Fingerprint",
    "Match",
    "PetitionText",
    "address_places",
    "blocking_keys",
    "content_shingles",
    "content_words",
    "find_duplicates",
    "fingerprint",
    "is_duplicate",
    "minhash_signature",
    "name_tokens",
    "normalize_citizen_id",
    "normalize_phone",
    "score",
]

#: Syllables per content shingle (see the module docstring).
SHINGLE_SIZE = 3

#: LSH banding of the MinHash signature: BANDS bands of ROWS rows each (see :func:`blocking_keys`).
BANDS = 20
ROWS = 3
NUM_PERMUTATIONS = BANDS * ROWS

#: Vocabulary similarity that makes two petitions of the same person the same matter.
SAME_PERSON_THRESHOLD = 0.27
#: Vocabulary similarity needed when the identity is only likely (same name, one address lacks the village).
WEAK_PERSON_THRESHOLD = 0.40
#: Content similarity of a near-identical letter, a duplicate whoever sent it.
ANYONE_THRESHOLD = 0.60

#: Containment counts only when the smaller shingle set has at least this many shingles ...
MIN_CONTAINMENT_SHINGLES = 12
#: ... and is weighted so that ANYONE_THRESHOLD needs 80% of the shorter letter inside the longer one.
CONTAINMENT_WEIGHT = 0.75

_WORD = re.compile(r"[^\W_]+")  # the token definition of vntext.tokens, applied to unfolded text
_DIGEST_BYTES = 10  # 80 bits -> 16 base32 characters; no collisions in practice among ~25 million keys
_MERSENNE_61 = (1 << 61) - 1

Id = TypeVar("Id", bound=Hashable)


# --------------------------------------------------------------------------------------------------------------
# Input and fingerprint
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PetitionText:
    """The parts of a petition that duplicate detection looks at, as typed at intake."""

    citizen_id: str = ""
    phone: str = ""
    name: str = ""
    address: str = ""
    content: str = ""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Normalised identity and content of one petition (see :func:`fingerprint`).

    Attributes:
        citizen_id: 12 digits, or "" when absent or malformed.
        phone: 10-digit Vietnamese mobile number starting with 0, or "".
        name: folded name tokens without a leading title ("ông", "bà" ...).
        organisation: the sender is a body (Fatherland Front, newspaper, agency) forwarding the petition,
            so its name, phone and address say nothing about the citizen and are not used.
        places: folded place names of the address, most specific first (village, then commune), without
            house numbers, sub-village groups, districts and provinces.
        address: folded address tokens without administrative words ("thôn", "xã", "tỉnh" ...) and provinces.
        shingles: content 3-gram shingles (see the module docstring).
        words: content vocabulary (see the module docstring).
        signature: MinHash signature of the shingles, :data:`NUM_PERMUTATIONS` values (empty without content).
    """

    citizen_id: str = ""
    phone: str = ""
    name: tuple[str, ...] = ()
    organisation: bool = False
    places: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    shingles: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    signature: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """How one petition compares with another.

    Attributes:
        score: 0..1, for ranking: the content similarity, raised towards 1 by identity evidence in proportion
            to how related the vocabularies are.
        same_person: the identity evidence says both come from the same person.
        content_similarity: exact shingle similarity, 0..1 (see the module docstring).
        reasons: Vietnamese explanations for the intake officer.
        vocabulary_similarity: Jaccard index of the content vocabularies, 0..1.
        person_evidence: 1.0 same person, 0.5 same name with a partly matching address, 0.0 otherwise.
    """

    score: float
    same_person: bool
    content_similarity: float
    reasons: tuple[str, ...]
    vocabulary_similarity: float = 0.0
    person_evidence: float = 0.0


# --------------------------------------------------------------------------------------------------------------
# Identity normalisation
# --------------------------------------------------------------------------------------------------------------

# Old 11-digit mobile prefixes renumbered in 2018 (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile).
# Petitions and old records still carry them.
_OLD_MOBILE_PREFIXES = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip
_MOBILE = re.compile(r"^0[35789]\d{8}$")


def normalize_phone(raw: str) -> str:
    """Return the 10-digit national form of a Vietnamese mobile number, or "" if it is not one.

    Separators are dropped; the country code (``+84``, ``84``, ``0084``, ``(+84)``) becomes the leading 0, and
    the old 11-digit prefixes renumbered in 2018 (``0168`` -> ``038`` ...) are mapped to the new ones.  Only
    mobile numbers (``03``, ``05``, ``07``, ``08``, ``09``) are kept: 11-digit landlines belong to offices and
    households and are shared, and anything else is a typo we cannot match safely.
    """
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("0084"):
        digits = digits[4:] if digits[4:5] == "0" else "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12, 13):
        digits = digits[2:] if digits[2] == "0" else "0" + digits[2:]  # "+84 0912 ..." keeps one 0
    elif len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits  # "912 345 678" written without the trunk 0
    if len(digits) == 11 and digits[:4] in _OLD_MOBILE_PREFIXES:
        digits = _OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
    return digits if _MOBILE.match(digits) else ""


def normalize_citizen_id(raw: str) -> str:
    """Return the 12-digit personal identification number, or "" if ``raw`` is not one."""
    number = clean_citizen_id(raw)
    return number if re.fullmatch(r"\d{12}", number) and number != "0" * 12 else ""


# Titles written before a name.  Matched with their diacritics, because "Chu" and "Cù" are surnames while
# "chú" and "cụ" are titles; typed without diacritics, only the unambiguous "ong" and "ba" are dropped.
_TITLES = frozenset(
    {"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "dì", "thím", "công dân", "cử tri"}
)
_PLAIN_TITLES = frozenset({"ong", "ba", "cong dan"})
# Names of bodies that forward petitions.  Checked on the diacritic form first: a folded "bao" could be the
# personal name "Bảo", but "báo" is a newspaper.
_ORGANISATION_PREFIXES = (
    "ủy ban", "uỷ ban", "ubnd", "ubmttq", "mttq", "mặt trận", "báo ", "tòa soạn", "toà soạn", "ban ", "văn phòng",
    "thanh tra", "hội đồng", "hđnd", "hội ", "đoàn thanh niên", "đoàn đại biểu", "đoàn đbqh", "công an", "đài ", "tạp chí", "sở ", "phòng ", "trung tâm",
    "cơ quan", "đảng ủy", "đảng uỷ", "tổ chức", "công ty", "hợp tác xã", "trường ",
)  # fmt: skip
_ORGANISATION_FOLDED_PREFIXES = (
    "uy ban", "ubnd", "ubmttq", "mttq", "mat tran", "toa soan", "van phong", "thanh tra", "hoi dong", "hdnd",
    "cong an", "tap chi", "co quan", "dang uy", "cong ty", "hop tac xa", "ban tiep", "ban thuong truc",
    "ban ban doc", "bao phu tho", "bao nhan dan",
)  # fmt: skip


def _is_organisation(name: str) -> bool:
    lowered = normalize(name).casefold()
    folded = " ".join(tokens(name))
    return lowered.startswith(_ORGANISATION_PREFIXES) or folded.startswith(_ORGANISATION_FOLDED_PREFIXES)


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a personal name, without a leading title: "Ông NGUYỄN Văn Hùng" -> nguyen van hung.

    A title is dropped only when at least two tokens remain, so "bà Lan" stays as typed.
    """
    words = tokens(name)
    spelled = _WORD.findall(normalize(name).casefold())
    if len(spelled) != len(words):
        spelled = words
    while len(words) > 2:
        for size in (2, 1):
            if len(words) - size >= 2 and (
                " ".join(spelled[:size]) in _TITLES or " ".join(spelled[:size]) in _PLAIN_TITLES
            ):
                words, spelled = words[size:], spelled[size:]
                break
        else:
            break
    return tuple(words)


# --------------------------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------------------------

_HOUSE, _GROUP, _VILLAGE, _COMMUNE, _DISTRICT, _PROVINCE, _PLACE = range(7)

# Markers recognised anywhere in a component, with their spelling.  Folded, several are also syllables of
# place and personal names ("Phương Khoan", "Sơn Tịnh", "Quan Sơn", "Huyền"): with diacritics the spelling
# must match; typed without diacritics a marker cannot directly follow another ("xa Phuong Khoan").
_MARKERS: dict[tuple[str, ...], tuple[int, str]] = {
    ("thon",): (_VILLAGE, "thôn"),
    ("xom",): (_GROUP, "xóm"),
    ("to", "dan", "pho"): (_VILLAGE, "tổ dân phố"),
    ("khu", "pho"): (_VILLAGE, "khu phố"),
    ("xa",): (_COMMUNE, "xã"),
    ("phuong",): (_COMMUNE, "phường"),
    ("thi", "tran"): (_COMMUNE, "thị trấn"),
    ("huyen",): (_DISTRICT, "huyện"),
    ("quan",): (_DISTRICT, "quận"),
    ("thi", "xa"): (_DISTRICT, "thị xã"),
    ("thanh", "pho"): (_DISTRICT, "thành phố"),
    ("tp",): (_DISTRICT, "tp"),
    ("tinh",): (_PROVINCE, "tỉnh"),
}
# Markers recognised only at the start of a comma-separated component and followed by a number ("tổ 5",
# "số 12", "khu 3"): "Tô", "Khu" or "Đội" can be syllables of names.
_NUMBERED_MARKERS: dict[str, int] = {
    "so": _HOUSE,
    "nha": _HOUSE,
    "to": _GROUP,
    "doi": _GROUP,
    "cum": _GROUP,
    "khu": _VILLAGE,
}
# Markers recognised only at the start of a component and only when written with their diacritics:
# folded "lang" is also "Lãng" (Lãng Sơn, Lãng Công), "ban" also "Bàn".
_DIACRITIC_MARKERS: dict[str, int] = {"làng": _VILLAGE, "bản": _VILLAGE, "ấp": _VILLAGE}
# Words that qualify a unit rather than name it: "(cũ)", "(mới)".
_QUALIFIERS = frozenset({"cu", "moi"})

# Provinces and centrally-run cities, before and after the 2025 merger: an unmarked component equal to one of
# them is dropped like "tỉnh ...".  Compared with diacritics when the address has them: the village "Lãng Sơn"
# and the province "Lạng Sơn" fold to the same string.
_PROVINCE_NAMES = (
    "An Giang", "Bà Rịa Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Hồ Chí Minh",
    "TP HCM", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Việt Nam",
)  # fmt: skip
_PROVINCES_FOLDED = frozenset(fold(name) for name in _PROVINCE_NAMES)
_PROVINCES_MARKED = frozenset(normalize(name).casefold() for name in _PROVINCE_NAMES)


def _is_province(text: str, raw: str) -> bool:
    """Whether an unmarked address component names a province; ``raw`` is the component as typed."""
    if text not in _PROVINCES_FOLDED:
        return False
    spelled = " ".join(normalize(raw).casefold().replace(".", " ").split())
    return spelled.isascii() or spelled in _PROVINCES_MARKED


# Commas, semicolons, brackets, line breaks and free-standing dashes; not "/" ("số 12/3" is one house number).
_COMPONENT_SPLIT = re.compile(r"[,;()\[\]\n]|\s[-–—]\s|\s[-–—]|[-–—]\s")


def _marker_at(words: list[str], spelled: list[str], i: int, after_marker: bool) -> tuple[int, int] | None:
    """(length, kind) of the administrative marker starting at ``words[i]``, or None."""
    for marker, (kind, spelling) in _MARKERS.items():
        size = len(marker)
        if tuple(words[i : i + size]) != marker:
            continue
        typed = " ".join(spelled[i : i + size])
        if typed == spelling or (typed.isascii() and not after_marker):
            return size, kind
    if i == 0 and len(words) > 1:
        if words[0] in _NUMBERED_MARKERS and words[1].isdigit():
            return 1, _NUMBERED_MARKERS[words[0]]
        if spelled[0] in _DIACRITIC_MARKERS:
            return 1, _DIACRITIC_MARKERS[spelled[0]]
    return None


def _split_markers(words: list[str], spelled: list[str]) -> list[tuple[int, list[str]]]:
    """Split one comma-separated component into (kind, name tokens) units at the administrative markers.

    ``spelled`` are the same tokens with their diacritics, to tell "xã" from "Xa" and "phường" from "Phương".
    """
    units: list[tuple[int, list[str]]] = []
    kind, current = _PLACE, []
    i = 0
    while i < len(words):
        matched = _marker_at(words, spelled, i, after_marker=i > 0 and not current)
        if matched is None:
            current.append(words[i])
            i += 1
            continue
        if current:
            units.append((kind, current))
        kind, current = matched[1], []
        i += matched[0]
    if current:
        units.append((kind, current))
    return units


def _address_units(address: str) -> list[tuple[int, str]]:
    units: list[tuple[int, str, str]] = []
    for component in _COMPONENT_SPLIT.split(normalize(address)):
        words = tokens(component)
        spelled = _WORD.findall(component.casefold())
        if len(spelled) != len(words):
            spelled = words
        kept = [(word, typed) for word, typed in zip(words, spelled, strict=True) if word not in _QUALIFIERS]
        split = _split_markers([word for word, _ in kept], [typed for _, typed in kept])
        units.extend((kind, " ".join(name), component) for kind, name in split)
    # A province comes last: the first part of an address with more parts is never one ("Lãng Sơn, Yên Lãng").
    return [
        (
            _PROVINCE if kind == _PLACE and (i > 0 or len(units) == 1) and _is_province(text, raw) else kind,
            text,
        )
        for i, (kind, text, raw) in enumerate(units)
    ]


def address_places(address: str) -> tuple[str, ...]:
    """Folded place names of an address, most specific first, for comparing where two people live.

    Administrative words are dropped ("thôn Đồng Thịnh" -> "dong thinh"), as are house numbers, districts
    (abolished in 2025 but still written) and provinces, which are shared by far too many people to identify
    anyone.  Sub-village groups ("xóm 2", "tổ 5") are dropped when a village is given, since people write
    them inconsistently; without a village they stand in for it.  Unmarked parts are kept in order, because
    Vietnamese addresses run from the smallest unit to the largest: "Đồng Thịnh, Sông Lô, Phú Thọ" ->
    ("dong thinh", "song lo").
    """
    units = _address_units(address)
    has_village = any(kind in (_VILLAGE, _PLACE) for kind, _ in units)
    keep = {_VILLAGE, _PLACE, _COMMUNE} | (set() if has_village else {_GROUP})
    places: list[str] = []
    for kind, text in units:
        if kind in keep and text and text not in places:
            places.append(text)
    return tuple(places)


def _address_tokens(address: str) -> tuple[str, ...]:
    return tuple(word for kind, text in _address_units(address) if kind != _PROVINCE for word in text.split())


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
        "mong xa som",
    )
)  # fmt: skip
# Titles of the letter ("ĐƠN KHIẾU NẠI", "ĐƠN ĐỀ NGHỊ") when they make up a whole line.
_TITLE_WORDS = frozenset(
    {"don", "khieu", "nai", "to", "cao", "kien", "nghi", "de", "phan", "anh", "thu", "xin"}
)
_DATE_LINE = re.compile(r"\bngay \d+ thang \d+ nam \d+$")
# Cover notes of forwarding bodies: "... nhận được đơn của ông ...", "... chuyển đơn đến ...".
_FORWARDING = (("chuyen", "don"), ("nhan", "duoc", "don"))

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


def _expand(words: list[str]) -> list[str]:
    expanded: list[str] = []
    for i, word in enumerate(words):
        if word == "v" and i + 1 < len(words) and words[i + 1] == "v":
            continue  # "V/v" -> the second "v" becomes "vv"
        if word == "v" and i > 0 and words[i - 1] == "v":
            word = "vv"
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
    n = len(part)
    return any(tuple(words[i : i + n]) == part for i in range(len(words) - n + 1))


def _is_frame(words: list[str], sender: tuple[str, ...]) -> bool:
    if any(_starts_with(words, prefix) for prefix in _FRAME_PREFIXES):
        return True
    if set(words) <= _TITLE_WORDS:
        return True  # "ĐƠN ĐỀ NGHỊ"
    if sender and tuple(words) == sender:
        return True  # the signature
    if len(words) <= 6 and words[0] == "so" and any(word.isdigit() for word in words):
        return True  # "Số: 49/CV-MTTQ"
    if any(_contains(words, formula) for formula in _FORWARDING):
        return True
    return len(words) <= 12 and bool(_DATE_LINE.search(" ".join(words)))


_SENTENCE_MARK = "\u00a6"  # "¦": survives fold(), so one fold() call serves every sentence


def _content_sentences(content: str, sender: tuple[str, ...]) -> list[list[str]]:
    """Expanded folded tokens of each sentence of the content that is not part of the letter's frame."""
    raw = _SENTENCE_SPLIT.split((content or "").replace(_SENTENCE_MARK, " "))
    folded = fold(f" {_SENTENCE_MARK} ".join(raw)).split(_SENTENCE_MARK)
    kept: list[list[str]] = []
    for sentence, folded_sentence in zip(raw, folded, strict=True):
        words = _expand(_WORD.findall(folded_sentence))
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


def _permutations() -> tuple[tuple[int, int], ...]:
    """Fixed (a, b) parameters of the universal hashes h(x) = (a*x + b) mod (2^61 - 1), derived with BLAKE2b.

    Python's ``hash()`` is salted per process and must never be used: signatures are stored and compared
    across processes and years.
    """
    params = []
    for i in range(NUM_PERMUTATIONS):
        seed = hashlib.blake2b(f"gandan.duplicates.minhash.{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(seed[:8], "big") % (_MERSENNE_61 - 1) + 1
        b = int.from_bytes(seed[8:], "big") % _MERSENNE_61
        params.append((a, b))
    return tuple(params)


_PERMUTATIONS = _permutations()


def minhash_signature(shingles: Iterable[str]) -> tuple[int, ...]:
    """Return the MinHash signature of ``shingles`` (empty for an empty set); deterministic across processes."""
    values = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") % _MERSENNE_61
        for s in shingles
    ]
    if not values:
        return ()
    return tuple(min((a * x + b) % _MERSENNE_61 for x in values) for a, b in _PERMUTATIONS)


def fingerprint(p: PetitionText) -> Fingerprint:
    """Normalise a petition for :func:`blocking_keys` and :func:`score`."""
    organisation = _is_organisation(p.name) if p.name else False
    name = () if organisation else name_tokens(p.name)
    sentences = _content_sentences(p.content, name)
    shingles = _shingles_of(sentences, SHINGLE_SIZE)
    return Fingerprint(
        citizen_id=normalize_citizen_id(p.citizen_id),
        phone=normalize_phone(p.phone),
        name=name,
        organisation=organisation,
        places=() if organisation else address_places(p.address),
        address=() if organisation else _address_tokens(p.address),
        shingles=shingles,
        words=_words_of(sentences),
        signature=minhash_signature(shingles),
    )


# --------------------------------------------------------------------------------------------------------------
# Blocking keys
# --------------------------------------------------------------------------------------------------------------


def _digest(tag: bytes, data: str, secret: bytes) -> str:
    key = secret if len(secret) <= 64 else hashlib.blake2b(secret).digest()
    digest = hashlib.blake2b(data.encode(), digest_size=_DIGEST_BYTES, key=key, person=tag).digest()
    return b32encode(digest).decode().lower().rstrip("=")


def _name_key(name: tuple[str, ...]) -> str:
    """Surname and given name only: middle names are dropped, abbreviated or added between letters."""
    return f"{name[0]} {name[-1]}" if len(name) >= 2 else ""


def blocking_keys(fp: Fingerprint, *, secret: bytes = b"") -> frozenset[str]:
    """Return the keys under which the petition is stored, and looked up, in the duplicate-key table.

    Keys (at most ``3 + BANDS``, each at most 20 characters):

    * ``c:<digest>`` of the citizen ID, ``p:<digest>`` of the phone number, ``n:<digest>`` of surname, given
      name and the most specific place of the address (middle names vary between letters; the village keeps
      namesakes of other villages apart).  Identity values are hashed with keyed BLAKE2b so the key table does
      not expose them.  A 12-digit ID has only 10^12 values, so an *unkeyed* hash could be reversed by trying
      them all: the application should pass a ``secret`` (pepper) kept outside the database.  Changing the
      secret changes every key and needs a re-index.  Bodies forwarding a petition get no phone or name key:
      those are shared by every letter they forward.
    * ``b<i>:<digest>`` for each of the :data:`BANDS` bands of :data:`ROWS` MinHash values (locality-sensitive
      hashing).  Two petitions with content Jaccard index ``s`` share at least one band with probability
      ``1 - (1 - s**ROWS)**BANDS``.  With 20 bands of 3 rows this S-curve is 0.42 at s = 0.3, 0.81 at 0.4,
      0.93 at 0.5, 0.99 at 0.6 and ~1 above 0.7, and 0.02 at s = 0.1, 0.0025 at s = 0.05, 0 at s = 0 (most
      unrelated pairs once the letter frame is removed: 85% on the written test set).  So near-identical
      letters from anyone are found (forwarded copies have s >= 0.5 even under a long cover note), and
      re-worded letters of the same person, whose s can be low, are found through the identity keys.
      Rows = 2 would also catch s = 0.3 but let 5% of s = 0.05 pairs through; rows = 4 with 20 bands misses
      28% at s = 0.5.  Syllable 2-gram shingles gave the same precision and recall on the written set but
      twice the stray band collisions.

    Retrieval at scale.  On the written set 7 of 24,346 unrelated pairs shared a band; integrating the
    S-curve over their exact Jaccard indices predicts ~700 stray candidates per million stored petitions,
    inflated by the deliberately similar hard negatives of that set.  The application should therefore count
    the keys each candidate shares (``GROUP BY petition_id ORDER BY count(*) DESC``), keep every candidate with
    an identity key and cap band-only candidates (e.g. 50): a real copy shares several bands (4 on average at
    s = 0.6, all of them when identical) while a stray one rarely shares two.  Scoring needs the candidates'
    fingerprints: :func:`score` takes microseconds, :func:`fingerprint` milliseconds, so store them (or their
    shingles, words and identity fields) instead of recomputing them per look-up.
    """
    keys: set[str] = set()
    if fp.citizen_id:
        keys.add("c:" + _digest(b"gandan-dup-c", fp.citizen_id, secret))
    if not fp.organisation:
        if fp.phone:
            keys.add("p:" + _digest(b"gandan-dup-p", fp.phone, secret))
        name_key = _name_key(fp.name)
        if name_key:
            place = fp.places[0] if fp.places else ""
            keys.add("n:" + _digest(b"gandan-dup-n", f"{name_key}|{place}", secret))
    for band in range(BANDS if len(fp.signature) == NUM_PERMUTATIONS else 0):
        rows = fp.signature[band * ROWS : (band + 1) * ROWS]
        keys.add(f"b{band}:" + _digest(b"gandan-dup-b", ",".join(map(str, rows)), secret))
    return frozenset(keys)


# --------------------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------------------


def _names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """True for the same person's name, False for different names, None when either is unknown.

    Same surname and given name, and the middle names either equal or one missing or abbreviated
    ("Nguyễn Thị Lan", "Nguyễn T Lan", "Nguyễn Lan").
    """
    if len(a) < 2 or len(b) < 2:
        return None
    if a == b:
        return True
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a or not middle_b:
        return True
    if len(middle_a) != len(middle_b):
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(middle_a, middle_b, strict=True))


def _address_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """ "same" when the most specific places agree, "partial" when one's is among the other's, else ""."""
    if not a or not b:
        return ""
    if a[0] == b[0]:
        return "same"
    if a[0] in b or b[0] in a:
        return "partial"
    return ""


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def _content_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """max(Jaccard, weighted containment) of two shingle sets; see the module docstring."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    jaccard = common / (len(a) + len(b) - common)
    smaller = min(len(a), len(b))
    containment = common / smaller if smaller >= MIN_CONTAINMENT_SHINGLES else 0.0
    return max(jaccard, containment * CONTAINMENT_WEIGHT)


def _person_evidence(a: Fingerprint, b: Fingerprint) -> tuple[float, list[str]]:
    """(1.0 same person / 0.5 likely / 0.0, reasons) from the identity fields of two petitions.

    Different citizen IDs rule out the same person whatever else matches (two people of a household share a
    phone; namesakes live in one village).  A shared phone counts only when the names do not contradict it.
    """
    reasons: list[str] = []
    evidence = 0.0
    ids_conflict = bool(a.citizen_id and b.citizen_id and a.citizen_id != b.citizen_id)
    names = _names_compatible(a.name, b.name)
    if a.citizen_id and a.citizen_id == b.citizen_id:
        reasons.append("Cùng số căn cước")
        evidence = 1.0
    if a.phone and a.phone == b.phone and not a.organisation and not b.organisation:
        reasons.append("Cùng số điện thoại")
        if names is not False and not ids_conflict:
            evidence = 1.0
    if names:
        relation = _address_relation(a.places, b.places)
        if relation == "same":
            reasons.append("Cùng họ tên và địa chỉ")
            if not ids_conflict:
                evidence = 1.0
        elif relation == "partial":
            reasons.append("Cùng họ tên, địa chỉ gần trùng")
            if not ids_conflict:
                evidence = max(evidence, 0.5)
    if ids_conflict:
        reasons.append("Khác số căn cước")
    return evidence, reasons


def score(a: Fingerprint, b: Fingerprint) -> Match:
    """Compare two petitions: identity evidence, content and vocabulary similarity, reasons in Vietnamese.

    Symmetric: ``score(a, b) == score(b, a)``.
    """
    evidence, reasons = _person_evidence(a, b)
    content = _content_similarity(a.shingles, b.shingles)
    vocabulary = _jaccard(a.words, b.words)
    if content >= ANYONE_THRESHOLD:
        reasons.append(f"Nội dung gần trùng ({content:.0%})")
    elif vocabulary >= SAME_PERSON_THRESHOLD:
        reasons.append(f"Nội dung liên quan ({vocabulary:.0%} từ ngữ chung)")
    else:
        reasons.append(f"Nội dung khác nhau ({vocabulary:.0%} từ ngữ chung)")
    # Identity evidence lifts the score in proportion to how related the vocabularies are, so that the same
    # person's other matter stays low and a re-worded letter of the same person ranks with the copies.
    related = min(1.0, vocabulary / SAME_PERSON_THRESHOLD)
    result = content + (1.0 - content) * 0.6 * evidence * related
    return Match(
        score=round(min(1.0, max(0.0, result)), 4),
        same_person=evidence >= 1.0,
        content_similarity=round(content, 4),
        reasons=tuple(reasons),
        vocabulary_similarity=round(vocabulary, 4),
        person_evidence=evidence,
    )


def is_duplicate(m: Match) -> bool:
    """Tell whether a match is the same matter raised again (rules and thresholds in the module docstring)."""
    if m.content_similarity >= ANYONE_THRESHOLD:
        return True
    if m.same_person:
        return m.vocabulary_similarity >= SAME_PERSON_THRESHOLD
    return m.person_evidence > 0 and m.vocabulary_similarity >= WEAK_PERSON_THRESHOLD


def find_duplicates(
    new: Fingerprint,
    candidates: Iterable[tuple[Id, Fingerprint]],
    limit: int = 10,
    *,
    include_weak: bool = False,
) -> list[tuple[Id, Match]]:
    """Score ``candidates`` against ``new`` and return the duplicates, best first, at most ``limit``.

    With ``include_weak`` the list also holds related petitions that are not duplicates (the same person on
    another matter; a related vocabulary from someone else, e.g. a neighbour about the same pig farm), after
    the duplicates, for the officer to judge.
    """
    found: list[tuple[bool, Id, Match]] = []
    for key, candidate in candidates:
        match = score(new, candidate)
        duplicate = is_duplicate(match)
        if duplicate or (
            include_weak
            and (match.person_evidence > 0 or match.vocabulary_similarity >= SAME_PERSON_THRESHOLD)
        ):
            found.append((duplicate, key, match))
    found.sort(key=lambda item: (not item[0], -item[2].score))
    return [(key, match) for _, key, match in found[:limit]]

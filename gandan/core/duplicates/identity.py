"""Duplicate detection: normalisation of a petition's identity fields for matching, i.e. the citizen ID, the
mobile phone number, the personal name without titles, whether the sender is a body forwarding the petition,
and the place names of the address.  The design is described in the docstring of the package,
:mod:`gandan.core.duplicates`.
"""

import re

from gandan.core.citizen_id import clean_citizen_id
from gandan.core.vntext import fold, normalize, tokens

_WORD = re.compile(r"[^\W_]+")  # the token definition of vntext.tokens, applied to unfolded text


# --------------------------------------------------------------------------------------------------------------
# Identity normalisation
# --------------------------------------------------------------------------------------------------------------


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
    current: list[str] = []
    kind = _PLACE
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


def address_household(address: str) -> tuple[str, ...]:
    """The address below the village, which tells one household from the village's others: "house:27" for a house
    number ("Số 27, thôn Thượng Lạp"), "group:3" for a sub-village group ("xóm 3", "tổ 5", "đội 2").

    Empty when the address gives only the village: then nothing tells two households of it apart.
    """
    details: list[str] = []
    for kind, text in _address_units(address):
        detail = {_HOUSE: "house", _GROUP: "group"}.get(kind)
        if detail and text and f"{detail}:{text}" not in details:
            details.append(f"{detail}:{text}")
    return tuple(details)

"""Duplicate detection: what a petition is about, as features a clerk compares at a glance (issue #13).

Two letters in different words are about the same matter when they name the same concrete thing: the same plot
("thửa đất số 57, tờ bản đồ số 15"), the same decision ("Quyết định số 1452/QĐ-UBND"), the same named road, canal,
bridge, farm, kiln, quarry, company or school ("đường ĐT 307", "trại lợn ông Lực", "Công ty TNHH Thành Nam"). Two
letters naming *different* plots are, just as plainly, about different matters, however alike their words.

:func:`matter_features` reads them from the text as typed (the capitals tell a proper name from a common word; a text
typed without capitals still gives its numbers and road codes), besides the weaker details: the villages named, the
allowance or programme concerned (through the opinion module's terms, :mod:`gandan.core.vnnlp`), amounts of money,
areas and years. The design of the whole check is in the docstring of the package, :mod:`gandan.core.duplicates`.
"""

import re

from gandan.core.duplicates.comparison import OPERATED_KINDS, canonical_object
from gandan.core.duplicates.model import MatterFeatures
from gandan.core.vnnlp.names import FAMILY_NAMES
from gandan.core.vnnlp.syllables import aligned, fold_fast
from gandan.core.vntext import normalize

# --------------------------------------------------------------------------------------------------------------
# Plots and documents (on the folded text)
# --------------------------------------------------------------------------------------------------------------

_PLOT = re.compile(r"\bthua(?:\s+dat)?(?:\s+so)?\s*:?\s*(\d{1,5})\b")
_SHEET = re.compile(r"\bto(?:\s+ban\s+do)?(?:\s+dia\s+chinh)?(?:\s+so)?\s*:?\s*(\d{1,4})\b")
_SHEET_WINDOW = 45  # characters between a plot number and its map sheet ("thửa đất số 57, tờ bản đồ số 15")

# "1452/QĐ-UBND", "số 1452/2025/QĐ-UBND", "Quyết định 1452", "Thông báo số 45/TB-UBND".
_DOCUMENT = re.compile(r"\b(\d{1,6})\s*/\s*(?:\d{4}\s*/\s*)?(qd|tb|cv|kl|bb|ubnd)\b")
_DECISION_WORDS = re.compile(r"\b(?:quyet\s+dinh|qd)(?:\s+so)?\s*:?\s*(\d{1,6})\b")


def _plots(folded: str) -> tuple[str, ...]:
    found: list[str] = []
    for plot in _PLOT.finditer(folded):
        after = _SHEET.search(folded, plot.end(), plot.end() + _SHEET_WINDOW)
        before = list(_SHEET.finditer(folded, max(0, plot.start() - _SHEET_WINDOW), plot.start()))
        sheet = after.group(1) if after else (before[-1].group(1) if before else "")
        key = f"{int(plot.group(1))}/{int(sheet) if sheet else ''}"
        if key not in found:
            found.append(key)
    # A plot named once with its sheet and once without is one plot.
    with_sheet = {key.split("/")[0] for key in found if not key.endswith("/")}
    return tuple(key for key in found if not (key.endswith("/") and key[:-1] in with_sheet))


def _decisions(folded: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _DOCUMENT.finditer(folded):
        kind = "qd" if match.group(2) in ("qd", "ubnd") else match.group(2)
        found.append(f"{int(match.group(1))}/{kind}")
    for match in _DECISION_WORDS.finditer(folded):
        found.append(f"{int(match.group(1))}/qd")
    return tuple(dict.fromkeys(found))


# --------------------------------------------------------------------------------------------------------------
# Named objects (on the text as typed, aligned with its folded form)
# --------------------------------------------------------------------------------------------------------------

# Kind of object -> the words that introduce it, spelled with their marks ("trại lợn", "lò gạch"). Folded, many are
# other words too ("cho" is "chợ" and "cho", "trai" is "trại" and "trai", "lo" is "lò", "lo" and "Lô"): in a text with
# diacritics the spelling must match; in one typed without, only introducers of two words or more count.
_OBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "road": ("tuyến đường", "đường liên thôn", "đường liên xã", "đường trục", "đường", "ngõ"),
    "canal": ("kênh mương", "mương thủy lợi", "cống tiêu", "cống thoát nước", "cống", "kênh", "mương"),
    "bridge": ("cầu",),
    "farm": ("trang trại chăn nuôi", "trang trại", "trại lợn", "trại gà", "trại bò", "trại vịt", "trại"),
    "kiln": ("lò gạch thủ công", "lò gạch", "lò vôi", "lò than", "lò đốt rác", "lò mổ", "lò"),
    "quarry": ("mỏ đá", "mỏ cát", "mỏ sét", "mỏ", "bãi cát", "bãi khai thác", "bãi rác", "bến cát"),
    "company": ("công ty", "doanh nghiệp", "nhà máy", "xưởng", "cơ sở", "hợp tác xã"),
    "school": ("trường",),
    "market": ("chợ",),
    "venue": ("quán karaoke", "quán hát", "quán cà phê", "quán nhậu", "quán", "nhà hàng", "cửa hàng", "tiệm"),
    "project": ("cụm công nghiệp", "khu công nghiệp", "dự án", "khu đô thị", "khu tái định cư"),
    "water": ("suối", "sông", "hồ chứa", "đập", "trạm bơm"),
}
# Proper names that may start with a capital mid-sentence as part of the name ("Công ty", "Trường THCS").
_CAPITALISED_KINDS = frozenset({"company", "school", "market", "project"})
_INTRODUCERS = sorted(
    (
        (tuple(fold_fast(words).split()), words, kind)
        for kind, options in _OBJECT_WORDS.items()
        for words in options
    ),
    key=lambda entry: -len(entry[0]),
)
_INTRODUCERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _entry in _INTRODUCERS:
    _INTRODUCERS_BY_FIRST.setdefault(_entry[0][0], []).append(_entry)
# Words between the kind and the owner's or proper name: "trại lợn *của hộ ông* Lực", "lò gạch *thủ công nhà* Đức".
_FILLER_TEXT = (
    "cua nha ho ong ba anh chi co chu bac gia dinh thu cong chan nuoi tu nhan lon ga bo vit gach da cat so"
)
_FILLERS = frozenset(_FILLER_TEXT.split(" "))
_PERSON_TITLES = frozenset({"ong", "ba", "anh", "chi", "co", "chu", "bac", "ho", "nha"})
# Legal forms and trades dropped from a company's name: "Công ty Cổ phần Khoáng sản Đông Bắc" is "Đông Bắc".
_COMPANY_WORDS = re.compile(
    r"\b(?:tnhh|mtv|mot thanh vien|co phan|cp|khoang san|chan nuoi|xay dung|thuong mai|dich vu|dau tu|"
    r"phat trien|vat lieu|san xuat|tu nhan|cong nghiep|che bien|ky thuat|moi truong|nong nghiep|khai thac da|"
    r"khai thac|va)\b"
)
_COMPANY_INNER_TEXT = (
    "tnhh mtv mot thanh vien co phan khoang san chan nuoi xay dung thuong mai dich vu dau tu phat trien vat lieu "
    "xuat nhan cong nghiep che bien khai thac da va"
)
_COMPANY_INNER = frozenset(_COMPANY_INNER_TEXT.split(" "))
_SCHOOL_LEVELS = frozenset({"thcs", "thpt", "tieu hoc", "mam non", "mau giao", "trung hoc co so"})
# Words of a school's level, in lower case within its name ("Trường Mầm non Tam Sơn", "Trường Tiểu học và THCS …").
_SCHOOL_INNER = frozenset(
    ["mam", "non", "tieu", "hoc", "trung", "co", "so", "pho", "thong", "mau", "giao", "va"]
)
# The words a school's name starts with after "Trường" ("Trường Tiểu học Yên Thạch", "Trường THCS Lãng Công").
_SCHOOL_NAMES = (
    "thcs",
    "thpt",
    "tieu hoc",
    "mam non",
    "mau giao",
    "trung hoc",
    "pho thong",
    "ptdt",
    "th ",
    "dai hoc",
)
_FAMILY_FOLDED = frozenset(fold_fast(name) for name in FAMILY_NAMES)
# Road codes: "ĐT 307", "ĐT307", "QL2C", "đường tỉnh 307", "tỉnh lộ 307", "quốc lộ 2C", "ĐH 12".
_ROAD_CODE = re.compile(
    r"\b(?:(dt|ql|dh|tl)\s*\.?\s*(\d{1,4}[a-z]?)|(duong tinh|tinh lo|quoc lo|duong huyen|huyen lo)\s+(\d{1,4}[a-z]?))\b"
)
_ROAD_PREFIX = {
    "tl": "dt",
    "duong tinh": "dt",
    "tinh lo": "dt",
    "quoc lo": "ql",
    "duong huyen": "dh",
    "huyen lo": "dh",
}
_ROAD_LABEL = {"dt": "ĐT", "ql": "QL", "dh": "ĐH"}
_WORDS = re.compile(r"[a-z0-9]+")
_ONE_CLAUSE = re.compile(r"(?:[a-z0-9]+ )+")
_PLACE_MARKERS = frozenset({"thon", "xom", "xa", "lang", "khu", "phuong", "huyen", "tinh", "ban", "ap"})
_PLACE_WORDS = re.compile(r"\b(thon|xom|lang|khu|xu dong|to dan pho)[ \t]+")
# Folded, "lang" is also "Lãng" (Yên Lãng, Lãng Công): typed with marks, only "làng" is a village's marker.
_VILLAGE_MARKER_SPELLING = {"lang": "làng"}


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _shouting(raw: str) -> bool:
    """Capitals say nothing of names in a text in capitals throughout, or typed without any."""
    letters = sum(map(str.isalpha, raw))
    return not letters or sum(map(str.isupper, raw)) * 2 > letters or raw == raw.lower()


def _proper_name(
    raw: str, folded: str, start: int, *, shouting: bool, inner: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """(folded name, name as typed) of the capitalised words from ``start`` on ("Thành Nam", "ĐT 307", "Gò Chè -
    Tân Tiến"); ("", "") when there are none. Words of ``inner`` may be in lower case within the name ("Công ty Cổ
    phần Khoáng sản Đông Bắc"). Shouting, only words with digits count (codes, numbers)."""
    words: list[re.Match[str]] = []
    position = start
    for match in _WORDS.finditer(folded, start):
        if folded[position : match.start()].strip(" -") != "" or len(words) == 7:
            break
        typed = raw[match.start() : match.end()]
        digits = any(c.isdigit() for c in typed)
        if digits or (not shouting and _is_capitalised(typed)) or match.group() in inner:
            words.append(match)
        else:
            break
        position = match.end()
    while (
        words and words[-1].group() in inner and not _is_capitalised(raw[words[-1].start() : words[-1].end()])
    ):
        words.pop()
    if not words:
        return "", ""
    return " ".join(w.group() for w in words), raw[start : words[-1].end()]


def _introducer_at(raw: str, tokens: list[re.Match[str]], i: int, plain: bool) -> tuple[int, str] | None:
    """(size, kind) of the object introducer starting at ``tokens[i]``, or None."""
    for folded_words, spelled, kind in _INTRODUCERS_BY_FIRST.get(tokens[i].group(), ()):
        size = len(folded_words)
        if tuple(t.group() for t in tokens[i : i + size]) != folded_words:
            continue
        typed = raw[tokens[i].start() : tokens[i + size - 1].end()]
        if plain:
            if size >= 2 or (kind == "school" and _school_level_at(tokens, i + 1)):
                return size, kind  # "truong THCS Lang Cong": a level after it says it is a school
            continue
        if typed.lower() != spelled:
            continue
        if (
            typed[0].isupper()
            and kind not in _CAPITALISED_KINDS
            and raw[max(0, tokens[i].start() - 20) : tokens[i].start()].rstrip(" \t")[-1:]
            not in ("", ".", "\n", ":", "!", "?", ";")
        ):
            continue  # "Lò Văn Sinh", "Sông Lô": a name, not a kiln or a river
        return size, kind
    return None


def _school_level_at(tokens: list[re.Match[str]], i: int) -> bool:
    following = " ".join(t.group() for t in tokens[i : i + 3]) + " "
    return any(following.startswith(level + " ") or following.startswith(level) for level in _SCHOOL_NAMES)


def _plain_lines(raw: str) -> list[tuple[int, bool]]:
    """(end, typed without marks) of each line: a portal message under a subject typed with marks is still plain."""
    lines, start = [], 0
    for line in raw.split("\n"):
        start += len(line) + 1
        lines.append((start, line.isascii()))
    return lines


def _objects(raw: str, folded: str, shouting: bool) -> tuple[tuple[str, str], ...]:
    lines = _plain_lines(raw)
    found: dict[str, str] = {}
    for code in _ROAD_CODE.finditer(folded):
        prefix = _ROAD_PREFIX.get(code.group(1) or code.group(3), code.group(1) or code.group(3))
        number = code.group(2) or code.group(4)
        found.setdefault(f"road:{prefix} {number}", f"đường {_ROAD_LABEL[prefix]} {number.upper()}")
    tokens = list(_WORDS.finditer(folded))
    line = 0
    for i in range(len(tokens)):
        while tokens[i].start() >= lines[line][0]:
            line += 1
        plain = lines[line][1]
        introducer = _introducer_at(raw, tokens, i, plain)
        if introducer is None:
            continue
        size, kind = introducer
        j, owner = i + size, False
        while j < len(tokens) and j - i - size < 4 and tokens[j].group() in _FILLERS:
            if _is_capitalised(raw[tokens[j].start() : tokens[j].end()]) and not shouting:
                break
            owner = owner or tokens[j].group() in _PERSON_TITLES
            j += 1
        if (
            i > 0
            and tokens[i - 1].group() in _PLACE_MARKERS
            and not folded[tokens[i - 1].end() : tokens[i].start()].strip()
        ):
            continue  # "thôn Trường Xuân", "xã Đồng Mỏ": a place named like an object (not "Kính gửi xã. Trại lợn …")
        if j >= len(tokens) or not _ONE_CLAUSE.fullmatch(folded[tokens[i].start() : tokens[j].start()]):
            continue  # the name must follow in the same clause, one space between words ("công ty. Thực tế": no)
        if _introducer_at(raw, tokens, j, plain) is not None or _ROAD_CODE.match(folded, tokens[j].start()):
            continue  # "trại lợn của Công ty X", "dự án Cụm công nghiệp Y", "đường ĐT 307": found on their own
        inner = _COMPANY_INNER if kind == "company" else _SCHOOL_INNER if kind == "school" else frozenset()
        name, typed = _proper_name(raw, folded, tokens[j].start(), shouting=shouting, inner=inner)
        if kind == "school" and _a_place_named_truong(raw, tokens[i], name):
            continue  # "từ Trường Xuân đi Hoành Sơn": a village named Trường ..., not a school
        key = _object_key(kind, name, owner=owner)
        if key:
            found.setdefault(key, raw[tokens[i].start() : tokens[j].start()] + typed)
        elif kind in ("farm", "kiln") and not shouting:
            owned = _owner_before(raw, tokens[i].start())
            if owned:
                found.setdefault(
                    f"{kind}:{fold_fast(owned.split()[-1])}",
                    f"{raw[tokens[i].start() : tokens[i + size - 1].end()]} của {owned}",
                )
    return tuple(found.items())


# "hộ ông Kha Văn Bảy vẫn đốt 2 lò gạch": the owner named before the kiln or the farm, in the same sentence.
_OWNER_BEFORE = re.compile(
    r"(?i:\b(?:hộ|nhà|gia đình)\s+(?:ông|bà|anh|chị|cô|chú)\s+)((?:[^\W\d_]+[ \t]+){0,3}[^\W\d_]+)"
)
_OWNER_WINDOW = 80


def _owner_before(raw: str, start: int) -> str:
    """The owner's name, as typed, named with a household word and a title shortly before ``start``, or ""."""
    before = raw[max(0, start - _OWNER_WINDOW) : start]
    before = re.split(r"[.!?;\n]", before)[-1]
    owners = list(_OWNER_BEFORE.finditer(before))
    if not owners:
        return ""
    words = []
    for word in owners[-1].group(1).split():
        if not _is_capitalised(word):
            break
        words.append(word)
    return " ".join(words)


def _a_place_named_truong(raw: str, token: re.Match[str], name: str) -> bool:
    """A capital "Trường" inside a sentence, not followed by a school's level, starts a place's name ("Trường
    Xuân", "Trường Sinh"): a school is "trường Tiểu học …", "Trường THCS …", "trường Yên Thạch"."""
    typed = raw[token.start() : token.end()]
    before = raw[max(0, token.start() - 20) : token.start()].rstrip(" \t")[-1:]
    return (
        typed[:1].isupper()
        and before not in ("", ".", "\n", ":", "!", "?", ";")
        and not any(name.startswith(level) for level in _SCHOOL_NAMES)
    )


def _object_key(kind: str, name: str, *, owner: bool) -> str:
    words = name.split()
    if not words:
        return ""
    if kind in ("farm", "kiln") and (owner or (len(words) >= 2 and words[0] in _FAMILY_FOLDED)):
        # A person's farm or kiln is known by the owner's given name: "trại lợn ông Lực", "của ông Phan Văn Lực".
        return f"{kind}:{words[-1]}"
    if kind == "company":
        words = (_COMPANY_WORDS.sub(" ", name).split() or words)[-2:]
    if len(words) == 1 and not any(c.isdigit() for c in words[0]) and kind in ("road", "canal", "bridge"):
        return ""  # "đường Làng", "cầu Máng" alone: too vague without the village
    if len(words) == 1 and words[0].isdigit() and kind in ("canal", "bridge"):
        return ""  # "kênh số 1", "cống số 2": every commune has one
    if kind == "school" and (" ".join(words) in _SCHOOL_LEVELS or not any(w.isalpha() for w in words)):
        return ""  # "trường THCS": which one? "Trường thu 1,5 triệu": not a name
    return f"{kind}:{' '.join(words)}"


def _villages(raw: str, folded: str, shouting: bool) -> dict[str, str]:
    """Folded names of the villages and hamlets named -> as typed with their marker ("thôn Gò Gạo")."""
    found: dict[str, str] = {}
    for marker in _PLACE_WORDS.finditer(folded):
        spelled = _VILLAGE_MARKER_SPELLING.get(marker.group(1))
        typed_marker = raw[marker.start(1) : marker.end(1)]
        if spelled and not typed_marker.isascii() and typed_marker.lower() != spelled:
            continue
        name, typed = _proper_name(raw, folded, marker.end(), shouting=shouting)
        if not name:
            continue
        marked = raw[marker.start() : marker.end()] + typed
        if name.isdigit():
            found.setdefault(f"{marker.group(1)} {name}", marked)  # "xóm 3", "khu 5"
            continue
        parts = [part.strip() for part in typed.split("-")]
        if len(parts) == 1:
            found.setdefault(name, marked)
            continue
        # "liên thôn Trường Xuân - Hoành Sơn": two villages, each named on its own elsewhere.
        for part in parts:
            one = " ".join(_WORDS.findall(fold_fast(part)))
            if one:
                found.setdefault(one, part)
    return found


# --------------------------------------------------------------------------------------------------------------
# Programmes, amounts, areas, years
# --------------------------------------------------------------------------------------------------------------

# Programmes, allowances and procedures, by the folded words that name them (the phrases the opinion module's
# lexicon joins, gandan.core.vnnlp.lexicon.CANONICAL, plus the allowances).
_PROGRAMMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{words})\b"))
    for kind, words in (
        ("ho_ngheo", "ho ngheo|can ngheo"),
        ("nguoi_co_cong", "nguoi co cong|liet si|thuong binh|benh binh"),
        ("tro_cap", "tro cap|bao tro xa hoi|nguoi cao tuoi|khuyet tat"),
        ("so_do", "so do|so hong|giay chung nhan quyen su dung|gcn ?qsdd|qsdd"),
        ("boi_thuong", "boi thuong|den bu|giai phong mat bang|gpmb|tai dinh cu|thu hoi dat"),
        ("hoc_phi", "hoc phi|khoan thu|quy phu huynh|quy lop"),
        ("bhyt", "bao hiem y te|bhyt|the bao hiem"),
    )
)

_AMOUNT = re.compile(
    r"\b(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(trieu|nghin|ngan|dong|vnd|d|k|ty)\b(?:\s*(\d{1,3}|ruoi)\b)?"
)
_AREA = re.compile(r"\b(\d+(?:[.,]\d+)?)\s*(m2|met vuong|ha|sao)\b")
_YEAR = re.compile(r"(?<!sinh nam )(?<!nam sinh )(?<!sinh )\b(19[5-9]\d|20[0-4]\d)\b")
_SCALE = {"trieu": 1_000_000, "nghin": 1_000, "ngan": 1_000, "k": 1_000, "ty": 1_000_000_000}


def _number(text: str, *, grouped: bool) -> float:
    if grouped:
        return float(text.replace(".", "").replace(",", ""))
    return float(text.replace(",", "."))


def _details(folded: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _AMOUNT.finditer(folded):
        digits, unit = match.group(1), match.group(2)
        grouped = bool(re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits))
        value = _number(digits, grouped=grouped) * _SCALE.get(unit, 1)
        if match.group(3) == "ruoi" and unit in _SCALE:  # "1 triệu rưỡi" = 1,500,000
            value += _SCALE[unit] // 2
        elif unit == "trieu" and match.group(3):  # "1 triệu 200" = 1,200,000
            value += int(match.group(3)) * 1_000
        if value >= 10_000:
            found.append(f"vnd:{int(value)}")
    for match in _AREA.finditer(folded):
        grouped = bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})+", match.group(1)))
        unit = "m2" if match.group(2) in ("m2", "met vuong") else match.group(2)
        found.append(f"{unit}:{_number(match.group(1), grouped=grouped):g}")
    found.extend(f"y:{year}" for year in _YEAR.findall(folded))
    return tuple(dict.fromkeys(found))


# Kinds of trouble a letter complains of, by the folded words that say them. Two letters of one sender whose troubles
# are all different are two matters, however close the place ("the road's lights", then "the road's drains").
_TROUBLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{words})\b"))
    for kind, words in (
        ("pollution", "o nhiem|mui hoi|hoi thoi|nuoc thai|xa thai|chat thai|khoi bui|khoi den|bui ban"),
        ("boundary", "ranh gioi|lan chiem|lan dat|lan sang|moc gioi|tranh chap dat|tranh chap ranh"),
        ("noise", "tieng on|on ao|karaoke|loa keo|mo loa"),
        ("lighting", "den chieu sang|den duong|bong den"),
        ("drainage", "ranh thoat nuoc|thoat nuoc|ngap ung|ngap nuoc|nuoc tran"),
        (
            "fees",
            "khoan thu|thu tien|dong gop|quy phu huynh|hoc phi|lam thu|gop tien|tien gop|nhan dan gop",
        ),
        (
            "conduct",
            "thai do|xuc pham|nhung nhieu|gay kho khan|hach dich|danh hoc sinh|phat hoc sinh|doi tien",
        ),
        ("poverty", "ho ngheo|can ngheo"),
        ("allowance", "tro cap|bao tro xa hoi|nguoi co cong|khuyet tat|nguoi cao tuoi"),
        ("certificate", "so do|cap giay chung nhan|giay chung nhan quyen su dung"),
        ("compensation", "boi thuong|den bu|giai phong mat bang|tai dinh cu|kiem dem"),
        (
            "road_damage",
            "o ga|o voi|xuong cap|bong troc|sut lun|lun dan|lun sau|lun xuong|lun thanh|hu hong mat duong|vo nat",
        ),
        (
            "irrigation",
            "kenh tuoi|muong tuoi|nuoc tuoi|tuoi tieu|thuy loi|tram bom|kenh dan nuoc|muong dan nuoc|muong xay|"
            "vo bo kenh|vo kenh|vo muong",
        ),
        (
            "public_land",
            # not "đất công nghiệp", "đặt cống thoát nước", "chiếm dụng tiền hỗ trợ"
            "dat cong(?! nghiep| trinh| thoat| tieu| qua| ngang)|chiem dung(?! tien| von| kinh phi)",
        ),
        ("power_line", "cot dien|day dien|tram bien ap"),
        ("water_supply", "nuoc sinh hoat|nuoc sach|nuoc may|mat nuoc"),
        ("sand", "hut cat|khai thac cat|tau cat"),
        ("building", "xay dung trai phep|xay dung khong phep|xay nha trai phep|xay trai phep"),
        ("housing", "nha tam|nha dot nat|xoa nha tam"),
        ("blasting", "no min|nut nha|nut tuong"),
        ("waste", "rac thai|bai rac|do rac|phe thai|thu gom rac|xe rac|nuoc rac|de rac|diem tap ket rac"),
    )
)


#: How a reason names a kind of trouble ("Cùng phản ánh rác thải ở thôn Hải Tiến").
TROUBLE_LABELS = {
    "pollution": "ô nhiễm", "boundary": "ranh giới đất", "noise": "tiếng ồn", "lighting": "đèn chiếu sáng",
    "drainage": "thoát nước, ngập úng", "fees": "các khoản thu, đóng góp", "conduct": "thái độ cán bộ",
    "poverty": "hộ nghèo", "allowance": "trợ cấp", "certificate": "giấy chứng nhận đất", "compensation": "bồi thường",
    "road_damage": "đường hư hỏng", "power_line": "đường điện", "water_supply": "nước sinh hoạt",
    "sand": "khai thác cát", "building": "xây dựng trái phép", "housing": "nhà ở", "blasting": "nổ mìn, nứt nhà",
    "waste": "rác thải", "irrigation": "kênh mương tưới", "public_land": "đất công",
}  # fmt: skip
TROUBLE_LABELS_EN = {
    "pollution": "pollution", "boundary": "land boundaries", "noise": "noise", "lighting": "street lighting",
    "drainage": "drainage, flooding", "fees": "fees and contributions", "conduct": "officials' conduct",
    "poverty": "poor households", "allowance": "allowances", "certificate": "land certificates",
    "compensation": "compensation", "road_damage": "damaged roads", "power_line": "power lines",
    "water_supply": "drinking water", "sand": "sand mining", "building": "illegal building", "housing": "housing",
    "blasting": "blasting, cracked houses", "waste": "waste", "irrigation": "irrigation canals",
    "public_land": "public land",
}  # fmt: skip

#: Troubles a whole village suffers together, which other villagers' letters on them share: not a household's own
#: claim (its compensation, its poor-household status, its certificate), which is its own matter.
COMMUNAL_TROUBLES = frozenset(
    {"pollution", "noise", "lighting", "drainage", "road_damage", "water_supply", "sand", "waste", "blasting",
     "power_line", "fees", "building", "irrigation", "public_land"}
)  # fmt: skip


def _troubles(folded: str) -> tuple[str, ...]:
    return tuple(kind for kind, pattern in _TROUBLES if pattern.search(folded))


def _programmes(folded: str) -> tuple[str, ...]:
    return tuple(kind for kind, pattern in _PROGRAMMES if pattern.search(folded))


def matter_features(text: str) -> MatterFeatures:
    """The concrete things ``text`` names (see :class:`MatterFeatures`)."""
    raw = aligned(normalize(text or "", multiline=True))
    folded = fold_fast(raw)
    if len(folded) != len(raw):  # characters that do not fold one to one: no capitals to go by
        raw = folded
    shouting = _shouting(raw)
    villages = _villages(raw, folded, shouting)
    return MatterFeatures(
        plots=_plots(folded),
        decisions=_decisions(folded),
        objects=_objects(raw, folded, shouting),
        villages=tuple(villages),
        programmes=_programmes(folded),
        details=_details(folded),
        troubles=_troubles(folded),
        labels=tuple(villages.items()),
    )


# An operated thing's introducer as the reader takes it (`_introducer_at`): spelled with its marks, or folded in two
# words or more (a text typed without diacritics): a cheap look before the full reading, which most texts (about
# roads, water, allowances) do not need.
_OPERATED_HINT = re.compile(
    r"(?i:\b(?:"
    + "|".join(
        sorted(
            {re.escape(w) for kind in sorted(OPERATED_KINDS) for w in _OBJECT_WORDS[kind]}
            | {
                re.escape(fold_fast(w))
                for kind in sorted(OPERATED_KINDS)
                for w in _OBJECT_WORDS[kind]
                if " " in w
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b)"
)


def operated_objects(text: str) -> frozenset[str]:
    """The keys of the farms, kilns, quarries and companies ``text`` names by a proper name of two words or more
    ("mỏ đá Núi Đanh" → "operated:nui danh", as "Công ty CP Khoáng sản Núi Đanh"): one such thing is one matter
    wherever its neighbours live (the opinion module's grouping, issue #12). A person's farm known by a given name
    alone ("trại lợn ông Lực") is not one: two villages may each have a Lực."""
    if not _OPERATED_HINT.search(text or ""):
        return frozenset()
    raw = aligned(normalize(text, multiline=True))
    folded = fold_fast(raw)
    if len(folded) != len(raw):
        raw = folded
    found = set()
    for key, _label in _objects(raw, folded, _shouting(raw)):
        if key.split(":", 1)[0] in OPERATED_KINDS:
            canonical = canonical_object(key)
            if canonical.startswith("operated:"):
                found.add(canonical)
    return frozenset(found)

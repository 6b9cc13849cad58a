"""Words of urgency and anger, of repeated complaints and of crowds, in citizens' and officials' Vietnamese.

Cues are phrases matched on the folded text with abbreviations expanded (so "ko the chiu dung", "KHÔNG THỂ CHỊU ĐỰNG"
and "hok thể chịu đựng" are one cue). Short words that are harmless once folded ("cháy" is "chay" like "chạy",
"sập" is "sap" like "sắp", "gấp" is "gap" like "gặp") count only in a telling phrase ("cháy nhà", "bị sập") or
written with their diacritics. A cue right after a negation ("không nguy hiểm") does not count.
"""

import re

from gandan.core.vnnlp.pipeline import expanded

__all__ = ["KINDS", "cues", "urgency"]

KINDS = ("urgency", "anger", "repeat", "crowd")

#: cue name → (kinds, folded phrases). Several phrases of one cue count once.
_CUES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    # urgency: danger to life and property, things that cannot wait
    "khan_cap": (frozenset({"urgency"}), ("khan cap", "khan truong", "cap bach", "hoa toc")),
    "khan_thiet": (frozenset({"urgency"}), ("khan thiet",)),
    "nguy_hiem": (frozenset({"urgency"}), ("nguy hiem", "nguy co mat an toan", "mat an toan nghiem trong")),
    "tinh_mang": (frozenset({"urgency"}), ("tinh mang", "de doa tinh mang", "nguy den tinh mang")),
    "chay": (
        frozenset({"urgency"}),
        (
            "chay nha",
            "chay rung",
            "vu chay",
            "dam chay",
            "hoa hoan",
            "bi chay",
            "chay lon",
            "boc chay",
            "chap dien",
        ),
    ),
    "sap": (
        frozenset({"urgency"}),
        ("sap do", "bi sap", "sap cau", "sap nha", "sap mai", "co nguy co sap", "nguy co sap", "sap xuong"),
    ),
    "chet": (frozenset({"urgency"}), ("chet", "tu vong", "thiet mang")),
    "cap_cuu": (frozenset({"urgency"}), ("cap cuu", "nhap vien", "di vien")),
    "ngo_doc": (frozenset({"urgency"}), ("ngo doc",)),
    "dien_giat": (frozenset({"urgency"}), ("dien giat", "bi giat dien")),
    "vo_de": (frozenset({"urgency"}), ("vo de", "tran de", "vo dap", "xa lu", "lu quet", "lu ong")),
    "gap": (frozenset({"urgency"}), ("can gap", "rat gap", "gap rut", "ngay lap tuc", "cang som cang tot")),
    # anger
    "buc_xuc": (frozenset({"anger"}), ("buc xuc", "buc boi", "buc tuc")),
    "phan_no": (frozenset({"anger"}), ("phan no", "phan uat", "cam phan", "tuc gian", "uat uc", "uc che")),
    "het_chiu_noi": (
        frozenset({"anger"}),
        (
            "khong the chiu dung",
            "khong the chiu noi",
            "khong chiu noi",
            "het chiu noi",
            "chiu het noi",
            "qua suc chiu dung",
            "het suc chiu dung",
            "khong the chap nhan",
            "het kien nhan",
        ),
    ),  # fmt: skip
    "khieu_kien": (
        frozenset({"anger"}),
        ("se khieu kien", "khieu kien", "khieu nai den cung", "kien den cung", "kien toi cung", "dua ra toa"),
    ),
    "vuot_cap": (
        frozenset({"anger"}),
        (
            "vuot cap",
            "len tinh",
            "len huyen",
            "ra trung uong",
            "ra ha noi",
            "len trung uong",
            "gui bao chi",
            "bao chi vao cuoc",
            "dua len mang",
            "dua len bao",
        ),
    ),  # fmt: skip
    # crowd actions: anger and a crowd
    "keo_len": (
        frozenset({"anger", "crowd"}),
        (
            "keo len xa",
            "keo nhau len",
            "keo len uy ban",
            "keo ra uy ban",
            "keo den uy ban",
            "keo len huyen",
            "ru nhau len",
        ),
    ),  # fmt: skip
    "tu_tap": (frozenset({"anger", "crowd"}), ("tu tap", "tap trung dong nguoi", "dong nguoi")),
    "chan_duong": (
        frozenset({"anger", "crowd"}),
        ("chan duong", "chan xe", "rao duong", "chan khong cho xe"),
    ),
    "bang_ron": (frozenset({"anger", "crowd"}), ("cang bang ron", "bang ron", "bieu ngu", "bieu tinh")),
    # repeated complaints
    "nhieu_lan": (
        frozenset({"repeat"}),
        (
            "da nhieu lan",
            "nhieu lan gui don",
            "nhieu lan phan anh",
            "nhieu lan kien nghi",
            "nhieu lan",
            "bao nhieu lan",
            "lan thu hai",
            "lan thu ba",
            "lan thu",
            "nhieu nam nay",
            "nhieu thang nay",
            "tu nhieu nam",
            "keo dai nhieu",
        ),
    ),  # fmt: skip
    "da_gui": (
        frozenset({"repeat"}),
        (
            "da gui don",
            "da co don",
            "da lam don",
            "da phan anh",
            "da kien nghi",
            "da bao cao",
            "da trinh bao",
            "gui don ngay",
            "da gui",
            "da nop don",
            "da bao xa",
            "da bao thon",
        ),
    ),  # fmt: skip
    "chua_giai_quyet": (
        frozenset({"repeat"}),
        (
            "van chua duoc giai quyet",
            "chua duoc giai quyet",
            "van chua giai quyet",
            "chua giai quyet",
            "khong duoc giai quyet",
            "van chua co",
            "van chua duoc",
            "khong ai giai quyet",
            "khong ai sua",
            "khong ai quan tam",
            "lam ngo",
            "lam lo",
            "dun day",
            "khong tra loi",
            "chua tra loi",
        ),
    ),  # fmt: skip
    # crowds
    "ca_thon": (
        frozenset({"crowd"}),
        (
            "ca thon",
            "ca xom",
            "ca lang",
            "ca khu",
            "ca to",
            "ca ap",
            "ca ban",
            "toan thon",
            "toan xom",
            "ca khu pho",
            "ca to dan pho",
            "toan the nhan dan",
            "toan the ba con",
        ),
    ),  # fmt: skip
    "nhieu_ho": (
        frozenset({"crowd"}),
        (
            "nhieu ho",
            "hang chuc ho",
            "hang tram ho",
            "cac ho dan",
            "nhieu ho dan",
            "nhieu gia dinh",
            "nhieu nguoi dan",
            "hang chuc nguoi",
            "hang tram nguoi",
            "tap the",
            "don tap the",
            "dong dao",
        ),
    ),  # fmt: skip
}
#: Written with diacritics these short words are unmistakable (folded they are not).
_RAW_CUES = {"chay": ("cháy",), "sap": ("sập",), "gap": ("gấp",)}
_NEGATIONS = frozenset({"khong", "chua", "chang", "cha", "it"})


def _index() -> dict[str, list[tuple[list[str], str]]]:
    """first word → [(phrase words, cue name)], longest first."""
    index: dict[str, list[tuple[list[str], str]]] = {}
    for name, (_kinds, phrases) in _CUES.items():
        for phrase in phrases:
            words = phrase.split()
            index.setdefault(words[0], []).append((words, name))
    for options in index.values():
        options.sort(key=lambda option: -len(option[0]))
    return index


_INDEX = _index()
_RAW_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(w for words in _RAW_CUES.values() for w in words) + r")(?!\w)", re.IGNORECASE
)
_RAW_OWNER = {w: name for name, words in _RAW_CUES.items() for w in words}
_last: tuple[str, frozenset[str]] = ("", frozenset())


def _found(text: str) -> frozenset[str]:
    global _last
    if text and text == _last[0]:
        return _last[1]
    names: set[str] = set()
    for clause in expanded(text):
        i, n = 0, len(clause)
        while i < n:
            options = _INDEX.get(clause[i])
            if options is not None:
                for words, name in options:
                    size = len(words)
                    if clause[i : i + size] == words:
                        negated = i > 0 and clause[i - 1] in _NEGATIONS and words[0] not in _NEGATIONS
                        if not negated:  # "không nguy hiểm", "chưa bức xúc"
                            names.add(name)
                        i += size - 1
                        break
            i += 1
    if text and any(char in text for char in "áậấÁẬẤ"):
        names.update(_RAW_OWNER[m.group(1).lower()] for m in _RAW_PATTERN.finditer(text))
    found = frozenset(names)
    _last = (text, found)
    return found


def cues(text: str) -> frozenset[str]:
    """Which kinds of sign the text gives: "urgency", "anger", "repeat" (wrote before, many times, still not
    resolved), "crowd" (a whole village, many households)."""
    return frozenset(kind for name in _found(text) for kind in _CUES[name][0])


def urgency(text: str) -> int:
    """How many distinct cues of urgency, anger and repeated complaint the text holds (crowd sizes alone do not
    count: "cả thôn" is not angry by itself)."""
    return sum(1 for name in _found(text) if _CUES[name][0] - {"crowd"})

"""Terms of a text (first version: folded syllables and their pairs, a few stop words)."""

from gandan.core.vntext import tokens

STOP = frozenset(
    [
        "va",
        "la",
        "cua",
        "cho",
        "voi",
        "cac",
        "nhung",
        "mot",
        "co",
        "khong",
        "ko",
        "k",
        "da",
        "dang",
        "se",
        "bi",
        "duoc",
        "dc",
        "thi",
        "ma",
        "nay",
        "do",
        "o",
        "tai",
        "ve",
        "theo",
        "tu",
        "den",
        "nhu",
        "toi",
        "chung",
        "em",
        "anh",
        "chi",
        "ong",
        "ba",
        "xin",
        "de",
        "nghi",
        "kinh",
        "gui",
        "ubnd",
        "xa",
        "thon",
        "nguoi",
        "dan",
        "ba",
        "con",
        "gia",
        "dinh",
        "nha",
        "rat",
        "qua",
        "lam",
        "roi",
        "van",
        "chua",
        "con",
        "cung",
        "ra",
        "vao",
        "di",
        "lai",
        "hay",
        "gi",
        "ai",
        "nao",
        "tren",
        "duoi",
        "sang",
        "hai",
        "hien",
        "nay",
        "tinh",
        "trang",
        "viec",
    ]
)
URGENT = ("buc xuc", "khan cap", "nguy hiem", "keo len", "tu tap", "chan duong", "phan uat")


def terms(text: str) -> list[str]:
    words = [w for w in tokens(text) if w not in STOP]
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def urgency(text: str) -> int:
    folded = " ".join(tokens(text))
    return sum(folded.count(cue) for cue in URGENT)


def looks_vietnamese(text: str) -> bool:
    return bool(tokens(text))


def cues(text: str) -> frozenset[str]:
    return frozenset({"urgency"}) if urgency(text) else frozenset()

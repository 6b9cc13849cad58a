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
        "da",
        "dang",
        "se",
        "bi",
        "duoc",
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

"""Finding a procedure the way a citizen asks for it: "giấy khai sinh", "khai sinh cho con", "lam so ho khau".

The catalogue's names are administrative ("Đăng ký khai sinh", "Xác nhận thông tin về cư trú"); people type their own
words, in any order, without accents, with words around the ones that matter. So:

- the query is folded (no accents, no case) and cut into words (syllables); each must equal a syllable of the
  procedure's name, field or code ("ho tich" finds the whole civil-status field). Whole syllables, not their starts:
  "hoa" must not find "hoặc", nor "co" every "con" and "cơ quan";
- words that carry no meaning here ("cho", "con", "giấy", "làm", "thủ tục", …: `STOP_WORDS`, `STOP_PHRASES`) are
  dropped: they neither prevent a match nor add to it — unless the query has nothing else, and then only a procedure
  with all of them is found ("con" finds "nhận cha, mẹ, con"; "không có thủ tục này" finds nothing);
- a citizen's phrase may stand for the catalogue's (`SYNONYMS`: "sổ hộ khẩu" → cư trú, "công chứng" → chứng thực);
  such a term matches either way, the citizen's own words counting a little more;
- procedures are ranked by how many of the query's terms they match: those matching every term first (the
  *complete* groups), then those matching some (the *partial* groups; `partial=False` leaves them out); inside
  both, grouped by field, the field and the procedures most used first (dossiers of the last 12 months, counted by
  the caller).

Pure: the caller passes the candidates and the usage counts (`gandan.dossiers.selectors`).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gandan.core.vntext import fold

__all__ = ["STOP_PHRASES", "STOP_WORDS", "SYNONYMS", "Candidate", "Group", "Term", "query_terms", "rank"]

# Folded words that say nothing about which procedure is meant. Only words that never tell two procedures apart:
# "con" is in "nhận cha, mẹ, con", but "khai sinh cho con" is about the child's birth, not about recognising one.
_STOP = "cho con giay lam xin cua toi minh em anh ong ba va de o tai ve muon can nao gi the nhu ra bi duoc nguoi voi"
STOP_WORDS = frozenset(f"{_STOP} mot cac nhung thi la co khong nay da se roi".split())
# Folded phrases dropped as a whole (their words alone may matter: "thu" in "thu hồi", "ho" in "hộ kinh doanh").
STOP_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in ("thu tuc", "giay to", "ho so", "lam sao", "nhu the nao", "o dau")
)

# What a citizen types → what the catalogue says (folded). The citizen's phrase also matches as itself.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "giay khai sinh": ("khai sinh",),
    "so ho khau": ("cu tru", "thuong tru"),
    "ho khau": ("cu tru", "thuong tru"),
    "tam tru": ("cu tru",),
    "tam vang": ("cu tru",),
    "nhap khau": ("thuong tru",),
    "cong chung": ("chung thuc",),
    "sao y": ("chung thuc ban sao",),
    "photo cong chung": ("chung thuc ban sao",),
    "doc than": ("tinh trang hon nhan",),
    "giay chung tu": ("khai tu",),
    "chung tu": ("khai tu",),
    "bao tu": ("khai tu",),
    "lay vo": ("ket hon",),
    "lay chong": ("ket hon",),
    "cuoi": ("ket hon",),
    "so do": ("quyen su dung dat",),
    "so hong": ("quyen su dung dat",),
    "sang ten": ("bien dong",),
    "xay nha": ("giay phep xay dung",),
    "mo cua hang": ("ho kinh doanh",),
    "buon ban": ("ho kinh doanh",),
    "tro cap": ("tro cap", "bao tro xa hoi"),
    "ho ngheo": ("giam ngheo", "muc song trung binh"),
    "can ngheo": ("giam ngheo", "muc song trung binh"),
    "an tang": ("mai tang",),
}

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Candidate:
    """What the ranking needs of a procedure."""

    id: int
    name: str
    field: str
    code: str = ""


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: the citizen's words, or one of the catalogue's phrases they stand for."""

    words: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Group:
    """Procedures of one field, best first. `complete`: each of them matches every term of the query."""

    field: str
    ids: tuple[int, ...]
    complete: bool


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def query_terms(query: str, *, synonyms: Mapping[str, tuple[str, ...]] = SYNONYMS) -> list[Term]:
    """The terms of a query, in order, without repeats: synonym phrases (longest first), then single words; stop
    words and stop phrases dropped unless nothing else is left."""
    return _terms(query, synonyms)[0]


def _terms(query: str, synonyms: Mapping[str, tuple[str, ...]]) -> tuple[list[Term], bool]:
    """(the terms, whether they are only stop words)."""
    words = _words(query)
    phrases = {
        tuple(key.split()): tuple(tuple(v.split()) for v in values) for key, values in synonyms.items()
    }
    longest = max((len(p) for p in phrases), default=0)
    terms: list[Term] = []
    dropped: list[Term] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + size])
            if phrase in phrases:
                terms.append(Term(phrase, phrases[phrase]))
                i += size
                break
        else:
            stop = next((p for p in STOP_PHRASES if tuple(words[i : i + len(p)]) == p), None)
            if stop is not None:
                dropped.extend(Term((word,)) for word in stop)
                i += len(stop)
                continue
            term = Term((words[i],))
            (dropped if words[i] in STOP_WORDS else terms).append(term)
            i += 1
    return list(dict.fromkeys(terms or dropped)), not terms


def _has(text: list[str], phrase: tuple[str, ...]) -> bool:
    """The phrase's words follow each other in the text."""
    n = len(phrase)
    return any(tuple(text[start : start + n]) == phrase for start in range(len(text) - n + 1))


def _score(text: list[str], terms: list[Term]) -> tuple[int, int]:
    """(terms matched, terms matched by the citizen's own words)."""
    matched = literal = 0
    for term in terms:
        if _has(text, term.words):
            matched += 1
            literal += 1
        elif any(_has(text, synonym) for synonym in term.synonyms):
            matched += 1
    return matched, literal


def rank(
    candidates: Iterable[Candidate],
    query: str,
    *,
    usage: Mapping[int, int] | None = None,
    synonyms: Mapping[str, tuple[str, ...]] = SYNONYMS,
    partial: bool = True,
) -> list[Group]:
    """The candidates that match the query, grouped by field: complete groups first, then partial ones; a group
    before another when its best procedure matches more terms, then when its field is used more; inside a group,
    more terms matched, more of them in the citizen's own words, more used, then by name. An empty query (or one of
    punctuation only) keeps every candidate, grouped the same way."""
    usage = usage or {}
    terms, only_stop_words = _terms(query, synonyms)
    least = len(terms) if only_stop_words or not partial else 1
    scored: list[tuple[Candidate, tuple[int, int]]] = []
    for candidate in candidates:
        text = _words(f"{candidate.name} {candidate.field} {candidate.code}")
        score = _score(text, terms)
        if terms and score[0] < least:
            continue
        scored.append((candidate, score))

    buckets: dict[tuple[bool, str], list[tuple[Candidate, tuple[int, int]]]] = {}
    for candidate, score in scored:
        complete = score[0] == len(terms)
        buckets.setdefault((complete, candidate.field), []).append((candidate, score))

    def item_key(item: tuple[Candidate, tuple[int, int]]) -> tuple[int, int, int, str, int]:
        candidate, (matched, literal) = item
        return (-matched, -literal, -usage.get(candidate.id, 0), fold(candidate.name), candidate.id)

    groups: list[tuple[tuple[int, int, int, int, str], Group]] = []
    for (complete, field), items in buckets.items():
        items.sort(key=item_key)
        best_matched, best_literal = items[0][1]
        used = sum(usage.get(candidate.id, 0) for candidate, _score in items)
        key = (0 if complete else 1, -best_matched, -best_literal, -used, fold(field))
        groups.append((key, Group(field, tuple(candidate.id for candidate, _score in items), complete)))
    groups.sort(key=lambda pair: pair[0])
    return [group for _key, group in groups]

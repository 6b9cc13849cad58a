"""What a citizen's text is about, as terms that compare across spellings.

Steps (:func:`terms`):

1. fold (case and diacritics removed, đ→d), so "đường" typed as "duong" is the same word;
2. split into clauses at punctuation, and into tokens: syllables, and numbers kept whole ("thửa 123", "thôn3" is
   "thon" + "3"; "5.000.000" is "5000000"; leading zeros dropped);
3. expand abbreviations and chat spellings ("ko", "đc", "UBND", "QSDĐ", "wá", "thui" …, see :mod:`lexicon`), some by
   their neighbours ("k"/"kg" are "không" unless a number stands before; "hông" is "không" before a verb and "hỏng"
   otherwise); letters typed again and again are made single ("quáaaa");
4. join phrases that name one thing several ways into one term ("sổ đỏ", "so do", "QSDĐ", "GCN QSDĐ" → "so_do") and
   drop stop phrases and stop words of administrative Vietnamese ("kính gửi", "UBND xã", "đề nghị", "tôi là" …);
5. the result: the content syllables, then each pair of content syllables adjacent within a clause joined by "_"
   ("sat_lo", "hoanh_son", "thua_123").

A word segmenter (underthesea's ``word_tokenize(text, format="text")``) may be passed to :func:`terms` to get words
instead of syllable pairs; the default needs none and is some hundred times faster.
"""

import re
from collections.abc import Callable, Iterable

from gandan.core.vnnlp import lexicon
from gandan.core.vnnlp.names import read_names
from gandan.core.vnnlp.syllables import VALID_SYLLABLES, fold_fast, squeeze

__all__ = ["Segmenter", "add_phrases", "content_words", "expanded", "people_about", "terms"]

#: A word segmenter: text in, words out (one string with words joined by "_" inside and spaces between, or a list).
Segmenter = Callable[[str], str | Iterable[str]]

_TOKEN = re.compile(r"(?<![a-z])m[23](?![0-9])|[a-z]+|[0-9]+(?:[.,][0-9]{3})*|[.,;:!?()\[\]\"|]")
_TOKEN_ANY = re.compile(r"(?<![^\W\d_])m[23](?!\d)|[^\W\d_]+|\d+(?:[.,]\d{3})*|[.,;:!?()\[\]\"…|]")
_BREAKS = frozenset('.,;:!?()[]"…|')
_CA = re.compile(r"(?<![\w\u0300-\u036f])CA(?![\w\u0300-\u036f])")
_MEMO_MAX = 200_000


Phrases = dict[str, list[tuple[list[str], tuple[str, ...]]]]


def _phrase_table() -> Phrases:
    table: Phrases = {}
    entries = [(phrase, replacement) for phrase, replacement in lexicon.CANONICAL.items()]
    entries += [(phrase, "") for phrase in lexicon.STOP_PHRASES if phrase not in lexicon.CANONICAL]
    for phrase, replacement in entries:
        words = phrase.split()
        table.setdefault(words[0], []).append((words[1:], tuple(replacement.split())))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))
    return table


_PHRASES = _phrase_table()
_ABBREVIATIONS = {token: tuple(full.split()) for token, full in lexicon.ABBREVIATIONS.items()}
_CONTEXTUAL = frozenset(lexicon.NOT_AFTER_NUMBER) | lexicon.HONG_AS_KHONG | {"bit"}
_STOP = lexicon.STOP_WORDS
_BIT = frozenset({"bit"})
_memo: dict[str, tuple[str, ...]] = {}


def _resolve(token: str) -> tuple[str, ...]:
    """The full folded form of one letter token (without looking at its neighbours)."""
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    if token in VALID_SYLLABLES:
        return (token,)
    squeezed = squeeze(token)
    if squeezed in _ABBREVIATIONS:
        return _ABBREVIATIONS[squeezed]
    if squeezed in VALID_SYLLABLES:
        return (squeezed,)
    return (token,)


def _word(token: str) -> tuple[str, ...]:
    found = _memo.get(token)
    if found is None:
        if len(_memo) >= _MEMO_MAX:
            _memo.clear()
        found = _memo[token] = _resolve(token)
    return found


def _number(token: str) -> str:
    digits = token.replace(".", "").replace(",", "")
    return digits.lstrip("0") or "0"


def _expand(folded: str) -> list[list[str]]:
    """The clauses of a folded text, each the list of its tokens with abbreviations expanded (stop words kept)."""
    clauses: list[list[str]] = []
    current: list[str] = []
    raw = (_TOKEN if folded.isascii() else _TOKEN_ANY).findall(folded)
    last = len(raw) - 1
    after_number = False
    previous = ""
    for i, token in enumerate(raw):
        first = token[0]
        if first in _BREAKS:
            if current:
                clauses.append(current)
                current = []
            after_number, previous = False, ""
            continue
        if first.isdigit():
            previous = _number(token)
            current.append(previous)
            after_number = True
            continue
        if token in _CONTEXTUAL:
            if token in lexicon.NOT_AFTER_NUMBER:
                if after_number:  # "5k", "10 kg": a unit, not "không"
                    after_number = False
                    continue
                words: tuple[str, ...] = (lexicon.NOT_AFTER_NUMBER[token],)
            elif token in _BIT:
                words = ("biet",) if previous in lexicon.BIET_AFTER else ("bit",)
            else:  # "hông"/"hổng" before a verb is "không"; else "hỏng" (broken)
                following = _word(raw[i + 1])[0] if i < last else ""
                words = ("khong",) if following in lexicon.KHONG_BEFORE else ("hong",)
        elif after_number and token in lexicon.AFTER_NUMBER_IS_UNIT:
            after_number = False
            continue
        else:
            words = _memo.get(token) or _word(token)
        after_number = False
        if words:
            current.extend(words)
            previous = words[-1]
    if current:
        clauses.append(current)
    return clauses


def _content(clause: list[str]) -> list[str]:
    """The clause with phrases joined and stop phrases and stop words dropped."""
    kept: list[str] = []
    i, n = 0, len(clause)
    while i < n:
        word = clause[i]
        options = _PHRASES.get(word)
        if options is not None:
            for tail, replacement in options:  # the words after the first, longest phrase first
                size = len(tail) + 1
                if clause[i + 1 : i + size] == tail:
                    kept.extend(replacement)
                    i += size
                    break
            else:
                options = None
            if options is not None:
                continue
        if word not in _STOP and (len(word) > 1 or word.isdigit()):
            kept.append(word)
        i += 1
    return kept


def add_phrases(phrases: Iterable[str]) -> int:
    """Keep each phrase as one term from now on, even where it holds stop words: the villages of the unit tree
    ("Bến Đò" → "ben_do", not "ben"; "Đồng Cả" → "dong_ca"), a province's own words. Returns how many were new."""
    added = 0
    for phrase in phrases:
        words = [word for clause in _expand(fold_fast(phrase or "")) for word in clause]
        if len(words) < 2:
            continue
        entry = (words[1:], ("_".join(words),))
        options = _PHRASES.setdefault(words[0], [])
        if entry not in options:
            options.append(entry)
            options.sort(key=lambda option: -len(option[0]))
            added += 1
    return added


def _prepare(text: str) -> str:
    """The folded text, without people's names (:mod:`names`); "CA" written in capitals amid lower-case text is the
    police (công an)."""
    return _read(text)[0]


def _read(text: str) -> tuple[str, frozenset[str]]:
    """:func:`_prepare`'s text, and the folded given names of the people the text is about (read in one pass)."""
    text, about = read_names(text)
    if "CA" in text and _CA.search(text):
        letters = [char for char in text if char.isalpha()]
        if sum(char.islower() for char in letters) * 2 > len(letters):
            text = _CA.sub("công an", text)
    return fold_fast(text), about


_last: tuple[str, list[list[str]], frozenset[str]] = ("", [], frozenset())


def expanded(text: str) -> list[list[str]]:
    """The clauses of the text, folded, abbreviations expanded, stop words kept (what cues are matched on).

    The last text's clauses are kept: the engine asks for the terms, the urgency and the cues of one text in turn.
    Callers must not change the lists."""
    global _last
    last_text, clauses, _about = _last
    if text != last_text or not text:
        folded, about = _read(text or "")
        clauses = _expand(folded)
        _last = (text, clauses, about)
    return clauses


def people_about(text: str) -> frozenset[str]:
    """The folded given names of the people the text is about, not its writer ("nhà Lê Văn Quý" → "quy"; see
    :func:`gandan.core.vnnlp.names.read_names`): read with the text's clauses, so asking after :func:`terms` costs
    nothing."""
    expanded(text)
    return _last[2]


def content_words(text: str) -> list[str]:
    """The content syllables (and joined phrases such as "so_do") of the text, in order."""
    return [word for clause in expanded(text) for word in _content(clause)]


def terms(text: str, segmenter: Segmenter | None = None) -> list[str]:
    """The terms of a text: content syllables, then adjacent pairs of them within a clause joined by "_".

    With a `segmenter`, the second part is the text's multi-syllable words instead of syllable pairs ("sat_lo" when
    the segmenter says "sạt_lở" is one word, never "lo_nghiem")."""
    if not text:
        return []
    if segmenter is not None:
        return _segmented_terms(text, segmenter)
    words: list[str] = []
    pairs: list[str] = []
    for clause in expanded(text):
        kept = _content(clause)
        words += kept
        pairs += [f"{a}_{b}" for a, b in zip(kept, kept[1:], strict=False)]
    return words + pairs


def _segmented_terms(text: str, segmenter: Segmenter) -> list[str]:
    output = segmenter(text)
    pieces = output.split() if isinstance(output, str) else [str(piece).replace(" ", "_") for piece in output]
    words: list[str] = []
    joined: list[str] = []
    for piece in pieces:
        for clause in _expand(_prepare(piece.replace("_", " "))):
            kept = _content(clause)
            words += kept
            if len(kept) > 1:
                joined.append("_".join(kept))
    return words + joined

"""Vietnamese text handling shared by every module of the app.

Vietnamese text reaches us from many keyboards, office suites and copy-pastes, and
the *same* word can arrive as several different code-point sequences:

* precomposed (NFC) or decomposed (NFD) letters;
* the tone mark of an open ``oa``/``oe``/``uy`` rhyme put on either vowel
  (``hòa``/``hoà``, ``khỏe``/``khoẻ``, ``thủy``/``thuỷ``);
* invisible zero-width characters, stray control characters and ragged whitespace.

If those variants are stored as-is, equality checks, uniqueness constraints and
searches silently fail.  This module therefore provides one canonical display form
(:func:`normalize`) and one accent-insensitive comparison form (:func:`fold`), plus
the small helpers built on them (:func:`tokens`, :func:`shingles`,
:func:`search_key`, :func:`matches`).

Tone-placement convention
-------------------------
:func:`normalize` re-places the tone mark of every syllable by a single fixed rule
set, so both spellings of a syllable collapse to one string:

1. If the vowel cluster contains a vowel with a quality diacritic
   (``ă â ê ô ơ ư``), the tone goes on it; for ``ươ`` it goes on the ``ơ``.
2. Otherwise, if no final consonant follows the cluster (an *open* rhyme): one
   vowel takes the tone, two vowels put it on the **first** vowel, three vowels put
   it on the **middle** vowel.
3. Otherwise (a final consonant follows) the tone goes on the **last** vowel.

The ``u`` of ``qu`` and the ``i`` of ``gi`` (when another vowel follows) belong to
the initial consonant and are not part of the cluster, hence ``quý``, ``quà``,
``già``, ``giữ``.

Rule 2 is the *traditional* placement (``hòa``, ``khỏe``, ``thủy``, ``ủy``), not
the 2018 Ministry-of-Education one (``hoà``, ``khoẻ``, ``thuỷ``, ``uỷ``).  It was
chosen because it is what the overwhelming majority of existing Vietnamese data
(administrative unit names such as "Hòa Bình" or "Khánh Hòa", default IME settings,
government documents) already uses, so normalising rarely rewrites stored text.
The only difference between the two conventions is the placement for the open
rhymes listed in :data:`_OPEN_RHYMES_TONE_ON_SECOND`; switching conventions is a
one-line change there (and a data migration of every stored normalised value).

Words that do not parse as a single Vietnamese syllable (``café``, ``résumé``,
``Москва``, ``COVID19``) are only NFC-normalised, never re-accented.  A foreign word
that is spelled exactly like a Vietnamese syllable (Spanish ``caí``) is treated as
Vietnamese; there is no way to tell them apart without language detection.
"""

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

__all__ = [
    "MAX_BLANK_LINES",
    "fold",
    "matches",
    "normalize",
    "search_key",
    "shingles",
    "tokens",
]

#: In multi-line mode, longer runs of blank lines are collapsed to this many.
MAX_BLANK_LINES = 2

# Combining tone marks (NFD): huyền, sắc, ngã, hỏi, nặng.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Combining quality marks (NFD): breve (ă), circumflex (â ê ô), horn (ơ ư).  Which
# base each may sit on is enforced by the _VOWEL_CLUSTERS whitelist below.
_QUALITY_MARKS = frozenset("\u0306\u0302\u031b")

_VOWEL_BASES = frozenset("aeiouy")

# Base letters a Vietnamese syllable may be spelled with (lowercase, marks removed).
# f, j, w and z are not part of the Vietnamese alphabet; allowing them would let
# loanwords be "corrected".
_SYLLABLE_LETTERS = frozenset("abcdeghiklmnopqrstuvxy") | {"đ"}

# Initial consonants, longest first so that "ngh" wins over "ng" and "ng" over "n".
_INITIALS: tuple[str, ...] = (
    "ngh",
    "ng", "nh", "gh", "gi", "kh", "ch", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip

_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})

# Every written vowel cluster (nucleus plus medial/glide vowels) of standard
# Vietnamese, spelled in NFC without tones.  Requiring the cluster to be on this
# list keeps foreign words such as Spanish "rió" or "dúo" from being re-accented.
_VOWEL_CLUSTERS = frozenset(
    {
        # one vowel
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        # two vowels
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu",
        "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy",
        "ưa", "ưi", "ưu", "ươ", "yê",
        # three vowels
        "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu",
        "ươi", "ươu",
    }
)  # fmt: skip

# Open two-vowel rhymes whose tone goes on the SECOND vowel.  Empty under the
# traditional convention used here; {"oa", "oe", "uy"} would give the 2018 style.
_OPEN_RHYMES_TONE_ON_SECOND: frozenset[str] = frozenset()

# Characters that look like "đ" and are typed for it by mistake; fold maps them to "d".
_D_LOOKALIKES = str.maketrans({"đ": "d", "ð": "d", "ɖ": "d"})

_SPACE_RUN = re.compile(r" {2,}")
_WHITESPACE = re.compile(r"\s")
_ALNUM_RUN = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class _Letter:
    """One base letter of a syllable with the combining marks attached to it."""

    base: str
    quality: str = ""
    tone: str = ""

    def render(self) -> str:
        """Return the NFD spelling: quality mark first, so NFC composes e.g. "ấ"."""
        return self.base + self.quality + self.tone


def _clean_line(line: str) -> str:
    """Drop invisible characters and collapse whitespace inside one line.

    Whitespace of any kind becomes a single space.  Other control (Cc) and format
    (Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks) characters are
    removed: they are invisible, so users cannot see or search for them, and they
    break equality between strings that look identical.
    """
    # Regular expressions rather than a loop over characters: every signal, petition and search passes here.
    # `\s` matches exactly the characters str.isspace() accepts.
    spaced = _WHITESPACE.sub(" ", line)
    return _SPACE_RUN.sub(" ", _invisible().sub("", spaced)).strip()


@functools.cache
def _invisible() -> re.Pattern[str]:
    """Control and format characters that are not whitespace, as a character class of their ranges (built once:
    0.1 s; about 25 ranges, which a regular expression scans faster than str.translate looks up a dict)."""
    points = [
        i
        for i in range(sys.maxunicode + 1)
        if unicodedata.category(chr(i)) in ("Cc", "Cf") and not chr(i).isspace()
    ]
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return re.compile(
        "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"
    )


@functools.cache
def _nonspacing() -> dict[int, None]:
    """Non-spacing marks (category Mn: every Vietnamese tone and quality mark among them), for str.translate."""
    return {i: None for i in range(sys.maxunicode + 1) if unicodedata.category(chr(i)) == "Mn"}


def _clean_multiline(text: str) -> str:
    """Clean each line and limit runs of blank lines to :data:`MAX_BLANK_LINES`.

    ``str.splitlines`` recognises every Unicode line boundary (``\\r\\n``, ``\\r``,
    U+2028, ...), so all of them come out as ``\\n``.
    """
    lines: list[str] = []
    blank_run = 0
    for raw_line in text.splitlines():
        line = _clean_line(raw_line)
        if line:
            blank_run = 0
        else:
            blank_run += 1
            if blank_run > MAX_BLANK_LINES:
                continue
        lines.append(line)
    return "\n".join(lines).strip("\n")


def _parse_letters(run: str) -> list[_Letter] | None:
    """Split an NFD letter run into letters, or None if it has non-Vietnamese marks.

    A letter may carry at most one quality mark and at most one tone mark; anything
    else (diaeresis, cedilla, a second acute...) means the run is not a Vietnamese
    syllable and must be left alone.
    """
    letters: list[_Letter] = []
    for char in run:
        if char.isalpha():
            letters.append(_Letter(char))
            continue
        letter = letters[-1]
        if char in _TONE_MARKS and not letter.tone:
            letter.tone = char
        elif char in _QUALITY_MARKS and not letter.quality:
            letter.quality = char
        else:
            return None
    return letters


def _find_initial(spelling: str) -> str:
    """Return the initial consonant of a toneless, lowercase, quality-free spelling.

    "gi" and "qu" count as consonants only when a vowel follows: "gìn" is g + "in",
    while "giữ" is gi + "ư".
    """
    for initial in _INITIALS:
        if spelling.startswith(initial):
            if initial in ("gi", "qu") and spelling[2:3] not in _VOWEL_BASES:
                continue
            return initial
    return ""


def _tone_target(cluster: str, has_final: bool) -> int:
    """Index, within the vowel cluster, of the vowel that must carry the tone."""
    quality_positions = [i for i, vowel in enumerate(cluster) if vowel not in _VOWEL_BASES]
    if quality_positions:
        # Only "ươ" (in ươ, ươi, ươu) has two; the tone goes on the ơ, i.e. the last.
        return quality_positions[-1]
    if has_final:
        return len(cluster) - 1
    if len(cluster) == 2:
        return 1 if cluster in _OPEN_RHYMES_TONE_ON_SECOND else 0
    return len(cluster) // 2  # 1 vowel -> 0, 3 vowels -> the middle one


def _place_tone(run: str) -> str:
    """Return an NFD letter run with its tone mark at the canonical vowel.

    The run is returned unchanged unless it parses as exactly one Vietnamese
    syllable (initial consonant, listed vowel cluster, final consonant) carrying
    exactly one tone mark on a vowel.
    """
    letters = _parse_letters(run)
    if letters is None:
        return run
    toned = [letter for letter in letters if letter.tone]
    if len(toned) != 1 or toned[0].base.lower() not in _VOWEL_BASES:
        return run
    bases = [letter.base.lower() for letter in letters]
    if any(base not in _SYLLABLE_LETTERS for base in bases):
        return run

    spelling = "".join(bases)
    start = len(_find_initial(spelling))
    end = start
    while end < len(letters) and bases[end] in _VOWEL_BASES:
        end += 1
    if any(letter.quality for letter in letters[:start] + letters[end:]):
        return run  # consonants (and the u/i of qu/gi) never carry ă â ê ô ơ ư
    cluster_letters = letters[start:end]
    cluster = unicodedata.normalize(
        "NFC", "".join(letter.base.lower() + letter.quality for letter in cluster_letters)
    )
    if cluster not in _VOWEL_CLUSTERS or spelling[end:] not in _FINALS:
        return run

    tone = toned[0].tone
    toned[0].tone = ""
    cluster_letters[_tone_target(cluster, end < len(letters))].tone = tone
    return "".join(letter.render() for letter in letters)


def _iter_runs(text: str) -> list[tuple[bool, str]]:
    """Split NFD text into (is_letter_run, chunk) pieces.

    A letter run is a letter followed by any letters and combining marks; marks
    not preceded by a letter stay in the non-letter chunks.
    """
    pieces: list[tuple[bool, str]] = []
    current: list[str] = []
    in_run = False
    for char in text:
        is_letter = char.isalpha()
        is_mark = unicodedata.category(char).startswith("M")
        if is_letter or (in_run and is_mark):
            if not in_run and current:
                pieces.append((False, "".join(current)))
                current = []
            in_run = True
        elif in_run:
            pieces.append((True, "".join(current)))
            current = []
            in_run = False
        current.append(char)
    if current:
        pieces.append((in_run, "".join(current)))
    return pieces


def normalize(text: str, *, multiline: bool = False) -> str:
    """Return the canonical display form of ``text`` (NFC, canonical tone placement).

    Steps, in this order:

    1. whitespace and invisible characters: zero-width, format and control
       characters are removed, whitespace runs become one space and the ends are
       stripped.  With ``multiline=False`` line breaks are whitespace like any
       other; with ``multiline=True`` every line break becomes ``\\n``, each line is
       cleaned separately, leading/trailing blank lines are dropped and runs of
       more than :data:`MAX_BLANK_LINES` blank lines are shortened to that many.
    2. each Vietnamese syllable with exactly one tone mark gets the tone on the
       vowel chosen by the module's convention (see the module docstring); the
       letter case of every character is kept, so "HOÀ" becomes "HÒA".
    3. the result is NFC.

    The function is idempotent and gives the same result for NFC and NFD input.
    """
    cleaned = _clean_multiline(text) if multiline else _clean_line(text)
    return unicodedata.normalize(
        "NFC", _NON_ASCII_RUN.sub(_canonical_run, unicodedata.normalize("NFC", cleaned))
    )


# Stretches of text between ASCII whitespace and punctuation that hold a non-ASCII character: only those can carry a
# tone mark to move (an ASCII word has none). Each distinct stretch is placed once and remembered (the vocabulary is
# small: a few thousand syllables), so a long text costs a regular expression and dictionary look-ups.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\x7f]*[^\x00-\x7f][^\x00-\x40\x5b-\x60\x7b-\x7f]*")


def _canonical_run(match: re.Match[str]) -> str:
    return _canonical(match.group())


@functools.lru_cache(maxsize=65536)
def _canonical(stretch: str) -> str:
    decomposed = unicodedata.normalize("NFD", stretch)
    return "".join(_place_tone(chunk) if is_run else chunk for is_run, chunk in _iter_runs(decomposed))


def fold(text: str) -> str:
    """Return the accent- and case-insensitive comparison form of ``text``.

    The text is normalised (single line), case-folded, stripped of every
    non-spacing mark (all Vietnamese tone and quality marks) and "đ" is mapped to
    "d" explicitly, because "đ" is a letter of its own and does not decompose under
    NFD.  Lookalikes typed for "đ" (Icelandic "ð", African "ɖ") map to "d" too.
    Whitespace is collapsed again because removing a stray mark can leave two
    spaces side by side.  "Đất đai" -> "dat dai", "Hòa"/"hoà" -> "hoa".
    """
    # Tone placement (step 2 of `normalize`) only moves marks that are stripped here anyway, so folding skips
    # it: the same result as folding `normalize(text)`, at a fraction of the cost (duplicate checks fold a lot).
    decomposed = unicodedata.normalize("NFD", _clean_line(text).casefold())
    stripped = decomposed.translate(_nonspacing())
    return _clean_line(unicodedata.normalize("NFC", stripped.translate(_D_LOOKALIKES)))


def tokens(text: str) -> list[str]:
    """Return the folded alphanumeric tokens (syllables, numbers) of ``text``.

    Punctuation, underscores and whitespace all separate tokens:
    "Đường Lãng Công, thôn 3" -> ["duong", "lang", "cong", "thon", "3"].
    """
    return _ALNUM_RUN.findall(fold(text))


def shingles(text: str, n: int = 2) -> set[str]:
    """Return the set of ``n``-token shingles of ``text``, tokens joined by a space.

    Used for near-duplicate detection.  A text with fewer than ``n`` (but at least
    one) tokens yields its whole token string as the only shingle, so short texts
    still compare against each other instead of all looking empty.
    """
    if n < 1:
        raise ValueError(f"shingle size must be at least 1, got {n}")
    words = tokens(text)
    if not words:
        return set()
    if len(words) < n:
        return {" ".join(words)}
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def search_key(text: str) -> str:
    """Return the value stored in a search column: the tokens joined by single spaces.

    Punctuation is dropped as well as accents and case, so the key of
    "Đường Lãng Công, thôn 3" is "duong lang cong thon 3".
    """
    return " ".join(tokens(text))


def matches(query: str, text: str) -> bool:
    """Tell whether every query token is a prefix of some token of ``text``.

    Matching is accent- and case-insensitive and order-independent, which is what
    users expect from a search box typed without Vietnamese input method:
    matches("dat dai", "Tranh chấp ĐẤT ĐAI") is True.  A query without tokens
    matches everything, like an empty filter.
    """
    text_tokens = tokens(text)
    return all(any(token.startswith(wanted) for token in text_tokens) for wanted in tokens(query))

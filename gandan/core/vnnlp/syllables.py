"""Fast folding and tokenising, and what a Vietnamese syllable looks like once folded.

:func:`fold_fast` gives the same tokens as :func:`gandan.core.vntext.fold` (a property test holds it to that) at a
fraction of the cost (lower case, decompose, keep ASCII), falling back to ``fold`` when the text holds anything that
road would fold differently (decomposed marks, other scripts, invisible and control characters).
"""

import re
import unicodedata

from gandan.core.vntext import fold

__all__ = ["VALID_SYLLABLES", "aligned", "fold_fast", "is_syllable", "squeeze"]


def _fast(text: str) -> str:
    return unicodedata.normalize("NFD", text.lower().replace("đ", "d")).encode("ascii", "ignore").decode()


def _fast_letters() -> str:
    """The accented Latin letters the fast road folds exactly as ``fold`` does (to one ASCII letter)."""
    letters = []
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if (
            char.isalpha()
            and folded.isascii()
            and folded.isalpha()
            and len(folded) == 1
            and _fast(char) == folded
        ):
            letters.append(char)
    return "".join(letters)


#: Anything but printable ASCII, whitespace and the Latin letters whose folded form is one ASCII letter.
_EXOTIC = re.compile("[^\t\n\r\x0b\x0c\x20-\x7e" + re.escape(_fast_letters()) + "]")


def fold_fast(text: str) -> str:
    """Folded (lowercase, no marks, đ→d) text for tokenising; spacing is not collapsed as ``fold`` does.

    Text of printable ASCII and Vietnamese (or other accented Latin) letters takes the fast road: lower case, đ→d,
    decompose, drop what is not ASCII (the marks). Anything else goes through ``fold``."""
    if _EXOTIC.search(text) is None:
        return _fast(text)
    return fold(text)


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})


def aligned(text: str) -> str:
    """``text`` with dashes as "-" and every character that does not fold to exactly one as a space, so that
    ``fold_fast`` of it lines up character for character with it (capitals read in one, words found in the other)."""
    text = text.translate(_DASHES)
    return _EXOTIC.sub(" ", text) if _EXOTIC.search(text) else text


# --- Valid syllables, folded -----------------------------------------------------------------------------------------

_INITIALS = (
    "", "ngh", "ng", "nh", "gh", "gi", "kh", "ch", "ph", "th", "tr", "qu",
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
_CLUSTERS = (
    "a", "e", "i", "o", "u", "y",
    "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "oo",
    "ua", "ue", "ui", "uo", "uu", "uy", "ye",
    "ieu", "yeu", "oai", "oay", "oeo", "uay", "uoi", "uya", "uye", "uyu", "uou",
)  # fmt: skip
_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")

#: Every folded spelling of a Vietnamese syllable (a little generous: tables, not a dictionary).
VALID_SYLLABLES = frozenset(
    initial + cluster + final for initial in _INITIALS for cluster in _CLUSTERS for final in _FINALS
)

_REPEATS = re.compile(r"([a-z])\1+")


def is_syllable(token: str) -> bool:
    return token in VALID_SYLLABLES


def squeeze(token: str) -> str:
    """The token with doubled letters made single ("quaaaa" → "qua"); "xoong" keeps its "oo" when valid."""
    if token in VALID_SYLLABLES:
        return token
    return _REPEATS.sub(r"\1", token)


# --- Scripts ---------------------------------------------------------------------------------------------------------

#: Letters only Vietnamese writes among Latin scripts: ă, đ, ơ, ư and the tone-marked vowels of U+1EA0..U+1EF9.
_VIETNAMESE_ONLY = frozenset("ăâđơưĂÂĐƠƯ") | frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))


def vietnamese_letter(char: str) -> bool:
    return char in _VIETNAMESE_ONLY


def latin_letter(char: str) -> bool:
    """A letter of the Latin script (basic, Latin-1, extended, Vietnamese block)."""
    code = ord(char)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return True
    return unicodedata.name(char, "").startswith("LATIN")

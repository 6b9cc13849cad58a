"""Redaction of a person's identity from a free text (Law on Denunciation 25/2018 Art. 47, 56: the denunciator's
name, address and other details must not be revealed; the copy handed to verifiers carries none of them).

Pure Python: given a text and the identity fields the person gave (full name, citizen ID, phone, e-mail, address),
:func:`redact` returns the text with every hit replaced by :data:`MARKER` and the list of replaced spans (offsets in
the text given). Officers add their own phrases with :func:`redact_phrases`.

How a hit is found
------------------
* **Letters** (name, address, e-mail, passport): on a *skeleton* of the text where every character is folded (case,
  tone and quality marks dropped, đ→d, see :func:`gandan.core.vntext.fold`) and every character that is not a letter
  or digit is skipped. "Nguyen Van An", "NGUYỄN VĂN ÂN", "Nguyễn Văn\\nAn", "Nguy-ễn Văn An" and "Nguyễn Vãn An" all
  have the skeleton "nguyenvanan". A hit must begin and end on a word boundary of the text ("Nguyễn Văn Anh" is not
  "Nguyễn Văn An").
* **Digits** (phone, citizen ID): on a stream of the text's digits where separators (spaces, line breaks, ``. - – —
  / ( ) + _ , :``) are skipped, and a lone O/o counts as 0 and l/I/| as 1 when the letters around it are all such
  look-alikes and it touches a digit ("O25 19O O99 887"). A phone is found by its 9 national digits, with any 0, 84,
  +84 or 0084 before them; an ID by all its digits (12, or the 9 of an old card).
* **E-mail**: the address, or its local part and domain written with "(at)", "[at]", " at ", "a còng", "(dot)",
  "chấm" in place of @ and dots.

What counts as the name (the rule against over-redaction)
---------------------------------------------------------
Redacted wherever they appear: the full name; every ending of it of two words or more ("Văn An", "Thị Bí Mật");
the surname with the given name ("Nguyễn An"). The given name *alone* (its last word, e.g. "An", "Hà"; a name of
one word is all given name) is an ordinary word and is redacted only **next to another identity part**: within :data:`NEAR_WORDS` words of the full
address, of a part of the address, or of any other hit. Such an address part next to the given name is redacted
too ("tôi là An ở thôn Cao Phong" → "tôi là *** ở ***"); and only written with the name's own marks or with none
("Đoan", "doan" — not "đoạn", a stretch of road, nor "Đoàn"). Of the address, the whole address and its first
(most specific) comma-separated part are always redacted when that part is a house or a street; when it is a village
or another area it is redacted next to any other part of the identity; the broader parts (commune, province) only
next to the given name — they usually name the place of the matter itself.
"""

import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from gandan.core.vntext import fold, normalize

__all__ = [
    "MARKER",
    "NEAR_WORDS",
    "Identity",
    "Redaction",
    "given_key",
    "name_absent",
    "redact",
    "redact_phrases",
    "spaced_skeleton",
]

#: What replaces each hit (the marker the online form has always used).
MARKER = "***"
#: The given name alone is redacted when another identity part is at most this many words away.
NEAR_WORDS = 6
#: A name or address part whose skeleton is shorter than this is never searched on its own.
MIN_SKELETON = 4

_SEPARATORS = frozenset(" \t\r\n\v\f\u00a0.-–—‐‑/\\()[]+_,:;")
_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
_ADDRESS_LEVELS = (
    "to dan pho",
    "khu pho",
    "thanh pho",
    "thi tran",
    "thi xa",
    "so nha",
    "thon",
    "xom",
    "ap",
    "ban",
    "buon",
    "soc",
    "lang",
    "to",
    "khu",
    "phuong",
    "xa",
    "huyen",
    "quan",
    "tinh",
    "tp",
    "so",
    "ngo",
    "ngach",
    "hem",
    "kiet",
    "duong",
    "pho",
    "khom",
)
#: Address levels that name a house or a street (always redacted when they are the first part), not an area.
_STREET_LEVELS = ("so nha ", "so ", "ngo ", "ngach ", "hem ", "kiet ", "duong ", "pho ")
#: First-person words that place the writer ("nhà tôi", "tôi ở", "gia đình chúng tôi"), as skeletons: the
#: writer's own village next to them is redacted.
_SELF_REFERENCES = (
    "(?:nha|giadinh|thon|xom|lang)(?:toi|em|chau|chungtoi|chungem)",
    "(?:toi|em|chau|chungtoi|chungem)(?:o|song|cutru|thuongtru|tamtru|que)",
)
_ANY_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_AT = r"(?:at|acong|acon|[@])?"
_EMAIL_DOT = r"(?:dot|cham)?"
_WORD = re.compile(r"[^\W_]+")
_fold_char = functools.lru_cache(maxsize=8192)(fold)


@dataclass(frozen=True)
class Identity:
    """What the person gave; any field may be empty."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    @classmethod
    def of(cls, person: Mapping[str, object]) -> "Identity":
        return cls(
            **{k: str(person.get(k) or "") for k in ("name", "id_number", "phone", "email", "address")}
        )


@dataclass(frozen=True)
class Redaction:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # on the text given, sorted, not overlapping

    @property
    def changed(self) -> bool:
        return bool(self.spans)


# --- Views of the text mapped back to its offsets ------------------------------------------------------------------


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


class _Skeleton:
    """The folded letters and digits of a text, each with the offset of the character it came from."""

    def __init__(self, text: str):
        chars: list[str] = []
        offsets: list[int] = []
        for i, char in enumerate(text):
            if not _is_word_char(char):
                continue
            for folded in _fold_char(char):
                if folded.isalnum():
                    chars.append(folded)
                    offsets.append(i)
        self.text = text
        self.value = "".join(chars)
        self.offsets = offsets

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of skeleton[start:end], taking the combining marks after its last letter."""
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        while last < len(self.text) and unicodedata.category(self.text[last]).startswith("M"):
            last += 1
        return first, last

    def find(self, pattern: str, *, bounded: bool = True) -> list[tuple[int, int]]:
        found = []
        for match in re.finditer(pattern, self.value):
            if match.end() == match.start():
                continue
            first, last = self.span(match.start(), match.end())
            if bounded and (
                (first > 0 and _is_word_char(self.text[first - 1]))
                or (last < len(self.text) and _is_word_char(self.text[last]))
            ):
                continue
            found.append((first, last))
        return found


_last_view: tuple[str, _Skeleton] | None = None


def _skeleton_view(text: str) -> _Skeleton:
    """The text's skeleton; the last one is kept, as one text is searched for name after name (a commune's
    protected denunciators against each signal) and most searches change nothing."""
    global _last_view
    last = _last_view
    if last is not None and last[0] == text:
        return last[1]
    view = _Skeleton(text)
    _last_view = (text, view)
    return view


class _Digits:
    """The text's digits with separators skipped; "|" where anything else breaks the number."""

    def __init__(self, text: str):
        chars: list[str] = []
        offsets: list[int] = []
        n = len(text)
        i = 0
        while i < n:
            char = text[i]
            if not char.isascii():  # full-width "０９１２", "－": what a phone keyboard in another mode types
                char = unicodedata.normalize("NFKC", char)
            if char.isdecimal() and len(char) == 1:
                chars.append(str(unicodedata.decimal(char)))
                offsets.append(i)
            elif char in _SEPARATORS:
                pass
            elif char in _LOOKALIKES:
                # A run of look-alike letters (nothing else) that touches a digit, maybe across separators.
                j = i + 1  # the run goes on over raw look-alikes ("ｏ" became "o" above: at least it is one)
                while j < n and text[j] in _LOOKALIKES:
                    j += 1
                run_is_alone = (j >= n or not _is_word_char(text[j]) or text[j].isdigit()) and (
                    i == 0 or not _is_word_char(text[i - 1]) or text[i - 1].isdigit()
                )
                if run_is_alone and (self._digit_near(text, i - 1, -1) or self._digit_near(text, j, 1)):
                    for k in range(i, j):
                        chars.append(_LOOKALIKES[char if k == i else text[k]])
                        offsets.append(k)
                else:
                    chars.append("|")
                    offsets.append(i)
                i = j
                continue
            else:
                chars.append("|")
                offsets.append(i)
            i += 1
        self.text = text
        self.value = "".join(chars)
        self.offsets = offsets

    @staticmethod
    def _digit_near(text: str, i: int, step: int) -> bool:
        while 0 <= i < len(text) and (text[i] in _SEPARATORS or text[i] in _LOOKALIKES):
            i += step
        return 0 <= i < len(text) and text[i].isdigit()

    def find(self, digits: str, *, phone: bool = False) -> list[tuple[int, int]]:
        found = []
        for match in re.finditer(re.escape(digits), self.value):
            start, end = match.start(), match.end()
            if phone:  # the prefix written before the 9 national digits: 0, 84 or 0084
                for prefix in ("0084", "84", "0"):
                    if self.value[max(0, start - len(prefix)) : start] == prefix:
                        start -= len(prefix)
                        break
            first, last = self.offsets[start], self.offsets[end - 1] + 1
            if first > 0 and self.text[first - 1] == "+":  # "+84 912 …", "(+84) 912 …"
                first -= 1
                if first > 0 and self.text[first - 1] == "(":
                    first -= 1
            found.append((first, last))
        return found


# --- What to look for ------------------------------------------------------------------------------------------------


def _skeleton_of(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalnum())


def name_absent(letters: str, name: str, spaced: str | None = None) -> bool:
    """Whether a name surely has no hit in a text whose folded letters and digits (nothing else) are `letters`: none of the forms :func:`redact`
    looks for (in full, its endings, surname and given name, initials before the given name; a one-word name as
    itself) is anywhere in the letters, boundaries aside; the given name alone counts only next to such a hit. So
    a text without them is searched for nothing (a commune's protected names against every signal).

    With the text's :func:`spaced_skeleton` the boundaries count too, and an initials form only when it is longer
    than :data:`MIN_SKELETON`, as in :func:`redact`: "dân" holds the letters of "D. An" but is no hit of "Dương
    Văn An" (without them, the word "dân" sent most of a commune's signals to the full search)."""
    if spaced is not None:
        bounded = _bounded_forms(name)
        if bounded is not None:
            return bounded.search(spaced) is None
    fixed, initials = _name_forms(name)
    if not fixed and initials is None:
        return False  # nothing to tell by: let the search decide
    if any(form in letters for form in fixed):
        return False
    return initials is None or initials.search(letters) is None


@functools.lru_cache(maxsize=8192)
def _name_forms(name: str) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """The fixed skeleton forms of a name :func:`redact` searches, and its initials pattern (see
    :func:`name_absent`)."""
    words = _words(name)
    if len(words) < 2:
        return ((words[0],) if words else ()), None
    always, _given = _name_patterns(name)
    initials = _initials_pattern(name)
    return tuple(always), (re.compile(initials) if initials else None)


@functools.lru_cache(maxsize=8192)
def _bounded_forms(name: str) -> re.Pattern[str] | None:
    """Every skeleton :func:`redact` counts as a hit of a name of two words or more — its fixed forms, and each way
    of writing its initials that is longer than :data:`MIN_SKELETON` — as one pattern over a
    :func:`spaced_skeleton`: a word boundary may fall between any two letters (the skeleton has none), and the hit
    must begin and end on one."""
    words = _words(name)
    if len(words) < 2:
        return None
    forms = set(_name_patterns(name)[0])
    choices = [(words[0], words[0][0])] + [(word, word[0], "") for word in words[1:-1]]
    for head in itertools.product(*choices):
        form = "".join(head) + words[-1]
        if len(form) > MIN_SKELETON:
            forms.add(form)
    alternatives = [" *".join(map(re.escape, form)) for form in sorted(forms, key=lambda f: (-len(f), f))]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


@dataclass
class _SpacedChars:
    """Characters :func:`spaced_skeleton` maps one to one (`table`: a letter or digit to its folded letter,
    anything that is not part of a word to a space; `safe`: those in it) and those it cannot (`unsafe`: a combining
    mark, a letter folding to two, ...)."""

    table: dict[int, str] = field(default_factory=dict)
    safe: set[str] = field(default_factory=set)
    unsafe: set[str] = field(default_factory=set)

    def learn(self, char: str) -> bool:
        if not _is_word_char(char):
            self.table[ord(char)] = " "
        else:
            folded = [c for c in _fold_char(char) if c.isalnum()]
            if len(folded) != 1 or unicodedata.category(char).startswith("M"):
                self.unsafe.add(char)
                return False
            self.table[ord(char)] = folded[0]
        self.safe.add(char)
        return True


#: What is learnt; replaced whole (never emptied in place) when it grows too large.
_spaced = _SpacedChars()
_SPACED_MAX = 65_536


def spaced_skeleton(text: str) -> str | None:
    """The text's skeleton as :func:`redact` reads it, with a space wherever the text has characters that are not
    part of a word (so its boundaries show), for :func:`name_absent`; None when a character of the text does not
    map to one letter (a combining mark, a ligature): then the boundaries are not told."""
    global _spaced
    known = _spaced  # one table throughout, whatever another thread does meanwhile
    chars = set(text)
    unknown = chars - known.safe
    if unknown:
        if unknown & known.unsafe:
            return None
        if len(known.safe) + len(known.unsafe) > _SPACED_MAX:
            # A flood of exotic characters: start again rather than grow, learning every character of this text.
            known = _spaced = _SpacedChars()
            unknown = chars
        if not all([known.learn(char) for char in unknown]):
            return None
    return " " + text.translate(known.table) + " "


def given_key(name: str) -> str:
    """The folded letters of a name's given name (its last word), "" for none: a name cannot be found in a text whose
    letters lack them."""
    words = _words(name)
    return words[-1] if words else ""


def _words(value: str) -> list[str]:
    return _WORD.findall(fold(value))


def _name_patterns(name: str) -> tuple[list[str], str]:
    """(skeletons always redacted, the given name's skeleton)."""
    words = _words(name)
    if len(words) < 2:  # a one-word name is a given name: only next to another part of the identity
        return [], words[0] if words else ""
    always = {"".join(words)}
    for i in range(1, len(words) - 1):  # endings of two words or more
        always.add("".join(words[i:]))
    always.add(words[0] + words[-1])  # surname + given name
    if len(words) >= 4:
        always.add(words[0] + "".join(words[-2:]))
    return sorted((s for s in always if len(s) >= MIN_SKELETON), key=len, reverse=True), words[-1]


def _initials_pattern(name: str) -> str:
    """The name with its first words cut to initials or left out, the given name whole: "Trần T. B. Ngọc",
    "T.T.B.Ngọc", "Trần Thị B. Ngọc" (as a skeleton pattern)."""
    words = _words(name)
    if len(words) < 2:
        return ""
    head = [f"(?:{re.escape(words[0])}|{re.escape(words[0][0])})"]
    head += [f"(?:{re.escape(w)}|{re.escape(w[0])})?" for w in words[1:-1]]
    return "".join(head) + re.escape(words[-1])


def _address_parts(address: str) -> tuple[list[str], list[str], list[str]]:
    """(skeletons always redacted, skeletons redacted next to the given name, skeletons redacted next to any hit).

    The first part is the most specific: a house or a street is always redacted; a village or another area ("thôn
    Đồng Cả") is also where the matter happens ("trưởng thôn Đồng Cả" is the accused), so it is redacted only next
    to another part of the identity."""
    parts = [p for p in re.split(r"[,;\n]+", address) if p.strip()]
    always: set[str] = set()
    near: set[str] = set()
    area: set[str] = set()
    whole = _skeleton_of(address)
    if len(whole) >= MIN_SKELETON:
        always.add(whole)
    for i, part in enumerate(parts):
        folded = " ".join(_words(part))
        core = folded
        for level in _ADDRESS_LEVELS:
            if core.startswith(level + " "):
                core = core[len(level) + 1 :]
                break
        is_area = core != folded and not folded.startswith(_STREET_LEVELS)
        core = core.replace(" ", "")
        if core.isdigit():  # "Số 12": a bare number is no part of anyone's identity
            continue
        for value in {folded.replace(" ", ""), core}:
            if len(value) >= MIN_SKELETON:
                if i == 0 and len(parts) > 1:
                    (area if is_area else always).add(value)
                else:
                    near.add(value)
    near -= always | area
    area -= always
    return (
        sorted(always, key=len, reverse=True),
        sorted(near, key=len, reverse=True),
        sorted(area, key=len, reverse=True),
    )


def _phone_core(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return digits if len(digits) >= 8 else ""


def _email_pattern(email: str) -> str:
    email = email.strip()
    if "@" not in email:
        return ""
    local, _sep, domain = email.rpartition("@")
    local_sk = _skeleton_of(local)
    labels = [_skeleton_of(label) for label in domain.split(".") if _skeleton_of(label)]
    if len(local_sk) < 2 or not labels:
        return ""
    return re.escape(local_sk) + _EMAIL_AT + _EMAIL_DOT.join(re.escape(label) for label in labels)


# --- Putting it together ---------------------------------------------------------------------------------------------


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _apply(text: str, spans: list[tuple[int, int]]) -> Redaction:
    spans = _merge(spans)
    pieces, position = [], 0
    for first, last in spans:
        pieces += [text[position:first], MARKER]
        position = last
    pieces.append(text[position:])
    return Redaction("".join(pieces), spans)


def _words_between(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    first, second = sorted((a, b))
    if second[0] <= first[1]:
        return 0
    return len(_WORD.findall(text[first[1] : second[0]]))


def _may_be_given(written: str, name: str) -> bool:
    """A word with the letters of the given name may be it: written with its marks ("Đoan" for "Đoan"), or without
    any (typed without diacritics: "doan" may be her), but not with other marks — "đoạn" (a stretch of road) and
    "Đoàn" are other words than "Đoan". A name given without marks may be any of them."""
    words = name.split()
    if not words:
        return True
    # The tone mark's place told apart from the mark ("Thuý" and "Thúy" are one name), and spacing or dots
    # between the letters ("T h ú y") set aside.
    given = _spelled(words[-1])
    if fold(given) == given:
        return True
    written = _spelled(written)
    return written == given or fold(written) == written


def _spelled(word: str) -> str:
    return "".join(char for char in normalize(unicodedata.normalize("NFC", word)).lower() if char.isalnum())


def redact(text: str, identity: Identity | Mapping[str, object]) -> Redaction:
    """`text` with every hit of `identity` replaced by :data:`MARKER`, and the replaced spans (see the module)."""
    if not isinstance(identity, Identity):
        identity = Identity.of(identity)
    if not text:
        return Redaction(text or "", [])
    skeleton = _skeleton_view(text)
    hits: list[tuple[int, int]] = []

    names, given = _name_patterns(identity.name)
    for value in names:
        hits += skeleton.find(re.escape(value))
    initials = _initials_pattern(identity.name)
    if initials:
        # An initial and a short given name are a common word ("D. An" has the letters of "dẫn"): such a hit needs
        # more letters than MIN_SKELETON to count.
        hits += [
            (start, end)
            for start, end in skeleton.find(initials)
            if sum(char.isalnum() for char in text[start:end]) > MIN_SKELETON
        ]
    # Any e-mail address in a protected text: the form may not have asked for one (the reception desk does not).
    hits += [m.span() for m in _ANY_EMAIL.finditer(text)]
    address_always, address_near, address_area = _address_parts(identity.address)
    for value in address_always:
        hits += skeleton.find(re.escape(value))
    core = _phone_core(identity.phone)
    digits = _Digits(text) if core or identity.id_number else None  # only when there are digits to look for
    if core and digits is not None:
        hits += digits.find(core, phone=True)
    id_digits = re.sub(r"[\s.\-]", "", identity.id_number)
    if id_digits.isdigit() and len(id_digits) >= 8:
        hits += (digits or _Digits(text)).find(id_digits)
    elif len(_skeleton_of(id_digits)) >= 6:  # a passport number
        hits += skeleton.find(re.escape(_skeleton_of(id_digits)))
    email = _email_pattern(identity.email)
    if email:
        hits += skeleton.find(email)

    # The given name alone, and the less specific address parts: only next to another part of the identity.
    given_hits = skeleton.find(re.escape(given)) if given and len(given) >= 2 else []
    given_hits = [h for h in given_hits if _may_be_given(text[h[0] : h[1]], identity.name)]
    area_hits = [h for value in address_area for h in skeleton.find(re.escape(value))]
    near_hits = [h for value in address_near for h in skeleton.find(re.escape(value))] + area_hits
    anchors = list(hits)
    for hit in given_hits:
        close = [a for a in anchors + near_hits if a != hit and _words_between(text, hit, a) <= NEAR_WORDS]
        if close:
            hits.append(hit)
            hits += [a for a in close if a in near_hits]
    # The person's own village, next to their name, phone or ID ("Nguyễn Văn An, thôn Đồng Cả"); the same village
    # elsewhere in the text is the place of the matter and stays.
    # "Nhà tôi ở xóm Kín" says it too, without a name.
    settled = list(hits) + [h for value in _SELF_REFERENCES for h in skeleton.find(value)]
    hits += [
        h for h in area_hits if any(a != h and _words_between(text, h, a) <= NEAR_WORDS for a in settled)
    ]
    return _apply(text, hits)


def redact_phrases(text: str, phrases: list[str]) -> Redaction:
    """`text` with each phrase an officer chose replaced, found like a name (folded, spacing-insensitive)."""
    skeleton = _skeleton_view(text or "")
    hits: list[tuple[int, int]] = []
    for phrase in phrases:
        value = _skeleton_of(phrase)
        if value:
            hits += skeleton.find(re.escape(value))
    return _apply(text or "", hits)

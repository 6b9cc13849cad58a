"""People's names in a citizen's text, so that they are not taken for what the text is about.

Two letters that both name a "Mạnh" ("ông Dương Hữu Mạnh", "nổ mìn rất mạnh") or a "Bình" share a word, not a matter;
a name is one writer's detail, and to the grouping it is noise that joins unrelated matters. :func:`strip_names`
replaces each name found with a clause break (so no pair of syllables spans it):

* a full name: a known family name and two or three more words written with a capital ("Phạm Minh Bình", "Hoàng
  Ngọc Nhàn");
* after a title or a word that introduces a person ("ông", "bà", "anh", "chị", "tên là", "công dân", "đại diện",
  "người làm đơn" …): one to four words written with a capital ("ông Khải", "Bà Hằng"), or, in a text typed without
  capitals, a family name and one or two more words ("ong nguyen van hung");
* after "nhà", "hộ" or "gia đình": a full name of three or four capitalised words only ("trước nhà Pạhm Ngọc Mạnh";
  "Nhà văn hóa" stays).

A place keeps its name: a village or a mountain is introduced by its kind ("thôn Cao Quang", "núi Đanh"), not by a
title, and two capitalised words without a title are never taken for a name. Text in capitals throughout ("NGUYỄN
VĂN A") is left as it is: capitals say nothing there.

The same reading gives the people a text is *about* (:func:`read_names`): a name after a title that is not the
writer's ("nhà Đỗ Văn Hùng", "cụ Lan", not "tên là …", "công dân …", "ông/bà … (thôn …) gọi đến"). Two letters in
the same words about two households ("cột điện nghiêng trước nhà Lê Văn Quý", "… trước nhà Phan Văn Sơn") are two
matters; the grouping keeps them apart by these names, never shown to anyone.
"""

import re
import unicodedata

from gandan.core.vnnlp.syllables import fold_fast

__all__ = ["FAMILY_NAMES", "read_names", "strip_names"]

#: The common Vietnamese family names, which start a full name.
_FAMILY_LIST = (
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh phùng trịnh lương đào đoàn lâm tạ "
    "khổng nông lò hứa vương tăng nghiêm thân kiều lưu quách triệu lại tống đàm mạc lục diệp phí trương hà mai cao chu "
    "giang kim thái tô vi mẫn khúc lã doãn bạch khuất giáp sầm kha nhâm ninh"
)
FAMILY_NAMES = frozenset(_FAMILY_LIST.split(" "))
#: ... folded, for a name written with a capital (a typo in its marks still starts a name there: "Pạhm").
_FAMILY_FOLDED = frozenset(fold_fast(name) for name in FAMILY_NAMES)


def _capitals() -> str:
    """The capital letters of Vietnamese (and of the Latin letters folding reads): a character class's body."""
    letters = [
        chr(code) for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    ]
    return "".join(char for char in letters if char.isalpha() and char.isupper())


_WORD = r"[^\W\d_]+"
_TITLES = (
    "ông|bà|anh|chị|cô|chú|bác|cụ|cháu|em|đồng chí|đ/c|tên là|tên|công dân|đại diện|người làm đơn|người gọi|"
    "người viết|ký tên|họ tên|họ và tên|nhà|hộ|gia đình"
)
_WEAK = frozenset({"nhà", "hộ", "gia đình"})
# A title and the words after it, or three or four words the first of which is written with a capital.
_RUN = re.compile(
    rf"\b(?:(?i:({_TITLES}))\b[ \t:.]*({_WORD}(?:[ \t]+{_WORD}){{0,3}})"
    rf"|([{_capitals()}]{_WORD}?(?:[ \t]+{_WORD}){{2,3}}))"
)

_CAPITAL = re.compile(f"[{_capitals()}]")
_SMALL = re.compile(f"[{_capitals().lower()}]")


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _name_length(words: list[str], title: str) -> int:
    """How many of `words` (the words after `title`, "" for none) are a person's name: 0 when they are not one."""
    run = 0
    for word in words:
        if not _capitalised(word):
            break
        run += 1
    family = bool(words) and fold_fast(words[0]) in _FAMILY_FOLDED
    if not title:
        return run if run >= 3 and family else 0
    if title in _WEAK:
        return run if run >= 3 else 0
    if run:
        return run
    # Typed without capitals: a family name, with its marks ("đo đạc" is not "Đỗ"), and one or two more words.
    # A family name spelt in plain letters ("phan", "cao", "mai") is too often a word to be taken for one here.
    first = words[0].lower() if words else ""
    if (
        first in FAMILY_NAMES
        and not first.isascii()
        and len(words) >= 2
        and all(w.islower() for w in words[:3])
    ):
        return min(3, len(words))
    return 0


#: Titles before the writer's own name, not the name of someone the text is about.
_WRITER_TITLES = frozenset(
    {
        "tên là",
        "tên",
        "công dân",
        "đại diện",
        "người làm đơn",
        "người gọi",
        "người viết",
        "ký tên",
        "họ tên",
        "họ và tên",
    }
)
#: What follows the writer's name in a note of a call or a visit: "(thôn …)", ", trú tại", "đến trụ sở", "gọi đến".
_WRITER_AFTER = re.compile(
    r"[ \t]*(?:\(|,?[ \t]*(?:trú|sinh năm|hiện cư|đến trụ|gọi đến|số điện|sđt|cccd))", re.IGNORECASE
)


def read_names(text: str) -> tuple[str, frozenset[str]]:
    """The text with the people's names it holds replaced by ", ", and the folded given names of the people it is
    about (see the module's docstring)."""
    if not text:
        return text, frozenset()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # a name typed with combining marks is the same name
    if len(_CAPITAL.findall(text)) > len(_SMALL.findall(text)):
        return text, frozenset()  # shouted: capitals say nothing of names
    out: list[str] = []
    about: set[str] = set()
    last = position = 0
    while (found := _RUN.search(text, position)) is not None:
        if found.group(1) is not None:
            title, group = found.group(1).lower(), 2
        else:
            title, group = "", 3
        start = found.start(group)
        words = found.group(group).split()
        size = _name_length(words, title)
        if size == 0:
            position = start + len(words[0])  # a name may start at the next word ("Nay Phạm Văn Sáu")
            continue
        end = start
        for word in words[:size]:
            end = text.index(word, end) + len(word)
        if (
            title
            and title not in _WRITER_TITLES
            and text[found.start() - 1 : found.start()] != "/"  # "ông/bà …": how a note names its caller
            and not _WRITER_AFTER.match(text, end)
        ):
            about.add(fold_fast(words[size - 1]))
        out.append(text[last:start])
        out.append(", ")
        last = position = end
    out.append(text[last:])
    return "".join(out), frozenset(about)


def strip_names(text: str) -> str:
    """The text with the people's names it holds replaced by ", " (see the module's docstring)."""
    return read_names(text)[0]

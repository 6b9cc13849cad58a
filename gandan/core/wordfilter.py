"""Checks of a reader's opinion before it is stored: forbidden words and links. Pure: the list of forbidden words is
an argument.

A forbidden word or phrase is kept as its key: its folded tokens joined by single spaces (`phrase_key`), so "Đồ
ngu", "đồ  NGU" and "do ngu" are one entry. A text holds it when the phrase's tokens stand side by side in the text's
folded tokens (so "đồ ngu" spelt "do ngu", "ĐỒ NGU" or "đồ.ngu" is caught, and "ngu" inside "nguyễn" is not), or when
one token of the text is the phrase's tokens written together ("đ.m" also catches "dm")."""

import re
from collections.abc import Iterable

from gandan.core.vntext import tokens

PHRASE_TOKENS_MAX = 8  # a forbidden phrase of more words than this is refused: nobody types one

# A link: a scheme, "www.", or a bare host name ending in a common top-level domain ("bit.ly/x", "abc.com.vn").
_LINK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|vn|info|biz|xyz|top|io|ly|me|co|ru|cn|site|online|"
    r"shop|club|link|click)\b(?:/\S*)?",
    re.IGNORECASE,
)


def phrase_key(phrase: str) -> str:
    """The folded form a forbidden phrase is kept and compared as ("" when it holds no letter or digit)."""
    return " ".join(tokens(phrase))


def forbidden_found(text: str, keys: Iterable[str]) -> str | None:
    """The first key of `keys` (as `phrase_key` makes them) that `text` holds, or None."""
    wanted = {key for key in keys if key}
    if not wanted:
        return None
    words = tokens(text)
    longest = min(PHRASE_TOKENS_MAX, max(key.count(" ") + 1 for key in wanted))
    seen: set[str] = set(words)
    for size in range(2, longest + 1):
        seen.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    joined = {key.replace(" ", ""): key for key in wanted if " " in key}
    for key in sorted(wanted):
        if key in seen:
            return key
    for word in words:
        if word in joined:
            return joined[word]
    return None


def link_count(text: str) -> int:
    """How many links the text holds (addresses with a scheme, "www." or a common domain ending)."""
    return len(_LINK.findall(text or ""))

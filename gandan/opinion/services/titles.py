"""A short title for an issue, from the (masked) text of its most representative signal."""

import re
from collections.abc import Mapping

from gandan.core.vnnlp import terms

TITLE_MAX = 90
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
# Lines that open a letter and say nothing of the matter.
_BOILERPLATE = re.compile(
    r"^(kinh gui|dong kinh gui|cong hoa|doc lap|don |toi ten|toi la|ho va ten|dia chi|so dien thoai|sdt|"
    r"noi dung|can cu|xin chao|chao)",
)


def title_of(text: str, weights: Mapping[str, float] | None = None) -> str:
    """The sentence of `text` that holds most of the issue's strong terms (`weights`: term → weight), or the
    first sentence that is not a letter's formula; cut to TITLE_MAX characters on a word boundary."""
    from gandan.core.vntext import fold

    sentences = [s.strip(" -–•*:") for s in _SENTENCES.split(text.strip()) if s.strip(" -–•*:")]
    useful = [s for s in sentences if not _BOILERPLATE.match(fold(s))] or sentences or [text.strip()]
    if weights and len(useful) > 1:
        total = sum(weights.values()) or 1.0

        def score(sentence: str) -> float:
            found = set(terms(sentence))
            return sum(weights.get(t, 0.0) for t in found) / total - 0.002 * len(sentence)

        best = max(useful, key=score)
    else:
        best = useful[0]
    best = best.rstrip(" .;,")
    if len(best) > TITLE_MAX:
        best = best[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return best[:1].upper() + best[1:] if best else "—"

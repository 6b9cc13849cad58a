"""A short title for an issue, from the (masked) text of its most representative signal."""

import re
from collections.abc import Mapping

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from gandan.core.vnnlp import terms
from gandan.core.vntext import fold

TITLE_MAX = 90
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
# A period after these is an abbreviation's ("th. Quang Hà", "x. Tam Sơn", "tp. Việt Trì"), not a sentence's end.
_ABBREVIATED = re.compile(r"(?:^|\s)(?:th|x|tp|tt|p|q)\.$", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    found: list[str] = []
    for piece in _SENTENCES.split(text.strip()):
        if found and _ABBREVIATED.search(found[-1]):
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


# "Cuộc gọi đến: …", "Ghi chép của tổ dân vận: …", "Tiếp công dân: công dân X, trú tại Y, trình bày: …", "Nội
# dung kiến nghị: …": a frame before a colon; the matter follows it.
_FRAME = re.compile(r"^[^:]{0,80}:\s+")
# A frame that says who tells, or that the matter follows: stripped however short the matter after it.
_TELLING_FRAME = re.compile(
    r"(?:trinh bay|phan anh|kien nghi|de nghi|to cao|ghi nhan|bao cao(?: nhanh)?|goi den|tiep cong dan|noi dung"
    r"(?: [a-z ]{0,20})?|ghi chep[^:]*|hien truong[^:]*)\s*:\s*$"
)
# Lines that open or close a letter and say nothing of the matter.
_BOILERPLATE = re.compile(
    r"^(kinh gui|dong kinh gui|cong hoa|doc lap|don |toi ten|toi la\b|(?:toi )?xin cam doan|ho va ten|dia chi|so dien thoai|sdt|"
    r"noi dung(?![^:]{0,40}:)|can cu|xin chao|chao|xin tran trong|tran trong|xin cam on|nguoi lam don|kinh mong|rat mong|"
    r"email|e-mail|thu dien tu|lien he(?:\s*:|\s+(?:sdt|so |qua |email|e-mail|\*|\+|\d))|ba con mong muon duoc gap)",
)


# Before the matter, without a colon: a hotline note's caller ("Ông/bà Đặng Hữu Vinh (thôn Đồng Cả) gọi đến phản
# ánh hồ sơ …") and a question's opening ("Cho hỏi giếng nhà tôi …"). Matched on the folded sentence.
_LEADS = (
    re.compile(
        r"^(?:ong/ba|ong|ba con|ba|anh|chi|cong dan|nguoi dan)\b[^.!?]{0,80}?\bgoi (?:dien den|dien|den)\s+"
        r"(?:(?:de )?(?:phan anh|hoi|de nghi|bao|kien nghi|trinh bay|to cao)\s+)?(?:(?:ve|rang|la)\s+)?"
    ),
    re.compile(r"^(?:cho (?:em |toi |chau |minh )?hoi|xin hoi)\s+(?:(?:ve|la)\s+)?"),
    # Who came to the commune's office: "Ông/bà X đến trụ sở (UBND xã) trình bày …" — no comma and no word of
    # telling on the way ("Bà con phản ánh đường … đến UBND xã xuống cấp, đề nghị …" is a road's matter).
    re.compile(
        r"^(?:ong/ba|ong|ba con|ba|anh|chi|cong dan|nguoi dan)\b"
        r"(?:(?!phan anh|kien nghi|de nghi|trinh bay)[^.!?,]){0,80}?\bden (?:tru so|uy ban|ubnd)\b"
        r"[^.!?,]{0,30}?\b(?:trinh bay|phan anh|de nghi|kien nghi|to cao)\s+(?:(?:ve|rang)\s+)?"
    ),
    # Who told it, and where from, in a few words: "người dân thôn Khe Lau phản ánh …", "bà con Đồng Cả bức xúc vì …"
    # (not "Người dân thôn Bến Đò chưa được bồi thường …, nhiều lần kiến nghị …": the matter is before the verb).
    re.compile(
        r"^(?:qua nam tinh hinh,? )?(?:nguoi dan|ba con|cu tri)(?: [^\s,.!?]+){0,4}? "
        r"(?:phan anh|kien nghi|trinh bay|buc xuc (?:vi|ve))\s+(?:(?:ve|rang)\s+)?"
    ),
)


def _without_lead(sentence: str) -> str:
    folded = fold(sentence)
    if len(folded) != len(sentence):  # folding changed the length: positions do not carry over
        return sentence
    for lead in _LEADS:
        found = lead.match(folded)
        if found and len(sentence) - found.end() >= 12:
            return sentence[found.end() :]
    return sentence


def _candidates(text: str) -> list[str]:
    found = []
    for sentence in _sentences(text):
        sentence = sentence.strip(" -–•*")
        if _BOILERPLATE.match(fold(sentence)):
            continue
        while True:  # frames may nest ("Tiếp công dân: …, trình bày: …")
            stripped = _FRAME.sub("", sentence, count=1)
            # What follows a frame is the longer part: in "Trường thu nhiều khoản đầu năm: tiền quỹ lớp" the colon
            # only lists, and the matter is before it.
            if stripped == sentence or len(stripped) < 12:
                break
            frame = sentence[: len(sentence) - len(stripped)]
            if len(stripped) * 2 < len(frame) and not _TELLING_FRAME.search(fold(frame)):
                break
            sentence = stripped
        sentence = _without_lead(sentence)
        if sentence and not _BOILERPLATE.match(fold(sentence)):
            found.append(sentence)
    # A sentence that was mostly personal data ("SĐT: ***") makes a poor title: kept only if nothing else is left.
    return [s for s in found if "***" not in s] or found


def confidential_title() -> str:
    """The title of an issue told only by protected denunciations (their words may tell who wrote them), in the
    site's language whatever the language of the session that caused it (a title is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("A denunciation (its content is confidential)")


def title_of(text: str, weights: Mapping[str, float] | None = None) -> str:
    """The sentence of `text` that holds most of the issue's strong terms (`weights`: term → weight, the issue's
    core), a frame before a colon and a letter's formulas left out; cut to TITLE_MAX characters on a word
    boundary."""
    useful = _candidates(text) or [text.strip()]
    if weights and len(useful) > 1:

        def score(sentence: str) -> float:
            found = set(terms(sentence))
            return sum(weights.get(t, 0.0) for t in found) / (len(found) + 3)

        best = max(useful, key=score)
    else:
        best = useful[0]
    best = best.rstrip(" .;,")
    if len(best) > TITLE_MAX:
        best = best[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    return best[:1].upper() + best[1:] if best else "—"

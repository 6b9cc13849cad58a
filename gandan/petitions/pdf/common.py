"""What the notices of a petition case and the citizen-reception forms share: the signers' titles and the
stamp hint, the only name a protected denunciator gets on paper, the words for each kind of petition, the
abbreviations of Decree 30/2020 Appendix III that number a document, and the small helpers that write the number
line (`number_line`), capitalise a phrase, open an `OfficialDocument` and sign as chairman.
"""

from gandan.pdfdoc import OfficialDocument, Signature
from gandan.petitions.models import Kind

CHAIRMAN = "CHỦ TỊCH"
SIGN_STAMP_HINT = "(Ký, ghi rõ họ tên, đóng dấu)"
PROTECTED_ADDRESSEE = "Người tố cáo"  # the only way a protected denunciator is named on paper

KIND_WORDS: dict[str, str] = {
    Kind.COMPLAINT: "khiếu nại",
    Kind.DENUNCIATION: "tố cáo",
    Kind.RECOMMENDATION: "kiến nghị",
    Kind.REFLECTION: "phản ánh",
    Kind.ANONYMOUS: "thông tin có nội dung tố cáo",
}
# Decree 30/2020 Appendix III: the abbreviation of each kind of document in its number.
NOTICE, DECISION, CONCLUSION, MINUTES, LETTER = "TB-UBND", "QĐ-UBND", "KL-UBND", "BB-UBND", "UBND"


# --- Small helpers ---------------------------------------------------------------------------------------------
def number_line(number: str, code: str) -> str:
    """ "Số: 12/TB-UBND": a bare number gets the code of its kind of document, a full one is kept, none is
    left as dots to be filled in by hand."""
    number = (number or "").strip()
    if not number:
        return f"Số: ....../{code}"
    return f"Số: {number}" if "/" in number else f"Số: {number}/{code}"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def paper(unit, note: str, title: str, code: str, subject: str) -> OfficialDocument:
    return OfficialDocument(unit, note=note, title=f"{title} - {code}", subject=subject)


def chairman_signature() -> Signature:
    return Signature(CHAIRMAN, hint=SIGN_STAMP_HINT)

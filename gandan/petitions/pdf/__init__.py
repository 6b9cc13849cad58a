"""The documents of petitions and citizen reception, as PDF (DOMAIN.md §2–§5), in the layout of gandan.pdfdoc:
the notices and decisions on a petition case in `documents`, the citizen-reception forms (01/TCD, 02/TCD and the
conclusion notice of a reception day) in `reception`, and what both share in `common`; the builders are
re-exported here. A protected denunciation (Law on Denunciation Art. 47, 56) never prints who denounced: the
petition holds only a neutral label and the identity lives in `ProtectedIdentity`, which this package never reads.
Such documents are addressed to "Người tố cáo" only; the same holds for a reception record linked to a protected
case. The citizen ID is never printed. Every word printed is Vietnamese whatever the officer's interface language.
Builders only read.
"""

from gandan.petitions.pdf.common import number_line
from gandan.petitions.pdf.documents import document_pdf_bytes
from gandan.petitions.pdf.reception import (
    conclusion_notice_pdf_bytes,
    reception_receipt_pdf_bytes,
    reception_refusal_pdf_bytes,
)

__all__ = [
    "conclusion_notice_pdf_bytes",
    "document_pdf_bytes",
    "number_line",
    "reception_receipt_pdf_bytes",
    "reception_refusal_pdf_bytes",
]

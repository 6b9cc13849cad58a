"""The documents of petitions, as PDF (DOMAIN.md §2–§4), in the layout of gandan.pdfdoc: the notices and decisions
on a petition case in `documents`, and in `common` what they share with the citizen-reception forms
(gandan.reception.pdf); the builders are re-exported here. A protected denunciation (Law on Denunciation Art. 47, 56)
never prints who denounced: the petition holds only a neutral label and the identity lives in `ProtectedIdentity`,
which this package never reads. Such documents are addressed to "Người tố cáo" only. The citizen ID is never
printed. Every word printed is Vietnamese whatever the officer's interface language. Builders only read.
"""

from gandan.petitions.pdf.common import number_line
from gandan.petitions.pdf.documents import document_pdf_bytes

__all__ = [
    "document_pdf_bytes",
    "number_line",
]

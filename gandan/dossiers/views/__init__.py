"""Staff pages of the one-stop desk: `desk` (worklist, intake, a dossier and its actions, indicators), `catalogue`
(the province's procedure catalogue and its import) and `documents` (each dossier's printable forms and the tracking
book). Interfaces only: reads come from selectors, every change goes through services."""

from gandan.dossiers.views.catalogue import (
    procedure_detail,
    procedure_edit,
    procedure_import,
    procedure_import_template,
    procedure_list,
)
from gandan.dossiers.views.desk import (
    act,
    attachment,
    detail,
    indicators,
    intake,
    result_file,
    reveal_identity,
    unlock_lookup,
    worklist,
)
from gandan.dossiers.views.documents import form_pdf, tracking_book

__all__ = [
    "act",
    "attachment",
    "detail",
    "form_pdf",
    "indicators",
    "intake",
    "procedure_detail",
    "procedure_edit",
    "procedure_import",
    "procedure_import_template",
    "procedure_list",
    "result_file",
    "reveal_identity",
    "tracking_book",
    "unlock_lookup",
    "worklist",
]

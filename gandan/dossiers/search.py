"""What makes a dossier and a procedure searchable (gandan.search): the text each is indexed with, written by the
services that create or change them (intake, the catalogue import), by the seeding, and by `search_reindex`.

A dossier is found by its code, the applicant's name, any part of the phone number, the address and the procedure's
name; nothing here is protected (the citizen ID number lives apart, in DossierIdentity, and is never indexed). A
procedure is found by its code and its name. The catalogue is the province's: procedures belong to no unit.
"""

from gandan.dossiers.models import Dossier, Procedure
from gandan.search.registry import Document, Indexed
from gandan.search.services import index_document

DOSSIER = "dossier"
PROCEDURE = "procedure"
PHONE_PART_FROM = 4  # "0987 000 333", "000333" and "0333" all find 0987000333
# The endings of the phone are indexed as words behind this marker, so that they never match a plain word of the
# text: a code's "0002" must not find every phone with "0002" in it.
PHONE_MARK = "sdt"


def phone_parts(phone: str) -> str:
    """The phone as a word, and each of its endings as a marked word: a query matches the start of a word, so
    `phone_query` can find the number by any part of it (the last digits a citizen reads out)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    endings = (PHONE_MARK + digits[i:] for i in range(len(digits) - PHONE_PART_FROM + 1))
    return " ".join([digits, *endings])


def phone_query(query: str) -> str | None:
    """For a query of digits only (spaces allowed, at least PHONE_PART_FROM of them): the query that finds the
    phones containing those digits. None for any other query."""
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) < PHONE_PART_FROM or any(not (ch.isdigit() or ch.isspace()) for ch in query):
        return None
    return PHONE_MARK + digits


def dossier_document(dossier: Dossier) -> Document:
    """Reads `dossier.procedure`: select it with the dossier."""
    text = (
        f"{dossier.code} {dossier.applicant_name} {phone_parts(dossier.applicant_phone)} "
        f"{dossier.applicant_address} {dossier.procedure.name}"
    )
    return dossier.pk, dossier.unit_path, text


def dossier_index(dossier: Dossier) -> None:
    """Index (or re-index) one dossier; call it in the transaction that writes it."""
    object_id, unit_path, text = dossier_document(dossier)
    index_document(DOSSIER, object_id, text=text, unit_path=unit_path)


def procedure_document(procedure: Procedure) -> Document:
    return procedure.pk, "", f"{procedure.code} {procedure.name}"


def procedure_index(procedure: Procedure) -> None:
    object_id, unit_path, text = procedure_document(procedure)
    index_document(PROCEDURE, object_id, text=text, unit_path=unit_path)


SEARCH_KINDS = [
    Indexed(
        kind=DOSSIER, rows=lambda: Dossier.objects.select_related("procedure"), document=dossier_document
    ),
    Indexed(kind=PROCEDURE, rows=lambda: Procedure.objects.all(), document=procedure_document),
]

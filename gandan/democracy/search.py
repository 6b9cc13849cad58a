"""What makes the democracy records searchable without diacritics (gandan.search): the text each public disclosure is
indexed with (its title, summary and decision), written by the services that record or change it and by
`search_reindex`. A disclosure is public by nature: nothing in it is protected."""

from gandan.democracy.models import Disclosure
from gandan.search.registry import Document, Indexed
from gandan.search.services import index_document

DISCLOSURE = "democracy_disclosure"


def disclosure_document(disclosure: Disclosure) -> Document:
    text = f"{disclosure.title}\n{disclosure.summary}\n{disclosure.decision_ref}"
    return disclosure.pk, disclosure.unit_path, text


def disclosure_index(disclosure: Disclosure) -> None:
    """Index (or re-index) one disclosure; call it in the transaction that writes it."""
    object_id, unit_path, text = disclosure_document(disclosure)
    index_document(DISCLOSURE, object_id, text=text, unit_path=unit_path)


SEARCH_KINDS = [Indexed(kind=DISCLOSURE, rows=lambda: Disclosure.objects.all(), document=disclosure_document)]

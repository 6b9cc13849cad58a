"""What makes an audit event searchable (gandan.search): the actor's name, the object and its id. The event row is
append-only and hash-chained, so the document is written beside it (`event_record`, in the same transaction) and
the row itself is never touched.

The audit page searches "who" and "object" separately with one document per event: the actor's words are indexed
behind a marker (`ACTOR_MARK` + word), which no plain word starts with, so "who: hoa" matches the actor Nguyễn Thị
Hoa and not an event about the citizen Hòa, and "object: hoa" the other way round.
"""

from collections.abc import Iterable

from gandan.audit.models import Event
from gandan.core.vntext import tokens
from gandan.search.registry import Document, Indexed
from gandan.search.services import bulk_index, index_document, query_tokens

AUDIT = "audit"
ACTOR_MARK = "zq"  # no Vietnamese word starts with "zq", nor any code or number


def event_document(event: Event) -> Document:
    actor = " ".join(ACTOR_MARK + token for token in tokens(event.actor_name))
    return event.pk, event.unit_path, f"{actor} {event.object_repr} {event.object_id}"


def event_index(event: Event) -> None:
    object_id, unit_path, text = event_document(event)
    index_document(AUDIT, object_id, text=text, unit_path=unit_path)


def events_index(events: Iterable[Event]) -> None:
    bulk_index(AUDIT, (event_document(e) for e in events))


def event_query(*, actor: str = "", obj: str = "") -> str:
    """The search query for the audit page's two boxes: every word of each must match its own part."""
    return " ".join([*(ACTOR_MARK + word for word in query_tokens(actor)), *query_tokens(obj)])


SEARCH_KINDS = [Indexed(kind=AUDIT, rows=lambda: Event.objects.all(), document=event_document)]

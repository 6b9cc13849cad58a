"""What makes the mobilisation records searchable without diacritics (gandan.search): the text each activity is
indexed with, written by the services that record or change it and by `search_reindex`.

A mediation case names private people (who quarrelled with whom): it is indexed by its title only, so no search can
find a neighbour's dispute by his name; the other kinds by their title and content."""

from gandan.mobilization.models import Activity
from gandan.search.registry import Document, Indexed
from gandan.search.services import index_document

ACTIVITY = "mobilization_activity"


def activity_document(activity: Activity) -> Document:
    if activity.kind == Activity.Kind.MEDIATION:
        text = activity.title
    else:
        text = f"{activity.title}\n{activity.content}"
    return activity.pk, activity.unit_path, text


def activity_index(activity: Activity) -> None:
    """Index (or re-index) one activity; call it in the transaction that writes it."""
    object_id, unit_path, text = activity_document(activity)
    index_document(ACTIVITY, object_id, text=text, unit_path=unit_path)


SEARCH_KINDS = [Indexed(kind=ACTIVITY, rows=lambda: Activity.objects.all(), document=activity_document)]

"""What makes the reception book and the tasks of conclusion notices searchable (gandan.search): the text each is
indexed with, written by the services that create or change them and by `search_reindex`.

Identity protection (Law on Denunciation Art. 47, 56): a reception record whose petition is protected is indexed
without the citizen's name or address (the book keeps only the neutral label for them anyway), so no search can
find a denunciator by name.
"""

from gandan.petitions.models import Kind, Task
from gandan.reception.models import ReceptionRecord
from gandan.search.registry import Document, Indexed
from gandan.search.services import bulk_index, index_document

RECEPTION = "reception"
CONCLUSION_TASK = "conclusion_task"


def reception_document(record: ReceptionRecord) -> Document:
    """Reads `record.petition`: select it with the record."""
    # A denunciation never carries its author's name into the index, whether or not a protected petition was made
    # of it (a guided or refused denunciation has none), nor does a line whose petition protects its author.
    protected = (
        record.petition is not None and record.petition.protected
    ) or record.kind == Kind.DENUNCIATION
    who = "" if protected else f"{record.citizen_name} {record.citizen_address}"
    return record.pk, record.unit_path, f"{who} {record.content}"


def reception_index(record: ReceptionRecord) -> None:
    """Index (or re-index) one line of the reception book; call it in the transaction that writes it."""
    object_id, unit_path, text = reception_document(record)
    index_document(RECEPTION, object_id, text=text, unit_path=unit_path)


def task_document(task: Task) -> Document:
    return task.pk, task.unit_path, f"{task.title} {task.responsible_body}"


def tasks_index(tasks: list[Task]) -> None:
    """Index the tasks of a conclusion notice (one statement for all of them)."""
    bulk_index(CONCLUSION_TASK, (task_document(t) for t in tasks))


SEARCH_KINDS = [
    Indexed(
        kind=RECEPTION,
        rows=lambda: ReceptionRecord.objects.select_related("petition"),
        document=reception_document,
    ),
    Indexed(
        kind=CONCLUSION_TASK,
        rows=lambda: Task.objects.filter(conclusion__isnull=False),
        document=task_document,
    ),
]

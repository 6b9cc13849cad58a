"""Writing the audit trail. Services call `event_record` inside their own transaction, so the event and the change
commit together or not at all. Each append extends the table's hash chain (`gandan.audit.chain`) under the
append turn, which is held until the caller's transaction commits."""

from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from gandan.audit.chain import chain_extend
from gandan.audit.models import Event, SensitiveRead
from gandan.audit.search import event_index, events_index


def _actor_name(actor) -> str:
    if actor is None:
        return "system"
    return str(actor)[:150]


def _event(*, actor, action: str, obj: models.Model | None = None, unit=None, details: dict[str, Any] | None = None,
           at) -> Event:
    if unit is None and obj is not None:
        unit = getattr(obj, "unit", None)
        if unit is None and obj._meta.label == "units.Unit":
            unit = obj
    return Event(
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        unit=unit,
        unit_path=unit.path if unit is not None else "",
        details=details or {},
    )


def event_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    unit=None,
    details: dict[str, Any] | None = None,
) -> Event:
    """Append one event. `unit` defaults to the object's own unit (or the object itself when it is a Unit)."""
    event = _event(actor=actor, action=action, obj=obj, unit=unit, details=details, at=timezone.now())
    with transaction.atomic():
        chain_extend(Event, [event], connection=connection)
        event.save(force_insert=True)
        event_index(event)  # beside the row, which stays as chained
    return event


def events_record(events: list[dict[str, Any]], *, at=None) -> list[Event]:
    """Append several events in one insert; each dict holds `event_record`'s arguments."""
    at = at or timezone.now()
    rows = [_event(**event, at=at) for event in events]
    with transaction.atomic():
        chain_extend(Event, rows, connection=connection)
        created = Event.objects.bulk_create(rows)
        events_index(created)
        return created


def sensitive_read_record(*, actor, obj: models.Model, what: str, reason: str, unit=None) -> SensitiveRead:
    """Log that `actor` opened sensitive data `what` of `obj`, and why. Callers must check the grant first."""
    unit = unit if unit is not None else getattr(obj, "unit", None)
    read = SensitiveRead(
        at=timezone.now(),
        actor=actor,
        actor_name=_actor_name(actor),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        what=what,
        reason=reason,
        unit_path=unit.path if unit is not None else "",
    )
    with transaction.atomic():
        chain_extend(SensitiveRead, [read], connection=connection)
        read.save(force_insert=True)
    return read

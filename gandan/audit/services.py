"""Writing the audit trail. Services call `event_record` inside their own transaction, so the event and the change
commit together or not at all. Each append extends the table's hash chain (`gandan.audit.chain`) under the
append turn, which is held until the caller's transaction commits."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction
from django.utils import timezone

from gandan.accounts.models import User
from gandan.audit.chain import chain_extend
from gandan.audit.models import Event, SensitiveRead
from gandan.audit.search import event_index, events_index
from gandan.units.models import Unit

# Who did it: a signed-in user, an anonymous visitor (a citizen on a public page), or None for the system itself.
Actor = User | AnonymousUser | None


def _actor_name(actor: Actor) -> str:
    if actor is None:
        return "system"
    return str(actor)[:150]


def _event(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    unit: Unit | None = None,
    details: dict[str, Any] | None = None,
    at: dt.datetime,
) -> Event:
    if unit is None and obj is not None:
        unit = getattr(obj, "unit", None)
        if unit is None and isinstance(obj, Unit):
            unit = obj
    return Event(
        at=at,
        actor=actor if isinstance(actor, User) and actor.pk else None,
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
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    unit: Unit | None = None,
    details: dict[str, Any] | None = None,
) -> Event:
    """Append one event. `unit` defaults to the object's own unit (or the object itself when it is a Unit)."""
    event = _event(actor=actor, action=action, obj=obj, unit=unit, details=details, at=timezone.now())
    with transaction.atomic():
        chain_extend(Event, [event], connection=connection)
        event.save(force_insert=True)
        event_index(event)  # beside the row, which stays as chained
    return event


def events_record(events: list[dict[str, Any]], *, at: dt.datetime | None = None) -> list[Event]:
    """Append several events in one insert; each dict holds `event_record`'s arguments."""
    at = at or timezone.now()
    rows = [_event(**event, at=at) for event in events]
    with transaction.atomic():
        chain_extend(Event, rows, connection=connection)
        created = Event.objects.bulk_create(rows)
        events_index(created)
        return created


def sensitive_read_record(
    *, actor: User, obj: models.Model, what: str, reason: str, unit: Unit | None = None
) -> SensitiveRead:
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

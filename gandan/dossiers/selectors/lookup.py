"""The citizen's public lookup (code and last 4 digits, or the secret link): the one read outside a user's
subtree."""

import datetime as dt

from django.db import connection

from gandan.core.identifiers import lookup_last4
from gandan.dossiers.models import (
    Dossier,
    DossierIdentity,
    Procedure,
    Rating,
    Step,
)
from gandan.dossiers.rules import normalize_code
from gandan.sql import table
from gandan.units.models import Unit


def dossier_rated(dossier_id: int) -> bool:
    """Whether the citizen has already rated this dossier (a dossier is rated once)."""
    return Rating.objects.filter(dossier_id=dossier_id).exists()


def dossier_by_code(code: str) -> Dossier | None:
    """For the signed QR link only: the token already proves the citizen holds the slip."""
    return Dossier.objects.select_related("procedure", "unit").filter(code=code).first()


def dossier_public_status(code: str, last4: str) -> dict | None:
    """What the public lookup (page and API) shows, read as plain values, plus the dossier's `id` and
    `lookup_secret` (for the caller, never for the answer). The code as typed (rules.normalize_code) and the last 4
    digits of the phone OR of the citizen ID given (a whole number typed counts by its last 4: lookup_last4). The
    busiest public endpoint, so it runs two short hand-written queries (the dossier with its procedure and unit
    names; its public steps) instead of building querysets, whose compilation cost more than the database's work
    (a lookup at a million dossiers is two index probes, the ID's a third). Plain SQL, the same on SQLite and
    PostgreSQL."""
    code, last4 = normalize_code(code), lookup_last4(last4)
    if not code or not last4:
        return None
    return _public_status(_PUBLIC_DOSSIER_SQL, [code, last4, last4])


def dossier_public_status_by_id(pk: int) -> dict | None:
    """The same values for a dossier already identified (the signed link of the receipt)."""
    return _public_status(_PUBLIC_DOSSIER_BY_ID_SQL, [pk])


def _public_status(sql: str, params: list) -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        (
            pk,
            code,
            status,
            submitted_at,
            appointment,
            current_appointment,
            procedure_name,
            unit_name,
            secret,
        ) = row
        cursor.execute(_PUBLIC_STEPS_SQL, [pk])
        steps = [
            {"at": _aware(at), "action": action, "to_status": to_status, "note": note}
            for at, action, to_status, note in cursor.fetchall()
        ]
    return {
        "id": pk,
        "lookup_secret": secret,
        "code": code,
        "procedure": procedure_name,
        "unit": unit_name,
        "status": status,
        "submitted_at": _aware(submitted_at),
        "appointment": _date(appointment),
        "current_appointment": _date(current_appointment),
        "steps": steps,
    }


def _public_sql() -> tuple[str, str, str]:
    dossier, procedure, unit, step = (table(m) for m in (Dossier, Procedure, Unit, Step))
    by_id = (
        f"SELECT 1 FROM {table(DossierIdentity)} i WHERE i.dossier_id = d.id "  # noqa: S608 — a table name
        "AND substr(i.id_number, length(i.id_number) - 3, 4) = %s"
    )
    select = (
        f"SELECT d.id, d.code, d.status, d.submitted_at, d.appointment, d.current_appointment, p.name, u.name, "  # noqa: S608
        f"d.lookup_secret "
        f"FROM {dossier} d JOIN {procedure} p ON p.id = d.procedure_id JOIN {unit} u ON u.id = d.unit_id "
    )
    return (
        # The phone's last 4, or the citizen ID's (kept apart, compared here, never returned). A dossier with no
        # phone has phone_last4 "", which no lookup_last4 value equals.
        select + "WHERE d.code = %s AND (d.phone_last4 = %s OR EXISTS (" + by_id + "))",
        select + "WHERE d.id = %s",
        f"SELECT at, action, to_status, note FROM {step} WHERE dossier_id = %s AND public ORDER BY at, id",  # noqa: S608
    )


_PUBLIC_DOSSIER_SQL, _PUBLIC_DOSSIER_BY_ID_SQL, _PUBLIC_STEPS_SQL = _public_sql()


def _aware(value) -> dt.datetime:
    """A timestamp as the driver returns it: aware (PostgreSQL) or naive UTC, maybe still text (SQLite)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value

"""Handling a report: each move of `gandan.core.fieldreports.MOVES`, by an officer of the unit that holds it (or by
an integrator's key through Open311's servicerequestupdates). One transaction per move: the state, the public
update, the reporter's message, the audit event."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.apikeys.models import ApiKey
from gandan.audit.services import event_record
from gandan.core import fieldreports as rules
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.fieldreports.models import FieldReport, Update
from gandan.fieldreports.services.notices import tell_reporter

NOTE_MAX = 4_000


def require_handle(user: User | None, report: FieldReport) -> None:
    if user is None or not user.can(Perm.FIELDREPORTS_HANDLE) or not in_user_scope(user, report.unit_path):
        raise NotAllowed("not_allowed", _("You may not handle this report."))


def lock(report: FieldReport) -> FieldReport:
    return FieldReport.objects.select_for_update().get(pk=report.pk)


def clean_note(note: str, *, action: str) -> str:
    text = normalize(note or "", multiline=True)
    if len(text) > NOTE_MAX:
        raise DomainError(
            "note_too_long", _("Keep the note under %(n)s characters.") % {"n": f"{NOTE_MAX:,}"}, field="note"
        )
    if not text and action in rules.NOTE_REQUIRED:
        raise DomainError(
            "note_required",
            _("Write what was done or why, in a sentence the reporter and the public will read."),
            field="note",
        )
    return text


@transaction.atomic
def report_move(
    *,
    report: FieldReport,
    action: str,
    note: str = "",
    by: User | None,
    api_key: ApiKey | None = None,
    external_id: str = "",
    at: dt.datetime | None = None,
    audit_details: dict[str, str] | None = None,
) -> Update:
    """Take `action` on `report` (core.fieldreports.MOVES). `by` must be allowed to handle it, unless the move comes
    from an integrator's `api_key` (checked by the caller against the report's unit)."""
    at = at or timezone.now()
    if api_key is None:
        require_handle(by, report)
    text = clean_note(note, action=action)
    report = lock(report)
    if not rules.can_move(report.status, action):
        raise Conflict(
            "move_not_allowed",
            _("This report is “%(status)s”: this step cannot be taken now.")
            % {"status": report.get_status_display()},
        )
    before = report.status
    report.status = rules.move_target(report.status, action).value
    report.updated_at = at
    report.closed_at = None if report.status in rules.OPEN_STATES else at
    report.save(update_fields=["status", "updated_at", "closed_at"])
    update = Update.objects.create(
        report=report,
        status=report.status,
        action=action,
        note=text,
        by=by,
        api_key=api_key,
        external_id=external_id,
        at=at,
    )
    tell_reporter(report, kind="status", step=update.pk)
    event_record(
        actor=by,
        action=f"fieldreports.{action}",
        obj=report,
        unit=report.unit,
        details={
            "code": report.code,
            "from": before,
            "to": report.status,
            **({"api_key": api_key.prefix} if api_key is not None else {}),
            **(audit_details or {}),
        },
    )
    return update

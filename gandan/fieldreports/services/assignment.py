"""Who handles a report and what the officers read of the reporter: assigning it to an officer of its unit, a
public note without a change of state, and reading the reporter's contacts (each read audited)."""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import holder_paths
from gandan.apikeys.models import ApiKey
from gandan.audit.services import event_record, sensitive_read_record
from gandan.errors import Conflict, DomainError
from gandan.fieldreports.models import FieldReport, Update
from gandan.fieldreports.services.handling import clean_note, lock, require_handle
from gandan.notify.services import inbox_post


@transaction.atomic
def report_assign(*, report: FieldReport, officer: User | None, by: User) -> FieldReport:
    """Give the report to `officer` (an active officer of its unit who may handle reports), or take it back with
    None. The officer finds it in his inbox and under "Mine"."""
    require_handle(by, report)
    report = lock(report)
    if not report.is_open:
        raise Conflict(
            "report_closed",
            _("This report is “%(status)s”: a closed report is not assigned.")
            % {"status": report.get_status_display()},
        )
    if officer is not None and (
        not officer.is_active
        or not officer.can(Perm.FIELDREPORTS_HANDLE)
        or officer.unit is None
        or officer.unit.path not in holder_paths(report.unit_path)
    ):
        raise DomainError(
            "officer_invalid", _("Choose an officer of this unit who handles field reports."), field="officer"
        )
    before = report.assigned_to_id
    report.assigned_to = officer
    report.save(update_fields=["assigned_to"])
    if officer is not None and officer.pk != before:
        inbox_post(
            recipients=[officer],
            kind="field_report",
            text=_("Field report %(code)s was assigned to you: %(category)s")
            % {"code": report.code, "category": report.category.name},
            link=reverse("fieldreports:detail", args=[report.pk]),
            obj=report,
            exclude=by,
        )
    event_record(
        actor=by,
        action="fieldreports.assign",
        obj=report,
        unit=report.unit,
        details={
            "code": report.code,
            "from": str(before or ""),
            "to": str(officer.pk if officer is not None else ""),
        },
    )
    return report


@transaction.atomic
def report_note(
    *,
    report: FieldReport,
    note: str,
    by: User | None,
    api_key: ApiKey | None = None,
    external_id: str = "",
) -> Update:
    """A public note on the report's timeline without a change of state (what is being done, when someone will
    come). The reporter reads it on the report's public page. From an integrator (`api_key`, Open311's
    servicerequestupdates repeating the current status), its unit checked by the caller."""
    if api_key is None:
        require_handle(by, report)
    text = clean_note(note, action="")
    if not text:
        raise DomainError("note_required", _("Write the note."), field="note")
    report = lock(report)
    now = timezone.now()
    update = Update.objects.create(
        report=report,
        status=report.status,
        action="",
        note=text,
        by=by,
        api_key=api_key,
        external_id=external_id,
        at=now,
    )
    report.updated_at = now
    report.save(update_fields=["updated_at"])
    details = {"code": report.code, **({"api_key": api_key.prefix} if api_key is not None else {})}
    event_record(actor=by, action="fieldreports.note", obj=report, unit=report.unit, details=details)
    return update


@dataclass(frozen=True)
class Contacts:
    name: str
    phone: str
    email: str


@transaction.atomic
def report_contacts_read(*, report: FieldReport, by: User) -> Contacts:
    """The reporter's name, phone and e-mail, for an officer of the unit who handles reports; every read is written
    to the audit trail and the sensitive-read log (who read whose contacts, when)."""
    require_handle(by, report)
    reason = _("Handling field report %(code)s") % {"code": report.code}
    sensitive_read_record(
        actor=by, obj=report, what="field_reporter_contacts", reason=reason, unit=report.unit
    )
    event_record(
        actor=by,
        action="fieldreports.contact_read",
        obj=report,
        unit=report.unit,
        details={"code": report.code},
    )
    return Contacts(name=report.reporter_name, phone=report.reporter_phone, email=report.reporter_email)

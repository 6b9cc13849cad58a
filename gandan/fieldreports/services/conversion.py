"""Turning a field report into a petition: when what the reporter describes is a complaint or a reflection that
needs the petitions' procedure (a neighbour's building, an official's conduct), the officer records it as a petition
of the commune through the petitions' own intake, and the report closes with the petition's code. One transaction:
if the petition cannot be recorded, the report stays as it was."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core import fieldreports as rules
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError
from gandan.fieldreports.models import FieldReport, Update
from gandan.fieldreports.services.handling import report_move, require_handle
from gandan.units.models import COMMUNE_KINDS, Unit

KINDS = ("reflection", "complaint", "recommendation")  # gandan.petitions' kinds a field report may become
PETITION_CHANNEL = "online"  # "Online on the portal": the citizen wrote it himself, as on the portal
SUBJECT_MAX = 300


def _commune_of(report: FieldReport) -> Unit:
    if report.unit.kind in COMMUNE_KINDS:
        return report.unit
    if report.village is not None and report.village.parent is not None:
        return report.village.parent
    return report.unit


@transaction.atomic
def report_to_petition(
    *,
    report: FieldReport,
    kind: str,
    subject: str,
    petitioner_name: str,
    petitioner_address: str,
    note: str = "",
    by: User,
) -> Update:
    """Record the report as a petition of `kind` (reflection, complaint or recommendation) received online by the
    commune where it lies, its description as the content and the reporter as the petitioner (the officer types the
    name and address when the report has none), then close the report "handled as a petition" with the code."""
    from gandan.petitions.services.intake import petition_receive

    require_handle(by, report)
    if not rules.can_move(report.status, rules.Action.TO_PETITION):
        raise Conflict(
            "move_not_allowed",
            _("This report is “%(status)s”: this step cannot be taken now.")
            % {"status": report.get_status_display()},
        )
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = _("Choose the kind: reflection, complaint or recommendation.")
    subject = normalize(subject or "")
    if not subject:
        errors["subject"] = _("Give the petition a short subject.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _("Keep the subject under 300 characters.")
    content = report.description or subject
    place = ", ".join(p for p in (report.address, report.village.name if report.village else "") if p)
    if place:
        content = f"{content}\n{_('Place: %(place)s') % {'place': place}}"
    if errors:
        raise DomainError("petition_invalid", errors=errors)
    try:
        petitions = petition_receive(
            unit=_commune_of(report),
            channel=PETITION_CHANNEL,
            parts=[{"kind": kind, "subject": subject, "content": content}],
            persons=[
                {
                    "name": petitioner_name or report.reporter_name,
                    "address": petitioner_address,
                    "phone": report.reporter_phone,
                    "email": report.reporter_email,
                }
            ],
            place=report.village,
            # The report's description is heard as opinion already (intake): not twice, under the subject typed.
            heard_already=bool(report.description),
            by=by,
        )
    except DomainError as error:
        renamed = {
            "persons.0.name": "petitioner_name",
            "persons.0.address": "petitioner_address",
            "persons": "petitioner_name",
            "parts.0.subject": "subject",
            "parts.0.kind": "kind",
            "parts.0.content": "subject",
        }
        if error.errors:
            raise DomainError(
                error.code, errors={renamed.get(k, k): v[0] for k, v in error.errors.items()}
            ) from error
        raise
    code = petitions[0].code
    FieldReport.objects.filter(pk=report.pk).update(petition_code=code)
    text = normalize(note or "", multiline=True)
    public = _("Handled as petition %(code)s.") % {"code": code}
    update = report_move(
        report=report,
        action=rules.Action.TO_PETITION.value,
        note=f"{public} {text}".strip(),
        by=by,
        audit_details={"petition": code},
    )
    update.report.petition_code = code
    return update

"""Linking a report to the earlier one it repeats: the move to "same as another report" with the earlier report
recorded, so the reporter is told which code to follow."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core import fieldreports as rules
from gandan.errors import DomainError
from gandan.fieldreports.models import FieldReport, Update
from gandan.fieldreports.services.handling import lock, report_move, require_handle


@transaction.atomic
def report_link_duplicate(*, report: FieldReport, original: FieldReport | None, by: User) -> Update:
    """Close `report` as the same as `original`: an earlier, still open report of the same units. The public note
    names the earlier report's code."""
    require_handle(by, report)
    if original is None:
        raise DomainError("original_required", _("Choose the earlier report it repeats."), field="original")
    original = lock(original)  # its state as it is now, held until the link is written
    require_handle(by, original)
    if original.pk == report.pk:
        raise DomainError("original_self", _("A report cannot repeat itself."), field="original")
    if (original.received_at, original.pk) > (report.received_at, report.pk):
        raise DomainError(
            "original_later",
            _("%(code)s was received after this report: link the later report to the earlier one.")
            % {"code": original.code},
            field="original",
        )
    if not original.is_open:
        raise DomainError(
            "original_closed",
            _("%(code)s is already closed: choose an open report, or handle this one.")
            % {"code": original.code},
            field="original",
        )
    note = _("Same as report %(code)s: follow that one.") % {"code": original.code}
    FieldReport.objects.filter(pk=report.pk).update(duplicate_of=original)
    update = report_move(
        report=report,
        action=rules.Action.DUPLICATE.value,
        note=note,
        by=by,
        audit_details={"duplicate_of": original.code},
    )
    update.report.duplicate_of = original
    return update

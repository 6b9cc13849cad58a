"""Staff pages of citizen reception, shared helpers: the permissions the pages check, the officer-scoped querysets
and look-ups (404 outside the officer's units) of reception days and records, showing a service's errors on a
form, and answering with a PDF.
"""

from django.http import HttpResponse

from gandan.accounts.rules import Perm, Role
from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file
from gandan.petitions.models import ReceptionDay, ReceptionRecord

VIEW, MANAGE, HANDLE = Perm.PETITIONS_VIEW, Perm.RECEPTION_MANAGE, Perm.PETITIONS_HANDLE
MAX_SEARCHED = (
    5000  # the book is searched in Python (folded text): a commune writes a few hundred lines a year
)


def _errors_to_form(form, error: DomainError, *, rows: list | None = None) -> None:
    """Show every problem a service reported next to its field; "tasks.<i>.<field>" go to task row <i>."""
    found = error.errors
    for name, message in found.items():
        parts = (name or "").split(".")
        if rows is not None and len(parts) == 3 and parts[0] == "tasks" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(rows) and parts[2] in rows[index].fields:
                rows[index].add_error(parts[2], message)
                continue
        form.add_error(name if name in form.fields else None, message)


def _days(user):
    return scoped(ReceptionDay.objects.all(), user, path_field="unit_path").select_related("leader", "unit")


def _records(user):
    return scoped(ReceptionRecord.objects.all(), user, path_field="unit_path").select_related(
        "officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit"
    )


def _leaders_of(unit):
    from gandan.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, unit=unit, roles__role__in=[Role.UNIT_LEADER, Role.PARTY_SECRETARY]
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _day_get(user, pk) -> ReceptionDay:
    return get_scoped_or_404(
        ReceptionDay.objects.select_related("leader", "unit"), user, path_field="unit_path", pk=pk
    )


def _record_get(user, pk) -> ReceptionRecord:
    return get_scoped_or_404(
        ReceptionRecord.objects.select_related(
            "officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit"
        ),
        user,
        path_field="unit_path",
        pk=pk,
    )


def _pdf(data: bytes, filename: str) -> HttpResponse:
    return generated_file(data, filename=filename, content_type="application/pdf", inline=True)

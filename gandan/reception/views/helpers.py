"""Staff pages of citizen reception, shared helpers: the permissions the pages check, showing a service's errors on
a form, and answering with a PDF. The officer-scoped reads are in gandan.reception.selectors.
"""

from django.http import FileResponse

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.kit.downloads import generated_file

VIEW, MANAGE, HANDLE = Perm.PETITIONS_VIEW, Perm.RECEPTION_MANAGE, Perm.PETITIONS_HANDLE


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


def _pdf(data: bytes, filename: str) -> FileResponse:
    return generated_file(data, filename=filename, content_type="application/pdf", inline=True)

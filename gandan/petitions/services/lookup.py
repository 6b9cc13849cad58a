"""The public lookup's lock per code (kit/throttle.py): an officer who receives petitions, in scope, may clear it
for the citizen who calls, and the audit trail says who did."""

from django.db import transaction

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.kit.throttle import code_locked, lookup_unlock

LOOKUP_SCOPE = "petition_lookup"  # the throttle keys of the petition lookup (page and API)


def petition_lookup_locked(petition) -> bool:
    return code_locked(LOOKUP_SCOPE, petition.code)


def petition_lookup_unlock(*, petition, by: User) -> int:
    with transaction.atomic():
        cleared = lookup_unlock(LOOKUP_SCOPE, petition.code)
        event_record(actor=by, action="petitions.lookup_unlock", obj=petition, details={"failures_cleared": cleared})
    return cleared

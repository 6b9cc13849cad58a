"""The public lookup's lock per code (kit/throttle.py): a desk officer in scope may clear it for the citizen who
calls the desk, and the audit trail says who did."""

from django.db import transaction

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.dossiers.models import Dossier
from gandan.kit.throttle import code_locked, lookup_unlock

LOOKUP_SCOPE = "lookup"  # the throttle keys of the dossier lookup (page and API)


def dossier_lookup_locked(dossier: Dossier) -> bool:
    return code_locked(LOOKUP_SCOPE, dossier.code)


def dossier_lookup_unlock(*, dossier: Dossier, by: User) -> int:
    with transaction.atomic():
        cleared = lookup_unlock(LOOKUP_SCOPE, dossier.code)
        event_record(actor=by, action="dossiers.lookup_unlock", obj=dossier, details={"failures_cleared": cleared})
    return cleared

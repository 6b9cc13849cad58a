"""The public lookup of a petition, implemented once for the page and the API: the throttle (kit/throttle.py) and
what the citizen may see. The lock per code may be cleared by an officer who receives petitions, in scope, for the
citizen who calls, and the audit trail says who did."""

from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.kit.throttle import code_locked, lookup_failed, lookup_refusal, lookup_unlock
from gandan.petitions.models import Petition
from gandan.petitions.selectors import petition_lookup

LOOKUP_SCOPE = "petition_lookup"  # the throttle keys of the petition lookup (page and API)


def petition_lookup_locked(petition: Petition) -> bool:
    return code_locked(LOOKUP_SCOPE, petition.code)


def petition_lookup_unlock(*, petition: Petition, by: User) -> int:
    with transaction.atomic():
        cleared = lookup_unlock(LOOKUP_SCOPE, petition.code)
        event_record(
            actor=by, action="petitions.lookup_unlock", obj=petition, details={"failures_cleared": cleared}
        )
    return cleared


@dataclass(frozen=True)
class PetitionLookup:
    refusal: str | None = None  # refused before trying (too many wrong attempts): the message to show
    petition: Petition | None = None  # None (and no refusal): no petition has this code and these digits


def petition_public_lookup(*, request: HttpRequest, code: str, phone_last4: str) -> PetitionLookup:
    """A citizen's lookup by code and the phone's last 4 digits, from the page or the API: refused while the
    address or the code is locked; a miss is counted against both. Show the petition with `public_status`."""
    code = "".join(ch for ch in code if ch.isprintable())  # a NUL is refused by PostgreSQL
    refusal = lookup_refusal(request, LOOKUP_SCOPE, code)
    if refusal:
        return PetitionLookup(refusal=refusal)
    petition = petition_lookup(code, phone_last4)
    if petition is None:
        lookup_failed(request, LOOKUP_SCOPE, code)
    return PetitionLookup(petition=petition)

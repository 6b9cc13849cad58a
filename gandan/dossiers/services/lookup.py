"""The public lookup of a dossier, implemented once for the page and the API: the throttle (kit/throttle.py), the
values a citizen may see, the status names in the request's language and which step notes are shown. The lookup's
lock per code may be cleared by a desk officer in scope for the citizen who calls the desk, and the audit trail
says who did."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.dossiers.models import Dossier, Status
from gandan.dossiers.rules import normalize_code
from gandan.dossiers.selectors import dossier_public_status, dossier_public_status_by_id
from gandan.kit.throttle import code_locked, lookup_failed, lookup_refusal, lookup_unlock

LOOKUP_SCOPE = "lookup"  # the throttle keys of the dossier lookup (page and API)
# The steps whose note is written for the citizen (the appointment, the papers to bring, the reasons of Forms 03–05).
# Other notes are the officers' own words (the result, a payment, a withdrawal) and may name people: the public
# timeline (page and API) shows only the status of those steps.
PUBLIC_NOTE_ACTIONS = frozenset({"accept", "request_supplement", "apologize", "refuse", "stop"})


@dataclass(frozen=True)
class PublicDossier:
    id: int
    lookup_secret: str  # to build the page's links; never part of `status`
    status: dict[str, Any]  # what the citizen sees, in the API's DossierLookupOut shape


@dataclass(frozen=True)
class PublicLookup:
    refusal: str | None = None  # refused before trying (too many wrong attempts): the message to show
    found: PublicDossier | None = None  # None (and no refusal): no dossier has this code and these digits


_labels: dict[str, dict[int, str]] = {}


def _status_labels() -> dict[int, str]:
    """The status names in the request's language, translated once per language and process."""
    language = get_language() or ""
    if language not in _labels:
        _labels[language] = {value: str(label) for value, label in Status.choices}
    return _labels[language]


def _public(found: dict[str, Any]) -> PublicDossier:
    labels = _status_labels()
    pk, secret = found.pop("id"), found.pop("lookup_secret")
    found["status_label"] = labels[found["status"]]
    found["timeline"] = [
        {
            "at": s["at"],
            "action": s["action"],
            "status": s["to_status"],
            "status_label": labels[s["to_status"]],
            "note": s["note"] if s["action"] in PUBLIC_NOTE_ACTIONS else "",
        }
        for s in found.pop("steps")
    ]
    return PublicDossier(id=pk, lookup_secret=secret, status=found)


def dossier_public_lookup(*, request: HttpRequest, code: str, last4: str) -> PublicLookup:
    """A citizen's lookup by code and the last 4 digits of the phone or of the citizen ID (or the whole number),
    from the page or the API: refused while the address or the code is locked; a miss is counted against both. The
    code is counted in its stored form, so "08848 260109 0001" and "08848-260109-0001" share one lock."""
    code = normalize_code(code)
    refusal = lookup_refusal(request, LOOKUP_SCOPE, code)
    if refusal:
        return PublicLookup(refusal=refusal)
    found = dossier_public_status(code, last4)
    if found is None:
        lookup_failed(request, LOOKUP_SCOPE, code)
        return PublicLookup()
    return PublicLookup(found=_public(found))


def dossier_public_view(*, dossier_id: int) -> PublicDossier:
    """The same view of a dossier already identified (the receipt's signed link, which no lock stops)."""
    found = dossier_public_status_by_id(dossier_id)
    if found is None:
        raise LookupError(dossier_id)
    return _public(found)


def dossier_lookup_locked(dossier: Dossier) -> bool:
    return code_locked(LOOKUP_SCOPE, dossier.code)


def dossier_lookup_unlock(*, dossier: Dossier, by: User) -> int:
    with transaction.atomic():
        cleared = lookup_unlock(LOOKUP_SCOPE, dossier.code)
        event_record(
            actor=by, action="dossiers.lookup_unlock", obj=dossier, details={"failures_cleared": cleared}
        )
    return cleared

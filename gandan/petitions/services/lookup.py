"""The public lookup of a petition, implemented once for the page and the API: the throttle (kit/throttle.py) and
what the citizen may see. The lock per code may be cleared by an officer who receives petitions, in scope, for the
citizen who calls, and the audit trail says who did."""

from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.kit.throttle import code_locked, lookup_failed, lookup_refusal, lookup_unlock
from gandan.petitions import rules
from gandan.petitions.models import Petition, Status
from gandan.petitions.selectors import petition_lookup, petition_timeline

LOOKUP_SCOPE = "petition_lookup"  # the throttle keys of the petition lookup (page and API)


def petition_lookup_locked(petition) -> bool:
    return code_locked(LOOKUP_SCOPE, petition.code)


def petition_lookup_unlock(*, petition, by: User) -> int:
    with transaction.atomic():
        cleared = lookup_unlock(LOOKUP_SCOPE, petition.code)
        event_record(actor=by, action="petitions.lookup_unlock", obj=petition, details={"failures_cleared": cleared})
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


# What each public step says to the citizen (past tense). Only these actions are named; any other public step is
# shown by the status it led to. Notes are never shown: they are the officers' words.
STEP_LABELS = {
    "receive": gettext_lazy("Received"),
    "accept": gettext_lazy("Accepted for resolution"),
    "not_accept": gettext_lazy("Not accepted (a notice with the reasons is sent)"),
    "guide": gettext_lazy("Guided to the competent body"),
    "forward": gettext_lazy("Forwarded to the competent body"),
    "file": gettext_lazy("Filed without action"),
    "merge": gettext_lazy("Joined to an earlier case on the same matter"),
    "extend_classify": gettext_lazy("Time to classify extended"),
    "dialogue": gettext_lazy("Dialogue with the petitioner"),
    "extend": gettext_lazy("Time to resolve extended"),
    "suspend": gettext_lazy("Resolution suspended"),
    "resume": gettext_lazy("Resolution resumed"),
    "decide": gettext_lazy("Resolved"),
    "terminate": gettext_lazy("Resolution terminated"),
    "withdraw": gettext_lazy("Withdrawn"),
}

# --- what the citizen may see --------------------------------------------------------------------------------------


def step_label(action: str, to_status: str) -> str:
    label = STEP_LABELS.get(action)
    if label is None:
        label = Status(to_status).label if to_status in Status.values else action
    return str(label)


def public_steps(petition: Petition) -> list[dict]:
    """The public steps as the citizen sees them: date, what happened, the status it led to. No actor, no note."""
    labels = dict(Status.choices)
    return [
        {
            "at": s.at,
            "action": s.action,
            "label": step_label(s.action, s.to_status),
            "status": s.to_status,
            "status_label": str(labels.get(s.to_status, s.to_status)),
        }
        for s in petition_timeline(petition, public_only=True).order_by("at", "id")
    ]


def public_status(petition: Petition) -> dict:
    """Everything the lookup shows (page and API): nothing personal, not even the petitioner's name."""
    running = petition.status in {s.value for s in rules.OPEN}
    shows_body = petition.status in {Status.GUIDED, Status.FORWARDED}
    return {
        "code": petition.code,
        "kind": petition.kind,
        "kind_label": str(petition.get_kind_display()),
        "status": petition.status,
        "status_label": str(petition.get_status_display()),
        "unit": petition.unit.name,
        "received_at": petition.received_at,
        "statutory_due": petition.statutory_due if running else None,
        "handled_to": petition.handled_to if shows_body else "",
        "timeline": public_steps(petition),
    }

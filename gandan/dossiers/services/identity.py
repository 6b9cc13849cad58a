"""The applicant's citizen ID number (DossierIdentity): masked everywhere, shown whole only to an officer who may
see it, for one request, with a reason written to the sensitive-read log — as a denunciator's identity is opened
(gandan.petitions.services.identity)."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm, Role
from gandan.audit.services import sensitive_read_record
from gandan.core.vntext import normalize
from gandan.dossiers.models import Dossier, DossierIdentity
from gandan.errors import Conflict, DomainError, NotAllowed

MIN_REASON = 10


def mask_id_number(number: str) -> str:
    """Only the last 4 digits visible."""
    return "•" * max(len(number) - 4, 0) + number[-4:] if number else ""


def may_reveal_identity(user: User, dossier: Dossier) -> bool:
    """The desk officer and the unit leader of the dossier's units; a case handler only on his own dossier.
    (The caller has already fetched the dossier through the user's scope.)"""
    if not user.can(Perm.DOSSIERS_IDENTITY):
        return False
    if user.has_role(Role.DESK_OFFICER) or user.has_role(Role.UNIT_LEADER):
        return True
    return dossier.handler_id is not None and dossier.handler_id == user.pk


@transaction.atomic
def dossier_identity_reveal(*, dossier: Dossier, by: User, reason: str) -> str:
    """The full citizen ID number of the applicant, for one reading, with the reason logged (who, when, why)."""
    if not may_reveal_identity(by, dossier):
        raise NotAllowed(
            "identity_not_allowed",
            _("Only the desk, the unit leader and the handler of this dossier may see the full ID number."),
        )
    identity = DossierIdentity.objects.filter(dossier=dossier).first()
    if identity is None:
        raise Conflict("no_identity", _("No citizen ID number was given with this dossier."))
    reason = normalize(reason, multiline=True)
    if len(reason) < MIN_REASON:
        raise DomainError(
            "reason_required",
            _("Say why you need the full number (at least a short sentence)."),
            field="reason",
        )
    sensitive_read_record(actor=by, obj=dossier, what="citizen_id", reason=reason)
    return identity.id_number

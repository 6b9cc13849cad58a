"""The denunciator's identity (Law on Denunciation Art. 47, 56; Decree 156/2026): opened only by a holder of a live
grant on that case, each opening with a reason and an audit row; granted by the resolver; lifted only by a written
waiver of the denunciator."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record, sensitive_read_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.petitions.models import IdentityGrant, Petition, Petitioner, ProtectedIdentity
from gandan.petitions.search import PETITION, petition_text
from gandan.petitions.services.common import lock, record_step, text_required
from gandan.search.services import index_document


def has_grant(user: User | AnonymousUser | None, petition: Petition) -> bool:
    return (
        isinstance(user, User)
        and bool(user.pk)
        and petition.grants.filter(user=user, revoked_at__isnull=True).exists()
    )


@transaction.atomic
def identity_open(*, petition: Petition, by: User, reason: str) -> ProtectedIdentity:
    """The identity, for a grant holder, with the reading logged (who, when, why). Everyone else: refused."""
    if not petition.protected:
        raise Conflict("not_protected", _("This petition has no protected identity."))
    if not has_grant(by, petition):
        raise NotAllowed(
            "identity_no_grant",
            _(
                "Only the resolver and the officers granted access on this case may open the denunciator's identity."
            ),
        )
    reason = normalize(reason, multiline=True)
    if len(reason) < 10:
        raise DomainError(
            "reason_required", _("Say why you need the identity (at least a short sentence)."), field="reason"
        )
    sensitive_read_record(actor=by, obj=petition, what="denunciator_identity", reason=reason)
    return petition.identity


@transaction.atomic
def identity_grant(*, petition: Petition, by: User, user: User, reason: str) -> IdentityGrant:
    """The resolver (or the leader who assigned) grants an intake officer access on this one case."""
    petition = lock(petition)
    if not petition.protected:
        raise Conflict("not_protected", _("This petition has no protected identity."))
    if not (petition.resolver_id == by.pk or by.can("petitions.assign")):
        raise NotAllowed(
            "grant_not_allowed", _("Only the resolver of the case may grant access to the identity.")
        )
    if not has_grant(by, petition):
        raise NotAllowed(
            "grant_not_allowed", _("Only the resolver of the case may grant access to the identity.")
        )
    if (
        user is None
        or not user.is_active
        or not (user.can("petitions.receive") or user.pk == petition.resolver_id)
    ):
        raise DomainError(
            "grantee_invalid", _("Access can be granted to intake officers of this case only."), field="user"
        )
    if user.unit is None or not (petition.unit_path + ".").startswith(user.unit.path + "."):
        raise DomainError(
            "grantee_invalid", _("Access can be granted to intake officers of this case only."), field="user"
        )
    if has_grant(user, petition):
        raise Conflict("already_granted", _("%(who)s already has access.") % {"who": user})
    reason = text_required(reason, field="reason", message=_("Say why this officer needs the identity."))
    grant = IdentityGrant.objects.create(
        petition=petition, user=user, granted_by=by, role="granted", reason=reason, at=timezone.now()
    )
    record_step(
        petition=petition,
        action="grant",
        by=by,
        from_status=petition.status,
        public=False,
        note=_("Access to the identity granted to %(who)s") % {"who": user},
    )
    return grant


@transaction.atomic
def identity_revoke(*, grant: IdentityGrant, by: User) -> IdentityGrant:
    petition = grant.petition
    if not (petition.resolver_id == by.pk or by.can("petitions.assign")):
        raise NotAllowed("grant_not_allowed", _("Only the resolver of the case may withdraw access."))
    if grant.revoked_at:
        raise Conflict("already_revoked", _("This access was already withdrawn."))
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    record_step(
        petition=petition,
        action="revoke",
        by=by,
        from_status=petition.status,
        public=False,
        note=_("Access to the identity withdrawn from %(who)s") % {"who": grant.user},
    )
    return grant


@transaction.atomic
def identity_waive(*, petition: Petition, by: User, note: str) -> Petition:
    """The denunciator declined protection in writing: the identity becomes the case's named petitioners."""
    petition = lock(petition)
    if not petition.protected:
        raise Conflict("not_protected", _("This petition has no protected identity."))
    if not has_grant(by, petition):
        raise NotAllowed(
            "identity_no_grant", _("Only a holder of access on this case can record the waiver.")
        )
    note = text_required(note, field="note", message=_("Describe the written waiver (date, signed by whom)."))
    identity = petition.identity
    identity.waived, identity.waiver_note, identity.waived_at = True, note, timezone.now()
    identity.save()
    Petitioner.objects.bulk_create(
        [
            Petitioner(
                petition=petition,
                position=i,
                **{k: p.get(k, "") for k in ("name", "address", "phone", "email", "id_number")},
            )
            for i, p in enumerate(identity.persons)
        ]
    )
    petition.protected = False
    names = [p.get("name", "") for p in identity.persons if p.get("name")]
    petition.petitioner_display = (names[0] if names else petition.petitioner_display)[:300]  # a checked name
    petition.save()
    # Named now: the petitioners' names become searchable, like those of any signed petition.
    index_document(PETITION, petition.pk, text=petition_text(petition, names), unit_path=petition.unit_path)
    event_record(actor=by, action="petitions.identity_waived", obj=petition, details={})
    record_step(
        petition=petition,
        action="waive",
        by=by,
        from_status=petition.status,
        public=False,
        note=_("The denunciator waived identity protection in writing"),
    )
    return petition

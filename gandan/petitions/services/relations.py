"""Related cases: petitions of different people on the same concrete matter, linked so a handler sees them together
(the duplicate check's "same matter, other people" answer)."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.errors import DomainError
from gandan.petitions.models import Petition, RelatedCase
from gandan.petitions.services.handling import _in_unit, _require_intake


@transaction.atomic
def petition_relate(*, petition: Petition, related: Sequence[Petition], by: User) -> list[RelatedCase]:
    """Link a petition to others on the same matter, all or none (linking a pair again changes nothing). Every
    petition must be of the officer's unit; a petition is not related to itself."""
    _require_intake(by)
    links = []
    for other in related:
        if petition.pk == other.pk:
            raise DomainError("relate_self", _("A petition cannot be related to itself."), field="related")
        for case in (petition, other):
            if not _in_unit(by, case):
                raise DomainError(
                    "relate_out_of_scope", _("Choose a case of your own unit."), field="related"
                )
        low, high = sorted((petition, other), key=lambda p: p.pk)
        link, created = RelatedCase.objects.get_or_create(
            petition=low, related=high, defaults={"created_by": by}
        )
        links.append(link)
        if created:
            event_record(
                actor=by,
                action="petitions.related_linked",
                obj=petition,
                unit=petition.unit,
                details={"related": other.code},
            )
    return links

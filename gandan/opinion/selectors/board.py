"""Reads for the board's filters."""

from django.db.models import QuerySet

from gandan.accounts.scope import scoped
from gandan.units.models import GRASSROOTS_KINDS, Unit


def board_villages(user, commune: Unit | None = None) -> QuerySet[Unit]:
    """The villages the board's filter offers: those of the user's subtree, or of `commune` when one is chosen,
    in the order of their commune's name and then their own."""
    villages = scoped(
        Unit.objects.filter(kind__in=GRASSROOTS_KINDS, valid_to__isnull=True), user, path_field="path"
    ).select_related("parent")
    if commune is not None:
        villages = villages.filter(path__startswith=f"{commune.path}.")
    return villages.order_by("parent__name_search", "name_search")

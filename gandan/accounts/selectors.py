"""Reads of staff accounts shared by the modules."""

from collections.abc import Iterable

from django.db.models import QuerySet

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.accounts.scope import holder_paths


def officers_of(unit_path: str, roles: Iterable[Role]) -> QuerySet[User]:
    """The active officers holding any of `roles` in the unit that works the records filed at `unit_path` (the
    unit itself, or after a merger the commune it joined) — not the units above or below it."""
    return (
        User.objects.filter(
            is_active=True, unit__path__in=holder_paths(unit_path), roles__role__in=[str(r) for r in roles]
        )
        .distinct()
        .order_by("id")
    )

"""Reads of API keys: an administrator's list, scoped to the units of his subtree (a key for the whole installation
belongs to the command line), the key a request presents found by its prefix, and the command line's list."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.apikeys.models import ApiKey
from gandan.core.vntext import matches
from gandan.units.models import Unit


@dataclass(frozen=True)
class KeyFilter:
    q: str = ""  # the key's name or prefix
    status: str = ""  # "", "active", "revoked"

    @property
    def used(self) -> bool:
        return bool(self.q or self.status)


def apikey_list_for_user(user, filters: KeyFilter) -> QuerySet[ApiKey]:
    rows = scoped(ApiKey.objects.all(), user, path_field="unit_path").select_related("unit", "created_by")
    if filters.status == "active":
        rows = rows.filter(revoked_at__isnull=True)
    elif filters.status == "revoked":
        rows = rows.filter(revoked_at__isnull=False)
    query = "".join(ch for ch in filters.q if ch.isprintable()).strip()[:100]
    if query:
        # A few dozen keys: matched in Python with the search's own rule (without diacritics), or by the prefix.
        found = [
            pk
            for pk, name, prefix in rows.values_list("pk", "name", "prefix")
            if prefix == query or matches(query, name)
        ]
        rows = rows.filter(pk__in=found)
    # The last day's requests only: a busy key's whole record (up to GANDAN_APIKEY_USES_DAYS) is too long to count on
    # every page.
    since = timezone.now() - dt.timedelta(hours=24)
    return rows.annotate(use_count=Count("uses", filter=Q(uses__at__gte=since))).order_by(
        "-created_at", "-id"
    )


def apikey_get_for_user(user, pk) -> ApiKey:
    return get_scoped_or_404(ApiKey.objects.select_related("unit"), user, path_field="unit_path", pk=pk)


def apikey_by_prefix(prefix: str) -> ApiKey | None:
    return ApiKey.objects.select_related("unit").filter(prefix=prefix).first()


def apikey_list_all() -> QuerySet[ApiKey]:
    """Every key of the installation, for `gandan apikey list` (the installation's operator)."""
    return ApiKey.objects.select_related("unit").order_by("-created_at", "-id")


def unit_choices_for_user(user) -> QuerySet[Unit]:
    """The units in force an administrator may bind a key to: his own subtree."""
    return scoped(Unit.objects.filter(valid_to__isnull=True), user, path_field="path").order_by("path")


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code.strip(), valid_to__isnull=True).first()

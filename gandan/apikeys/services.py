"""Writes of API keys: creation (the key is returned once, only its SHA-256 is kept), revocation, and the record of
each use. Creation and revocation are audit events; uses are ApiKeyUse rows (docs/apikeys.md says why)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.apikeys import rules
from gandan.apikeys.models import ApiKey, ApiKeyUse
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, too_long
from gandan.units.models import Unit

# last_used_at is written at most once a minute per key: it says "in use", not "how much" (ApiKeyUse does).
LAST_USED_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str  # the whole key, shown once and never again


def _check(
    *, name: str, unit: Unit | None, scopes: list[str], expires_at: dt.datetime | None, by: User | None
) -> tuple[str, list[str]]:
    errors: dict[str, str] = {}
    if any(not ch.isprintable() for ch in name):
        errors["name"] = _("The name contains invisible or control characters: type it again.")
    else:
        name = normalize(name)
        if not name:
            errors["name"] = _("Enter a name that says who uses the key, e.g. the integrator's system.")
        elif message := too_long(name, max_length=rules.NAME_MAX):
            errors["name"] = message
    wanted = list(dict.fromkeys(scopes))
    if unknown := rules.unknown_scopes(wanted):
        errors["scopes"] = _("Unknown scope %(scopes)s: choose among %(known)s.") % {
            "scopes": ", ".join(repr(s)[:40] for s in unknown[:3]),
            "known": ", ".join(rules.SCOPES),
        }
    elif not wanted:
        errors["scopes"] = _("Choose at least one scope: what the key may do.")
    if unit is not None and unit.valid_to is not None:
        errors["unit"] = _("This unit has ended: choose a unit in force.")
    elif by is not None and (unit is None or not in_user_scope(by, unit.path)):
        # Only the installation's operator (the command line) makes a key for the whole installation.
        errors["unit"] = _("Choose a unit of your own area.")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("The expiry must be in the future.")
    if errors:
        raise DomainError("apikey_invalid", errors=errors)
    return name, wanted


@transaction.atomic
def apikey_create(
    *,
    name: str,
    unit: Unit | None,
    scopes: list[str],
    expires_at: dt.datetime | None = None,
    by: User | None,
    published: str | None = None,
) -> NewKey:
    """A new key for `unit` (None: the whole installation, from the command line only). `by` None: the operator.
    `published`: the demo's key, printed with its logins (gandan.demo.DEMO_API_KEY), taken as given instead of a
    fresh random one; the operator's only (`by` None), never from a page."""
    name, wanted = _check(name=name, unit=unit, scopes=scopes, expires_at=expires_at, by=by)
    if published is not None:
        prefix_given = rules.key_prefix(published)
        if by is not None or prefix_given is None or ApiKey.objects.filter(prefix=prefix_given).exists():
            raise ValueError("a published key is the operator's, well formed and new")
        secret, prefix = published, prefix_given
    else:
        secret, prefix = rules.new_key()
    while ApiKey.objects.filter(prefix=prefix).exists():  # 32^8 prefixes: a clash is a curiosity, not a risk
        secret, prefix = rules.new_key()
    key = ApiKey.objects.create(
        name=name,
        prefix=prefix,
        secret_hash=rules.key_hash(secret),
        unit=unit,
        unit_path=unit.path if unit is not None else "",
        scopes=wanted,
        created_by=by,
        created_at=timezone.now(),
        expires_at=expires_at,
    )
    event_record(
        actor=by,
        action="apikeys.create",
        obj=key,
        unit=unit,
        details={"name": name, "prefix": prefix, "scopes": wanted, "unit": unit.path if unit else "*"},
    )
    return NewKey(key=key, secret=secret)


@transaction.atomic
def apikey_revoke(*, key: ApiKey, by: User | None) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise Conflict("apikey_revoked", _("This key was already revoked."))
    key.revoked_at = timezone.now()
    key.revoked_by = by
    key.save(update_fields=["revoked_at", "revoked_by"])
    event_record(
        actor=by,
        action="apikeys.revoke",
        obj=key,
        unit=key.unit,
        details={"name": key.name, "prefix": key.prefix},
    )
    return key


@transaction.atomic
def apikey_use_record(
    *, key: ApiKey, method: str, path: str, address: str, scope: str, outcome: str
) -> ApiKeyUse:
    """One request that presented `key`: appended, and the key's last use moved on when a minute has passed."""
    now = timezone.now()
    use = ApiKeyUse.objects.create(
        key=key,
        at=now,
        method=method[:10],
        path="".join(ch for ch in path if ch.isprintable())[:200],
        address=address[:45],
        scope=scope[:20],
        outcome=outcome,
    )
    if outcome == ApiKeyUse.Outcome.OK and (
        key.last_used_at is None or now - key.last_used_at >= LAST_USED_EVERY
    ):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return use


def apikey_uses_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the recorded requests older than GANDAN_APIKEY_USES_DAYS (the schedule's nightly "apikey-uses-purge").
    Returns how many rows went."""
    before = (now or timezone.now()) - dt.timedelta(days=settings.GANDAN_APIKEY_USES_DAYS)
    deleted, _by_model = ApiKeyUse.objects.filter(at__lt=before).delete()
    return deleted

"""An integrator's API key: a name, a public prefix that finds it, the SHA-256 of the whole key (never the key), the
unit whose subtree it may read (none: the whole installation), its scopes, and its life (revoked, expiry). Every
request made with a key leaves one ApiKeyUse row (docs/apikeys.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gandan.apikeys.rules import NAME_MAX, PREFIX_LENGTH


class ApiKey(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True)
    secret_hash = models.CharField(max_length=64)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)  # "" for the whole installation
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class ApiKeyUse(models.Model):
    """One request made with a key (or refused for it), appended when it arrives: the honest "every use audited"
    at the cost of one insert, kept out of the hash-chained audit trail it would flood."""

    class Outcome(models.TextChoices):
        OK = "ok", _("Accepted")
        REVOKED = "revoked", _("Refused: revoked")
        EXPIRED = "expired", _("Refused: expired")
        SCOPE = "scope", _("Refused: scope not granted")
        THROTTLED = "throttled", _("Refused: too many requests")

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="uses")
    at = models.DateTimeField()
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=200)
    address = models.CharField(max_length=45, blank=True)
    scope = models.CharField(max_length=20)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="apikey_use_key_at")]

    def __str__(self) -> str:
        return f"{self.key_id} {self.at:%Y-%m-%d %H:%M:%S} {self.method} {self.path} {self.outcome}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("API key uses are append-only")
        super().save(*args, **kwargs)

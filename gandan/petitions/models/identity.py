"""A denunciator's identity, kept apart from the case (Law on Denunciation Art. 56), and who may open it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gandan.petitions.models.petition import Petition


class ProtectedIdentity(models.Model):
    """The denunciator's identity and original letter, apart from the case (Law on Denunciation Art. 56).

    `persons` holds every denunciator: name, address, phone, email, id_number. Read it only through
    services.identity_open, which checks the grant and writes the audit row."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="identity")
    persons = models.JSONField(default=list)
    original_text = models.TextField(blank=True)
    waived = models.BooleanField(default=False)
    waiver_note = models.TextField(blank=True)
    waived_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.petition_id}: {len(self.persons)}"


class IdentityGrant(models.Model):
    """Who may open a protected identity on one case: the intake officer who recorded it, the resolver, and
    anyone the resolver explicitly grants. A revoked grant stays as history."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=20)  # intake / resolver / granted
    reason = models.TextField()
    at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_grant_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} → {self.user_id}"

from django.conf import settings
from django.db import models


class ThrottleHit(models.Model):
    """One failed attempt at a guessable public form (a dossier lookup with a wrong code or phone digits)."""

    key = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M}"


class SubmissionToken(models.Model):
    """A form's one-time token, claimed in the same transaction that creates the record (gandan/kit/idempotency.py):
    the unique token makes a second submission of the same form wait for the first and then find its result."""

    token = models.CharField(max_length=64, unique=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )  # the officer who sent it (empty for a citizen): only they are sent back to its result
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.token[:8]}… {self.created_at:%Y-%m-%d %H:%M}"

from django.db import models


class ThrottleHit(models.Model):
    """One failed attempt at a guessable public form (a dossier lookup with a wrong code or phone digits)."""

    key = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M}"

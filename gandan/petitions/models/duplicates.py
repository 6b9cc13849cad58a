"""What the duplicate check at intake keeps per petition: blocking keys and the stored fingerprint."""

from django.db import models

from gandan.petitions.models.petition import Petition


class DuplicateKey(models.Model):
    """Blocking keys of a petition (person keys, content LSH bands) for the duplicate check at intake, each folded to
    a signed 64-bit number: at a million petitions that is ~24 million rows, so every byte per row counts."""

    key = models.BigIntegerField()
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [models.Index(fields=["key", "petition"], name="dupkey_lookup")]

    def __str__(self) -> str:
        return str(self.key)


class StoredFingerprint(models.Model):
    """What scoring a candidate needs (gandan.core.duplicates.Fingerprint without the MinHash signature), so a
    duplicate check scores the candidates without re-reading and re-analysing their text (~4 ms each). The citizen
    ID and phone are kept as keyed digests; a protected denunciation keeps its content only."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="+", primary_key=True)
    data = models.JSONField()

    def __str__(self) -> str:
        return str(self.petition_id)

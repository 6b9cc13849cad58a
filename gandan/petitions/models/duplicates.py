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


class RelatedCase(models.Model):
    """Two petitions on the same concrete matter from different people (the same road, farm or plot): not one
    petition merged into another, but cases a handler sees together, or handles as one crowd case. Kept once per
    pair, the lower id first, with who linked them and when (the audit trail has the event)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    related = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "related"], name="related_case_once"),
            models.CheckConstraint(
                condition=models.Q(petition__lt=models.F("related")), name="related_case_ordered"
            ),
        ]
        indexes = [models.Index(fields=["related"], name="related_case_back")]

    def __str__(self) -> str:
        return f"{self.petition_id}~{self.related_id}"

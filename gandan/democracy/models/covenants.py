"""Village covenants (hương ước, quy ước; Decree 61/2023): the covenant with its state, and each version of its text
(the first draft, amendments); adoption is a `Vote` of matter 3."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gandan.core.democracy.covenants import CovenantState

STATE_LABELS = {
    CovenantState.DRAFT: _("Draft"),
    CovenantState.CONSULTATION: _("Consulting the people"),
    CovenantState.VOTING: _("Households voting"),
    CovenantState.ADOPTED: _("Adopted, dossier to send"),
    CovenantState.SUBMITTED: _("Sent for recognition"),
    CovenantState.IN_FORCE: _("In force"),
    CovenantState.REFUSED: _("Recognition refused"),
    CovenantState.SUSPENDED: _("Suspended"),
    CovenantState.SUPERSEDED: _("Replaced by an amendment"),
    CovenantState.ABOLISHED: _("Abolished"),
}


class Covenant(models.Model):
    village = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    commune_path = models.CharField(max_length=255, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(
        max_length=20, choices=[(s.value, s.value) for s in CovenantState], default=CovenantState.DRAFT
    )
    consultation = models.ForeignKey(
        "democracy.Consultation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vote = models.ForeignKey(
        "democracy.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adopted_on = models.DateField(null=True, blank=True)
    # The adoption count when it was recorded without a `vote` (a meeting's show of hands typed in): all households
    # of the village, those present, those who agreed. With a `vote`, the vote holds them.
    households = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    yes = models.PositiveIntegerField(null=True, blank=True)
    send_by = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    recognise_by = models.DateField(null=True, blank=True)
    recognised_on = models.DateField(null=True, blank=True)  # in force from this day
    decision_ref = models.CharField(_("recognition decision"), max_length=100, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)  # refusal, suspension, abolition
    ended_on = models.DateField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )  # an amendment is a new covenant replacing the one in force
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_path", "-id"]
        indexes = [models.Index(fields=["unit_path", "state"], name="dem_covenant_scope")]

    def __str__(self) -> str:
        return self.title

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[CovenantState(self.state)])


class CovenantVersion(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["covenant_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "number"], name="dem_covenant_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.covenant_id} v{self.number}"

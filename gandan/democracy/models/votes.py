"""Household votes (bàn và quyết định, Art. 15–21): the register of households of each village with their
representative, a vote on an Art. 15 matter, and the ballots (one per household: a database constraint).

A meeting's count is entered by the counting board (`present`, `yes`, `no`, `blank`); a household ballot or an online
vote is one `Ballot` row per household. Either way the result is computed against every household registered in the
village when the vote was counted (`households`), by `gandan.core.democracy.votes.tally`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gandan.core.democracy.votes import Form


class Household(models.Model):
    """A household of a village and the representative who votes for it. A household that moved away keeps its row
    with `left_on` (past votes keep their count)."""

    village = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    unit_path = models.CharField(max_length=255, editable=False)  # the village's path
    commune_path = models.CharField(max_length=255, editable=False, db_index=True)
    code = models.CharField(_("household number"), max_length=30)  # the village's own number (sổ hộ)
    representative = models.CharField(_("representative"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_optin = models.BooleanField(_("agreed to vote online"), default=False)
    optin_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_path", "code", "id"]
        indexes = [models.Index(fields=["unit_path", "left_on"], name="dem_household_scope")]
        constraints = [
            models.UniqueConstraint(fields=["village", "code"], name="dem_household_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.representative}"


class Vote(models.Model):
    """A village's decision on an Art. 15 matter, by meeting, household ballot or online vote."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Voting")
        COUNTED = "counted", _("Counted")
        SENT = "sent", _("Sent for recognition")
        RECOGNISED = "recognised", _("Recognised")
        REFUSED = "refused", _("Recognition refused")
        CANCELLED = "cancelled", _("Cancelled")

    village = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    commune_path = models.CharField(max_length=255, editable=False, db_index=True)
    matter = models.PositiveSmallIntegerField(_("matter (Art. 15)"))
    form = models.CharField(_("form"), max_length=10, choices=[(f.value, f.value) for f in Form])
    title = models.CharField(_("title"), max_length=300)
    question = models.TextField(_("what the households decide"))
    notice_on = models.DateField(_("notice sent on"), null=True, blank=True)  # ≥ 2 days before (Art. 18)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    counting_board = models.TextField(_("counting board"), blank=True)  # 3–5 names, one per line
    # The count (a meeting's show of hands, or the tally of the ballots), frozen when counted.
    households = models.PositiveIntegerField(null=True, blank=True)  # all households of the village then
    present = models.PositiveIntegerField(null=True, blank=True)
    yes = models.PositiveIntegerField(null=True, blank=True)
    no = models.PositiveIntegerField(null=True, blank=True)
    blank = models.PositiveIntegerField(null=True, blank=True)
    needed = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    legal_basis = models.CharField(max_length=300, editable=False)
    # The community decision (Art. 20) and its recognition (Art. 21): signatures, sending, answer.
    village_head = models.CharField(_("village head"), max_length=120, blank=True)
    front_head = models.CharField(_("head of the village Front committee"), max_length=120, blank=True)
    witness_1 = models.CharField(_("household representative"), max_length=120, blank=True)
    witness_2 = models.CharField(_("household representative"), max_length=120, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    send_by = models.DateField(null=True, blank=True)  # 5 working days after counting
    answer_by = models.DateField(null=True, blank=True)  # 5 working days after sending
    answered_on = models.DateField(null=True, blank=True)
    refusal_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["unit_path", "opens_at"], name="dem_vote_scope")]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="dem_vote_window"),
            models.CheckConstraint(condition=Q(matter__gte=1) & Q(matter__lte=6), name="dem_vote_matter_1_6"),
        ]

    def __str__(self) -> str:
        return self.title


class Ballot(models.Model):
    """One household's ballot in one vote: a slip entered by the counting team, or cast online by its
    representative. The unique constraint is what makes "one ballot per household" true under any concurrency."""

    class Choice(models.TextChoices):
        YES = "yes", _("Agree")
        NO = "no", _("Disagree")
        BLANK = "blank", _("No opinion")

    class Channel(models.TextChoices):
        SLIP = "slip", _("Paper slip")
        ONLINE = "online", _("Online")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vote_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="dem_ballot_one_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_id}: {self.choice}"


class BallotCode(models.Model):
    """The one-time code with which a household's representative votes online (Decree 59/2023 Art. 5), printed by the
    vote team on a slip the village head hands to the household. Only a keyed digest of the code is stored: nobody
    can read a code back from the database, and a code printed again replaces the one before. `used_at` is set when
    the household's ballot is cast with it."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="codes")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["vote_id", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="dem_code_one_per_household"),
            models.UniqueConstraint(fields=["vote", "digest"], name="dem_code_digest_once"),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_id}"
